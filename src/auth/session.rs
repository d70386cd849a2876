//! The signed-in session and the pending authorization attempt, with expiry
//! computed from a `now` the caller passes in (milliseconds since the Unix
//! epoch, as `Date.now()` gives them).

use serde::{Deserialize, Serialize};

use super::pkce::CodeVerifier;
use super::redirect::ImplicitTokenResponse;
use super::secret::{AccessToken, RefreshToken, State};
use super::token_response::TokenResponse;

/// How long before its expiry a session stops being used, so that a request
/// sent just before the deadline does not arrive after it.
pub const EXPIRY_MARGIN_MS: u64 = 5_000;

/// How long before expiry the user is offered to stay signed in. Tokens
/// shorter than twice this get the offer at half their lifetime.
pub const EXPIRY_WARNING_MS: u64 = 5 * 60 * 1000;

/// How long an authorization attempt may take, from the click on "Sign in"
/// to the redirect back.
pub const PENDING_ATTEMPT_LIFETIME_MS: u64 = 15 * 60 * 1000;

/// A usable sign-in: what the implicit grant returned, with an absolute expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub access_token: AccessToken,
    /// Always "Bearer": the redirect parser rejects every other type.
    pub token_type: String,
    /// The scope Ion granted (RFC 6749 §3.3: the requested one when the response
    /// names none).
    pub scope: String,
    /// The scope this app asked for, kept to show when Ion granted another.
    pub requested_scope: String,
    pub issued_at_ms: u64,
    pub expires_at_ms: u64,
    /// Issued with the authorization-code grant only; used to renew before
    /// expiry. django-oauth-toolkit replaces it at every use.
    #[serde(default)]
    pub refresh_token: Option<RefreshToken>,
}

impl Session {
    /// Builds the session from a checked token response received at `now_ms`.
    pub fn from_answer(answer: ImplicitTokenResponse, requested_scope: &str, now_ms: u64) -> Session {
        let lifetime_ms = answer.expires_in_secs.saturating_mul(1000);
        Session {
            access_token: answer.access_token,
            token_type: "Bearer".to_owned(),
            scope: answer.scope.unwrap_or_else(|| requested_scope.to_owned()),
            requested_scope: requested_scope.to_owned(),
            issued_at_ms: now_ms,
            expires_at_ms: now_ms.saturating_add(lifetime_ms),
            refresh_token: None,
        }
    }

    /// Builds the session from the token endpoint's response received at `now_ms`.
    pub fn from_token_response(response: TokenResponse, requested_scope: &str, now_ms: u64) -> Session {
        let lifetime_ms = response.expires_in_secs.saturating_mul(1000);
        Session {
            access_token: response.access_token,
            token_type: "Bearer".to_owned(),
            scope: response.scope.unwrap_or_else(|| requested_scope.to_owned()),
            requested_scope: requested_scope.to_owned(),
            issued_at_ms: now_ms,
            expires_at_ms: now_ms.saturating_add(lifetime_ms),
            refresh_token: response.refresh_token,
        }
    }

    /// Whether the token should no longer be sent.
    pub fn is_expired(&self, now_ms: u64) -> bool {
        now_ms.saturating_add(EXPIRY_MARGIN_MS) >= self.expires_at_ms
    }

    /// Milliseconds until [`Session::is_expired`] becomes true; zero once it is.
    pub fn remaining_ms(&self, now_ms: u64) -> u64 {
        self.expires_at_ms.saturating_sub(now_ms.saturating_add(EXPIRY_MARGIN_MS))
    }

    /// Whether to offer "stay signed in": the session is close to expiry but
    /// still usable.
    pub fn expiry_warning_due(&self, now_ms: u64) -> bool {
        let lifetime = self.expires_at_ms.saturating_sub(self.issued_at_ms);
        let lead = EXPIRY_WARNING_MS.min(lifetime / 2);
        !self.is_expired(now_ms) && self.remaining_ms(now_ms) <= lead
    }

    /// Whether Ion granted a scope other than the requested one.
    pub fn scope_differs(&self) -> bool {
        let mut granted: Vec<&str> = self.scope.split_whitespace().collect();
        let mut requested: Vec<&str> = self.requested_scope.split_whitespace().collect();
        granted.sort_unstable();
        requested.sort_unstable();
        granted != requested
    }
}

/// An authorization request sent and not yet answered by a redirect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAttempt {
    pub state: State,
    pub created_at_ms: u64,
    /// Path, query and fragment of the page where sign-in started, on this
    /// app's origin. Restored after the response; never read from the response.
    pub return_to: String,
    /// The PKCE verifier, for an authorization-code attempt.
    #[serde(default)]
    pub code_verifier: Option<CodeVerifier>,
}

