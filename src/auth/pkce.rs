//! Proof Key for Code Exchange (RFC 7636) with the S256 method. The SHA-256
//! digest comes from WebCrypto; this module turns random bytes and a digest
//! into the values sent to Ion.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base64url;

/// Random bytes behind a verifier: 32 bytes give 43 characters, the minimum
/// RFC 7636 section 4.1 allows, with 256 bits of entropy.
pub const VERIFIER_RANDOM_BYTES: usize = 32;

/// The `code_verifier`: kept with the attempt, sent only to the token endpoint.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CodeVerifier(String);

impl CodeVerifier {
    pub fn from_random_bytes(bytes: &[u8; VERIFIER_RANDOM_BYTES]) -> Self {
        Self(base64url::encode(bytes))
    }

    /// Rebuilds a verifier read back from this tab's pending attempt.
    pub fn from_stored(value: String) -> Self {
        Self(value)
    }

    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for CodeVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CodeVerifier([redacted])")
    }
}

/// The `code_challenge` for S256: `BASE64URL(SHA256(ASCII(code_verifier)))`,
/// given that digest.
pub fn challenge_from_digest(digest: &[u8; 32]) -> String {
    base64url::encode(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636 Appendix B: the verifier's random octets, the verifier, the
    /// SHA-256 of the verifier and the resulting challenge.
    const RANDOM: [u8; 32] = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
        240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    const DIGEST: [u8; 32] = [
        19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173, 109, 241, 68, 86, 110,
        225, 137, 74, 203, 112, 249, 195,
    ];

    #[test]
    fn verifier_matches_rfc_7636_appendix_b() {
        let verifier = CodeVerifier::from_random_bytes(&RANDOM);
        assert_eq!(verifier.secret(), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(verifier.secret().len(), 43);
    }

    #[test]
    fn challenge_matches_rfc_7636_appendix_b() {
        assert_eq!(challenge_from_digest(&DIGEST), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn verifier_debug_is_redacted() {
        let printed = format!("{:?}", CodeVerifier::from_random_bytes(&RANDOM));
        assert_eq!(printed, "CodeVerifier([redacted])");
    }
}
