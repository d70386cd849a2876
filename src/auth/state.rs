//! The sign-in state the page shows, and how it is chosen at start-up.

use super::callback::{CallbackOutcome, SignInRejection};
use super::session::Session;
use super::token_response::TokenError;

/// The reason no user is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedOutReason {
    /// Nothing stored and no response in the URL: a first visit.
    NotSignedIn,
    /// The user pressed "Sign out".
    SignedOut,
    /// The stored session passed its expiry time.
    Expired,
    /// Ion rejected the token on an API call (expired early or revoked).
    SessionEnded,
    /// Ion rejected the token again soon after an automatic re-authorization,
    /// so the app stopped redirecting by itself.
    ReauthorizationStopped,
    /// Another tab of this site signed out.
    SignedOutElsewhere,
    /// The stored session could not be decrypted or decoded and was removed.
    StoredSessionUnreadable,
    /// Ion refused to renew the session with its refresh token.
    RenewalRefused(TokenError),
    /// The response in the URL was refused by Ion or rejected by this app.
    Rejected(SignInRejection),
}

impl SignedOutReason {
    /// The sentence shown above the sign-in button; `None` on a first visit.
    pub fn message(&self) -> Option<String> {
        match self {
            SignedOutReason::NotSignedIn => None,
            SignedOutReason::SignedOut => Some("You signed out. This browser no longer holds your Ion token.".into()),
            SignedOutReason::Expired => Some("Signed out: your session expired. Sign in again to continue.".into()),
            SignedOutReason::SessionEnded => Some(
                "Signed out: Ion no longer accepts this sign-in (it expired or was revoked). Sign in again to continue."
                    .into(),
            ),
            SignedOutReason::ReauthorizationStopped => Some(
                "Signed out: Ion rejected this sign-in again right after an automatic sign-in, so the app \
                 stopped retrying to avoid a redirect loop. Sign in again, or check your account on Ion."
                    .into(),
            ),
            SignedOutReason::SignedOutElsewhere => Some("You signed out in another tab.".into()),
            SignedOutReason::StoredSessionUnreadable => Some(
                "Your saved sign-in could not be read on this device and was removed. Sign in again.".into(),
            ),
            SignedOutReason::RenewalRefused(error) => Some(format!("Signed out: {error}")),
            SignedOutReason::Rejected(rejection) => Some(rejection.to_string()),
        }
    }

    /// Whether the message reports a failure rather than a normal event.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            SignedOutReason::Rejected(_)
                | SignedOutReason::SessionEnded
                | SignedOutReason::ReauthorizationStopped
                | SignedOutReason::StoredSessionUnreadable
                | SignedOutReason::RenewalRefused(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthState {
    /// The stored session is being read (it is decrypted asynchronously).
    Checking,
    SignedOut(SignedOutReason),
    SignedIn(Session),
}

/// The state at start-up, and a notice to show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    pub state: AuthState,
    /// Set when a response was rejected while an earlier session stays valid.
    pub notice: Option<SignInRejection>,
    /// Whether storage must be updated: `Some(session)` to store, `None` with
    /// `clear_stored` to remove.
    pub store: Option<Session>,
    pub clear_stored: bool,
}

/// Chooses the state from the outcome of a response in the URL (if any) and the
/// stored session (if any). A rejected response never replaces a valid session:
/// otherwise a crafted link could sign the user out.
pub fn startup_state(callback: Option<CallbackOutcome>, stored: Option<Session>, now_ms: u64) -> Startup {
    let stored_valid = stored.clone().filter(|session| !session.is_expired(now_ms));
    let stored_expired = stored.is_some() && stored_valid.is_none();

    match (callback, stored_valid) {
        // The caller exchanges a code before choosing the state; should one
        // arrive here anyway, the stored session decides, as with no response.
        (Some(CallbackOutcome::Exchange(_)), stored) => startup_state(None, stored, now_ms),
        (Some(CallbackOutcome::SignedIn(session)), _) => Startup {
            state: AuthState::SignedIn(session.clone()),
            notice: None,
            store: Some(session),
            clear_stored: false,
        },
        (Some(CallbackOutcome::Rejected(rejection)), Some(session)) => Startup {
            state: AuthState::SignedIn(session),
            notice: Some(rejection),
            store: None,
            clear_stored: false,
        },
        (Some(CallbackOutcome::Rejected(rejection)), None) => Startup {
            state: AuthState::SignedOut(SignedOutReason::Rejected(rejection)),
            notice: None,
            store: None,
            clear_stored: stored_expired,
        },
        (None, Some(session)) => Startup { state: AuthState::SignedIn(session), notice: None, store: None, clear_stored: false },
        (None, None) if stored_expired => Startup {
            state: AuthState::SignedOut(SignedOutReason::Expired),
            notice: None,
            store: None,
            clear_stored: true,
        },
        (None, None) => Startup {
            state: AuthState::SignedOut(SignedOutReason::NotSignedIn),
            notice: None,
            store: None,
            clear_stored: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::secret::AccessToken;

    fn session(expires_at_ms: u64) -> Session {
        Session {
            access_token: AccessToken::new("t".into()),
            token_type: "Bearer".into(),
            scope: "read".into(),
            requested_scope: "read".into(),
            issued_at_ms: 0,
            expires_at_ms,
            refresh_token: None,
        }
    }

    const NOW: u64 = 10_000_000;

    #[test]
    fn first_visit_is_signed_out() {
        let startup = startup_state(None, None, NOW);
        assert_eq!(startup.state, AuthState::SignedOut(SignedOutReason::NotSignedIn));
        assert!(!startup.clear_stored);
    }

    #[test]
    fn stored_session_survives_reload() {
        let startup = startup_state(None, Some(session(NOW * 2)), NOW);
        assert_eq!(startup.state, AuthState::SignedIn(session(NOW * 2)));
        assert_eq!(startup.store, None);
    }

    #[test]
    fn expired_stored_session_is_cleared() {
        let startup = startup_state(None, Some(session(NOW)), NOW);
        assert_eq!(startup.state, AuthState::SignedOut(SignedOutReason::Expired));
        assert!(startup.clear_stored);
    }

    #[test]
    fn new_session_is_stored() {
        let startup = startup_state(Some(CallbackOutcome::SignedIn(session(NOW * 3))), Some(session(NOW * 2)), NOW);
        assert_eq!(startup.state, AuthState::SignedIn(session(NOW * 3)));
        assert_eq!(startup.store, Some(session(NOW * 3)));
    }

    #[test]
    fn rejection_keeps_valid_session() {
        let outcome = CallbackOutcome::Rejected(SignInRejection::UnknownState);
        let startup = startup_state(Some(outcome), Some(session(NOW * 2)), NOW);
        assert_eq!(startup.state, AuthState::SignedIn(session(NOW * 2)));
        assert_eq!(startup.notice, Some(SignInRejection::UnknownState));
        assert_eq!(startup.store, None);
    }

    #[test]
    fn rejection_without_session_is_shown() {
        let outcome = CallbackOutcome::Rejected(SignInRejection::UnknownState);
        let startup = startup_state(Some(outcome), None, NOW);
        assert_eq!(startup.state, AuthState::SignedOut(SignedOutReason::Rejected(SignInRejection::UnknownState)));
        assert_eq!(startup.store, None);
    }

    #[test]
    fn first_visit_has_no_message() {
        assert_eq!(SignedOutReason::NotSignedIn.message(), None);
        assert!(SignedOutReason::Expired.message().unwrap().contains("expired"));
    }
}