impl PendingAttempt {
    pub fn is_expired(&self, now_ms: u64) -> bool {
        now_ms.saturating_sub(self.created_at_ms) > PENDING_ATTEMPT_LIFETIME_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(expires_in_secs: u64, scope: Option<&str>) -> ImplicitTokenResponse {
        ImplicitTokenResponse {
            access_token: AccessToken::new("t".into()),
            expires_in_secs,
            scope: scope.map(str::to_owned),
            state: None,
        }
    }

    #[test]
    fn expiry_is_absolute() {
        let session = Session::from_answer(answer(36_000, Some("read")), "read", 1_000_000);
        assert_eq!(session.expires_at_ms, 1_000_000 + 36_000_000);
    }

    #[test]
    fn session_expires_with_margin() {
        let session = Session::from_answer(answer(60, None), "read", 0);
        assert!(!session.is_expired(0));
        assert!(!session.is_expired(60_000 - EXPIRY_MARGIN_MS - 1));
        assert!(session.is_expired(60_000 - EXPIRY_MARGIN_MS));
        assert!(session.is_expired(u64::MAX));
    }

    #[test]
    fn zero_lifetime_is_expired_at_once() {
        let session = Session::from_answer(answer(0, None), "read", 5_000);
        assert!(session.is_expired(5_000));
        assert_eq!(session.remaining_ms(5_000), 0);
    }

    #[test]
    fn remaining_time_counts_down() {
        let session = Session::from_answer(answer(100, None), "read", 0);
        assert_eq!(session.remaining_ms(0), 100_000 - EXPIRY_MARGIN_MS);
        assert_eq!(session.remaining_ms(50_000), 50_000 - EXPIRY_MARGIN_MS);
    }

    #[test]
    fn missing_scope_means_requested_scope() {
        let session = Session::from_answer(answer(10, None), "read write", 0);
        assert_eq!(session.scope, "read write");
        assert!(!session.scope_differs());
    }

    #[test]
    fn other_granted_scope_is_noticed() {
        let reordered = Session::from_answer(answer(10, Some("write read")), "read write", 0);
        assert!(!reordered.scope_differs());
        let narrower = Session::from_answer(answer(10, Some("read")), "read write", 0);
        assert!(narrower.scope_differs());
    }

    #[test]
    fn token_response_keeps_refresh_token() {
        let response = TokenResponse {
            access_token: AccessToken::new("a".into()),
            expires_in_secs: 10,
            scope: None,
            refresh_token: Some(RefreshToken::new("r".into())),
        };
        let session = Session::from_token_response(response, "read", 1_000);
        assert_eq!(session.refresh_token.unwrap().secret(), "r");
        assert_eq!(session.expires_at_ms, 11_000);
        assert_eq!(session.scope, "read");
    }

    #[test]
    fn session_survives_json_round_trip() {
        let session = Session::from_answer(answer(10, Some("read")), "read", 42);
        let json = serde_json::to_string(&session).unwrap();
        let back: Session = serde_json::from_str(&json).unwrap();
        assert_eq!(back, session);
    }

    #[test]
    fn warning_comes_before_expiry() {
        let session = Session::from_answer(answer(3600, None), "read", 0);
        let expiry = 3_600_000 - EXPIRY_MARGIN_MS;
        assert!(!session.expiry_warning_due(0));
        assert!(!session.expiry_warning_due(expiry - EXPIRY_WARNING_MS - 1));
        assert!(session.expiry_warning_due(expiry - EXPIRY_WARNING_MS));
        assert!(session.expiry_warning_due(expiry - 1));
        assert!(!session.expiry_warning_due(expiry));
    }

    #[test]
    fn short_token_warns_at_half_life() {
        let session = Session::from_answer(answer(20, None), "read", 0);
        assert!(!session.expiry_warning_due(0));
        assert!(session.expiry_warning_due(20_000 - EXPIRY_MARGIN_MS - 10_000));
    }

    #[test]
    fn pending_attempt_expires_after_lifetime() {
        let attempt = PendingAttempt {
            state: State::from_received("s".into()),
            created_at_ms: 1_000,
            return_to: "/".into(),
            code_verifier: None,
        };
        assert!(!attempt.is_expired(1_000 + PENDING_ATTEMPT_LIFETIME_MS));
        assert!(attempt.is_expired(1_000 + PENDING_ATTEMPT_LIFETIME_MS + 1));
    }
}
