//! The decision taken when the browser returns from Ion: whether the answer
//! becomes a session or is rejected, and why. Nothing here touches storage;
//! the caller stores the session only when this returns one.

use std::fmt;

use super::error_code::OAuthErrorCode;
use super::redirect::{RedirectAnswer, RedirectError};
use super::session::{PendingAttempt, Session};

/// Why a sign-in did not complete. `Display` is the sentence shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInRejection {
    /// Ion answered with an OAuth error whose `state` matched.
    Refused { error: OAuthErrorCode, description: Option<String> },
    /// The answer's `state` was absent or not the one this browser sent.
    StateMismatch,
    /// No attempt was pending: the answer was reused, or came from a sign-in
    /// that this browser tab did not start.
    NoPendingAttempt,
    /// The pending attempt was older than its lifetime.
    AttemptExpired,
    Malformed(RedirectError),
}

impl fmt::Display for SignInRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignInRejection::Refused { error, .. } => f.write_str(&error.message()),
            SignInRejection::StateMismatch => f.write_str(
                "The answer from Ion did not match the sign-in this page started (wrong state), so it was \
                 ignored and nothing was stored.",
            ),
            SignInRejection::NoPendingAttempt => f.write_str(
                "This page received a sign-in answer it was not waiting for (it may have been used already), \
                 so it was ignored and nothing was stored.",
            ),
            SignInRejection::AttemptExpired => f.write_str(
                "The sign-in took longer than 15 minutes, so its answer was ignored and nothing was stored.",
            ),
            SignInRejection::Malformed(error) => error.fmt(f),
        }
    }
}

/// What the page does after reading the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackOutcome {
    SignedIn(Session),
    Rejected(SignInRejection),
}

/// Checks an answer against the attempt this tab started and turns it into a
/// session or a rejection. The `state` is checked before anything else, for
/// error answers too, so a forged error cannot put its text on screen.
pub fn complete_sign_in(
    answer: Result<RedirectAnswer, RedirectError>,
    pending: Option<PendingAttempt>,
    requested_scope: &str,
    now_ms: u64,
) -> CallbackOutcome {
    let answer = match answer {
        Ok(answer) => answer,
        Err(error) => return CallbackOutcome::Rejected(SignInRejection::Malformed(error)),
    };

    let Some(pending) = pending else {
        return CallbackOutcome::Rejected(SignInRejection::NoPendingAttempt);
    };
    let state_matches = answer.state().is_some_and(|received| received.matches(&pending.state));
    if !state_matches {
        return CallbackOutcome::Rejected(SignInRejection::StateMismatch);
    }
    if pending.is_expired(now_ms) {
        return CallbackOutcome::Rejected(SignInRejection::AttemptExpired);
    }

    match answer {
        RedirectAnswer::Error(error) => CallbackOutcome::Rejected(SignInRejection::Refused {
            error: error.error,
            description: error.description,
        }),
        RedirectAnswer::Token(token) => CallbackOutcome::SignedIn(Session::from_answer(token, requested_scope, now_ms)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::redirect::parse_redirect;
    use crate::auth::secret::State;
    use crate::auth::session::PENDING_ATTEMPT_LIFETIME_MS;

    fn pending(state: &str, created_at_ms: u64) -> Option<PendingAttempt> {
        Some(PendingAttempt { state: State::from_received(state.into()), created_at_ms })
    }

    fn answer(query: Option<&str>, fragment: Option<&str>) -> Result<RedirectAnswer, RedirectError> {
        parse_redirect(query, fragment).expect("an answer")
    }

    const TOKEN_FRAGMENT: &str = "access_token=tok&expires_in=36000&token_type=Bearer&scope=read&state=good";

    #[test]
    fn matching_state_signs_in() {
        let outcome = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), pending("good", 0), "read", 1_000);
        let CallbackOutcome::SignedIn(session) = outcome else { panic!("expected a session, got {outcome:?}") };
        assert_eq!(session.access_token.secret(), "tok");
        assert_eq!(session.expires_at_ms, 1_000 + 36_000_000);
        assert_eq!(session.scope, "read");
    }

    #[test]
    fn wrong_state_is_rejected() {
        let outcome = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), pending("other", 0), "read", 1_000);
        assert_eq!(outcome, CallbackOutcome::Rejected(SignInRejection::StateMismatch));
    }

    #[test]
    fn missing_state_is_rejected() {
        let outcome =
            complete_sign_in(answer(None, Some("access_token=t&token_type=Bearer")), pending("good", 0), "read", 0);
        assert_eq!(outcome, CallbackOutcome::Rejected(SignInRejection::StateMismatch));
    }

    #[test]
    fn answer_without_pending_attempt_is_rejected() {
        let outcome = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), None, "read", 0);
        assert_eq!(outcome, CallbackOutcome::Rejected(SignInRejection::NoPendingAttempt));
    }

    #[test]
    fn old_attempt_is_rejected() {
        let outcome = complete_sign_in(
            answer(None, Some(TOKEN_FRAGMENT)),
            pending("good", 0),
            "read",
            PENDING_ATTEMPT_LIFETIME_MS + 1,
        );
        assert_eq!(outcome, CallbackOutcome::Rejected(SignInRejection::AttemptExpired));
    }

    #[test]
    fn denial_with_matching_state_is_refusal() {
        let outcome = complete_sign_in(answer(Some("error=access_denied&state=good"), None), pending("good", 0), "read", 0);
        assert_eq!(
            outcome,
            CallbackOutcome::Rejected(SignInRejection::Refused { error: OAuthErrorCode::AccessDenied, description: None })
        );
    }

    #[test]
    fn forged_error_is_state_mismatch() {
        let outcome = complete_sign_in(
            answer(Some("error=access_denied&error_description=Call+555&state=forged"), None),
            pending("good", 0),
            "read",
            0,
        );
        assert_eq!(outcome, CallbackOutcome::Rejected(SignInRejection::StateMismatch));
    }

    #[test]
    fn malformed_answer_is_rejected() {
        let outcome = complete_sign_in(
            answer(None, Some("access_token=a&access_token=b&token_type=Bearer&state=good")),
            pending("good", 0),
            "read",
            0,
        );
        assert_eq!(
            outcome,
            CallbackOutcome::Rejected(SignInRejection::Malformed(RedirectError::DuplicateParameter("access_token")))
        );
    }

    #[test]
    fn rejection_messages_never_contain_state() {
        let outcome = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), pending("other", 0), "read", 0);
        let CallbackOutcome::Rejected(rejection) = outcome else { panic!() };
        assert!(!rejection.to_string().contains("good"));
        assert!(!format!("{rejection:?}").contains("good"));
    }
}
