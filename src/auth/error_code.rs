//! OAuth 2.0 error codes of the authorization endpoint (RFC 6749 §4.2.2.1),
//! with the sentence a person reads for each.

/// An `error` value. Codes this app does not know still parse, as `Other`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthErrorCode {
    AccessDenied,
    InvalidRequest,
    UnauthorizedClient,
    UnsupportedResponseType,
    InvalidScope,
    ServerError,
    TemporarilyUnavailable,
    LoginRequired,
    Other(String),
}

impl OAuthErrorCode {
    pub fn parse(code: &str) -> Self {
        match code {
            "access_denied" => Self::AccessDenied,
            "invalid_request" => Self::InvalidRequest,
            "unauthorized_client" => Self::UnauthorizedClient,
            "unsupported_response_type" => Self::UnsupportedResponseType,
            "invalid_scope" => Self::InvalidScope,
            "server_error" => Self::ServerError,
            "temporarily_unavailable" => Self::TemporarilyUnavailable,
            "login_required" => Self::LoginRequired,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The code as the server sent it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::AccessDenied => "access_denied",
            Self::InvalidRequest => "invalid_request",
            Self::UnauthorizedClient => "unauthorized_client",
            Self::UnsupportedResponseType => "unsupported_response_type",
            Self::InvalidScope => "invalid_scope",
            Self::ServerError => "server_error",
            Self::TemporarilyUnavailable => "temporarily_unavailable",
            Self::LoginRequired => "login_required",
            Self::Other(code) => code,
        }
    }

    /// Returns the sentence shown to the user for this error.
    pub fn message(&self) -> String {
        match self {
            Self::AccessDenied => "You cancelled the sign-in on Ion, so this app has no access.".to_owned(),
            Self::InvalidRequest => "Ion rejected the sign-in request as malformed.".to_owned(),
            Self::UnauthorizedClient => "This Ion does not accept the implicit grant for this app. The application \
                 must be registered on Ion with the implicit grant type; Ion's registration page no longer offers it \
                 to new applications."
                .to_owned(),
            Self::UnsupportedResponseType => {
                "This Ion does not support signing in with response_type=token (the implicit grant).".to_owned()
            }
            Self::InvalidScope => {
                "Ion rejected the requested scope. Check the ion-pages:scope setting; Ion offers read, write, \
                 openid, profile, email and groups."
                    .to_owned()
            }
            Self::ServerError => "Ion failed while handling the sign-in. Try again later.".to_owned(),
            Self::TemporarilyUnavailable => "Ion is temporarily unavailable. Try again later.".to_owned(),
            Self::LoginRequired => "You need to log in to Ion first.".to_owned(),
            Self::Other(code) => format!("Ion refused the sign-in with the error \"{code}\"."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_round_trip() {
        for code in [
            "access_denied",
            "invalid_request",
            "unauthorized_client",
            "unsupported_response_type",
            "invalid_scope",
            "server_error",
            "temporarily_unavailable",
            "login_required",
        ] {
            let parsed = OAuthErrorCode::parse(code);
            assert!(!matches!(parsed, OAuthErrorCode::Other(_)), "{code} parsed as Other");
            assert_eq!(parsed.as_str(), code);
        }
    }

    #[test]
    fn unknown_code_keeps_its_text() {
        let parsed = OAuthErrorCode::parse("slow_down");
        assert_eq!(parsed, OAuthErrorCode::Other("slow_down".into()));
        assert!(parsed.message().contains("slow_down"));
    }

    #[test]
    fn unauthorized_client_names_implicit_grant() {
        assert!(OAuthErrorCode::UnauthorizedClient.message().contains("implicit grant"));
    }
}
