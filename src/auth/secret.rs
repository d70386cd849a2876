//! Newtypes for the two values that must never reach a log: the access token
//! and the `state` of an authorization request.
//!
//! Neither type implements `Display`, and `Debug` prints `[redacted]`, so a
//! stray `{:?}` or `log::debug!` cannot leak them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An OAuth 2.0 access token (RFC 6749 §1.4), sent as a Bearer credential.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    /// Returns the token itself.
    ///
    /// # Security
    /// Use only to build the `Authorization` header or to store the session.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken([redacted])")
    }
}

/// An OAuth 2.0 refresh token (RFC 6749 section 1.5), issued with the
/// authorization-code grant only.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RefreshToken(String);

impl RefreshToken {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshToken([redacted])")
    }
}

/// An authorization code (RFC 6749 section 4.1.2): single use, and valid
/// for 60 s on Ion.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthorizationCode(String);

impl AuthorizationCode {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthorizationCode([redacted])")
    }
}

/// The `state` value of one authorization request (RFC 6749 §10.12): an
/// unguessable value that binds the redirect back to the attempt that sent it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct State(String);

/// Number of random bytes in a generated `state`: 256 bits, well above the
/// 128 bits RFC 6749 §10.10 asks an attacker to have to guess.
pub const STATE_RANDOM_BYTES: usize = 32;

impl State {
    /// Builds a `state` from random bytes, hex-encoded so that it survives
    /// form encoding unchanged.
    pub fn from_random_bytes(bytes: &[u8; STATE_RANDOM_BYTES]) -> Self {
        Self(crate::hex::encode(bytes))
    }

    /// Wraps a `state` value read back from a redirect or from storage.
    pub fn from_received(value: String) -> Self {
        Self(value)
    }

    /// Returns the value itself, for the authorization URL and for storage.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// Compares two values in time that does not depend on where they differ.
    pub fn matches(&self, other: &State) -> bool {
        let left = self.0.as_bytes();
        let right = other.0.as_bytes();
        if left.len() != right.len() {
            return false;
        }
        left.iter().zip(right).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("State([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_token_debug_is_redacted() {
        let token = AccessToken::new("abcDEF123secret".into());
        let printed = format!("{token:?}");
        assert_eq!(printed, "AccessToken([redacted])");
        assert!(!printed.contains("abcDEF123secret"));
    }

    #[test]
    fn refresh_token_and_code_debug_are_redacted() {
        let printed = format!("{:?} {:?}", RefreshToken::new("rt-secret".into()), AuthorizationCode::new("code-secret".into()));
        assert!(!printed.contains("secret"));
        assert_eq!(printed, "RefreshToken([redacted]) AuthorizationCode([redacted])");
    }

    #[test]
    fn state_debug_is_redacted() {
        let state = State::from_received("s3cr3t-state".into());
        let printed = format!("{:?}", Some(&state));
        assert!(!printed.contains("s3cr3t-state"));
        assert!(printed.contains("[redacted]"));
    }

    #[test]
    fn state_from_bytes_is_lowercase_hex() {
        let mut bytes = [0u8; STATE_RANDOM_BYTES];
        bytes[0] = 0xab;
        bytes[31] = 0x0f;
        let state = State::from_random_bytes(&bytes);
        assert_eq!(state.secret().len(), 64);
        assert!(state.secret().starts_with("ab00"));
        assert!(state.secret().ends_with("000f"));
    }

    #[test]
    fn state_matches_only_equal_values() {
        let a = State::from_received("abc".into());
        assert!(a.matches(&State::from_received("abc".into())));
        assert!(!a.matches(&State::from_received("abd".into())));
        assert!(!a.matches(&State::from_received("abcd".into())));
        assert!(!a.matches(&State::from_received(String::new())));
    }
}
