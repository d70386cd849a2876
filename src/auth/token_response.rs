//! The token endpoint's response (RFC 6749 sections 5.1 and 5.2), for the
//! authorization-code and refresh-token grants.

use std::fmt;

use serde::Deserialize;

use super::redirect::DEFAULT_EXPIRES_IN_SECS;
use super::secret::{AccessToken, RefreshToken};

/// The request a response belongs to, which changes what an error means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRequest {
    /// `grant_type=authorization_code`.
    Code,
    /// `grant_type=refresh_token`.
    Refresh,
}

/// A successful response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenResponse {
    pub access_token: AccessToken,
    pub expires_in_secs: u64,
    pub scope: Option<String>,
    pub refresh_token: Option<RefreshToken>,
}

/// The reason the token endpoint's response gives no session. `Display` is the
/// sentence shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// `invalid_grant`: for a code, it expired (Ion allows 60 s) or was used
    /// already; for a refresh token, it was revoked, expired or rotated.
    InvalidGrant(TokenRequest),
    /// Another OAuth error code, with the server's description.
    Rejected { error: String, description: Option<String> },
    UnsupportedTokenType(String),
    /// The body is not a token response.
    Malformed { status: u16 },
    /// The request got no readable response; the sentence says why (offline,
    /// or Ion refusing this origin).
    Transport(String),
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::InvalidGrant(TokenRequest::Code) => f.write_str(
                "Ion rejected the authorization code: it expired (Ion accepts it for 60 seconds) or was already \
                 used. Sign in again.",
            ),
            TokenError::InvalidGrant(TokenRequest::Refresh) => f.write_str(
                "Ion no longer accepts this sign-in's refresh token (it was revoked, expired or already used \
                 in another tab). Sign in again.",
            ),
            TokenError::Rejected { error, description: Some(description) } => {
                write!(f, "Ion rejected the token request ({error}): {description}")
            }
            TokenError::Rejected { error, description: None } => write!(f, "Ion rejected the token request ({error})."),
            TokenError::UnsupportedTokenType(kind) => {
                write!(f, "Ion issued a token of type \"{kind}\", but this app can only use Bearer tokens.")
            }
            TokenError::Transport(reason) => f.write_str(reason),
            TokenError::Malformed { status } => {
                write!(f, "Ion's token endpoint answered HTTP {status} with a body this app could not read.")
            }
        }
    }
}

impl std::error::Error for TokenError {}

#[derive(Deserialize)]
struct SuccessBody {
    access_token: String,
    token_type: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// Reads the token endpoint's response.
///
/// # Errors
/// A [`TokenError`] for OAuth errors and unreadable bodies.
pub fn parse_token_response(request: TokenRequest, status: u16, body: &str) -> Result<TokenResponse, TokenError> {
    if (200..300).contains(&status) {
        // serde_json's messages may quote the body, which holds the token.
        let success: SuccessBody = serde_json::from_str(body).map_err(|_| TokenError::Malformed { status })?;
        if !success.token_type.eq_ignore_ascii_case("bearer") {
            return Err(TokenError::UnsupportedTokenType(success.token_type));
        }
        if success.access_token.is_empty() {
            return Err(TokenError::Malformed { status });
        }
        return Ok(TokenResponse {
            access_token: AccessToken::new(success.access_token),
            expires_in_secs: success.expires_in.unwrap_or(DEFAULT_EXPIRES_IN_SECS),
            scope: success.scope,
            refresh_token: success.refresh_token.filter(|token| !token.is_empty()).map(RefreshToken::new),
        });
    }

    match serde_json::from_str::<ErrorBody>(body) {
        Ok(error) if error.error == "invalid_grant" => Err(TokenError::InvalidGrant(request)),
        Ok(error) => Err(TokenError::Rejected { error: error.error, description: error.error_description }),
        Err(_) => Err(TokenError::Malformed { status }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ion_code_answer_is_read() {
        let body = r#"{"access_token": "abc", "expires_in": 36000, "token_type": "Bearer", "scope": "read", "refresh_token": "def"}"#;
        let response = parse_token_response(TokenRequest::Code, 200, body).unwrap();
        assert_eq!(response.access_token.secret(), "abc");
        assert_eq!(response.expires_in_secs, 36000);
        assert_eq!(response.scope.as_deref(), Some("read"));
        assert_eq!(response.refresh_token.unwrap().secret(), "def");
    }

    #[test]
    fn missing_expiry_uses_ion_default() {
        let response = parse_token_response(TokenRequest::Code, 200, r#"{"access_token": "a", "token_type": "bearer"}"#).unwrap();
        assert_eq!(response.expires_in_secs, DEFAULT_EXPIRES_IN_SECS);
        assert_eq!(response.refresh_token, None);
    }

    #[test]
    fn invalid_grant_depends_on_request() {
        let body = r#"{"error": "invalid_grant"}"#;
        let code = parse_token_response(TokenRequest::Code, 400, body).unwrap_err();
        assert_eq!(code, TokenError::InvalidGrant(TokenRequest::Code));
        assert!(code.to_string().contains("60 seconds"));
        let refresh = parse_token_response(TokenRequest::Refresh, 400, body).unwrap_err();
        assert!(refresh.to_string().contains("refresh token"));
    }

    #[test]
    fn other_errors_keep_description() {
        let body = r#"{"error": "invalid_client", "error_description": "Unknown client"}"#;
        let error = parse_token_response(TokenRequest::Code, 401, body).unwrap_err();
        assert_eq!(error, TokenError::Rejected { error: "invalid_client".into(), description: Some("Unknown client".into()) });
    }

    #[test]
    fn unreadable_bodies_never_echo_content() {
        let error = parse_token_response(TokenRequest::Code, 200, r#"{"access_token": 5, "secret-ish"}"#).unwrap_err();
        assert_eq!(error, TokenError::Malformed { status: 200 });
        assert!(!error.to_string().contains("secret"));
        assert_eq!(parse_token_response(TokenRequest::Code, 500, "<h1>Server Error</h1>").unwrap_err(), TokenError::Malformed { status: 500 });
    }

    #[test]
    fn mac_token_is_rejected() {
        let error = parse_token_response(TokenRequest::Code, 200, r#"{"access_token": "a", "token_type": "mac"}"#).unwrap_err();
        assert_eq!(error, TokenError::UnsupportedTokenType("mac".into()));
    }
}
