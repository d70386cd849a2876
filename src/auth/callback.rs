//! The decision taken when the browser returns from Ion: whether the response
//! becomes a session or is rejected, and why. Nothing here touches storage;
//! the caller stores the session only when this returns one.

use std::fmt;

use super::error_code::OAuthErrorCode;
use super::redirect::{AuthorizationResponse, RedirectError};
use super::pkce::CodeVerifier;
use super::secret::{AuthorizationCode, State};
use super::session::{PendingAttempt, Session};
use super::token_response::TokenError;

/// The reason a sign-in did not complete. `Display` is the sentence shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInRejection {
    /// Ion responded with an OAuth error whose `state` matched.
    Refused { error: OAuthErrorCode, description: Option<String> },
    /// The response carried no `state`.
    MissingState,
    /// No attempt with the response's `state` is pending in this tab: the value
    /// was forged, already used, or belongs to a sign-in another tab started.
    UnknownState,
    /// The pending attempt was older than its lifetime.
    AttemptExpired,
    Malformed(RedirectError),
    /// The response belongs to another grant than the attempt started (a code
    /// for an implicit attempt, or a token for a code attempt).
    WrongGrant,
    /// The authorization code could not be exchanged for a token.
    Exchange(TokenError),
}

impl fmt::Display for SignInRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignInRejection::Refused { error, .. } => f.write_str(&error.message()),
            SignInRejection::MissingState => f.write_str(
                "The answer from Ion carried no state, so it could not be matched to a sign-in started here. \
                 It was ignored and nothing was stored.",
            ),
            SignInRejection::UnknownState => f.write_str(
                "The answer from Ion does not match any sign-in started in this tab (wrong or already used \
                 state), so it was ignored and nothing was stored.",
            ),
            SignInRejection::AttemptExpired => f.write_str(
                "The sign-in took longer than 15 minutes, so its answer was ignored and nothing was stored.",
            ),
            SignInRejection::Malformed(error) => error.fmt(f),
            SignInRejection::WrongGrant => f.write_str(
                "Ion answered with another grant than this page asked for, so the answer was ignored. Check \
                 that the ion-pages:grant setting matches how the application is registered on Ion.",
            ),
            SignInRejection::Exchange(error) => error.fmt(f),
        }
    }
}

/// The page's next step after reading the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackOutcome {
    SignedIn(Session),
    /// The code must still be exchanged at the token endpoint.
    Exchange(CodeExchange),
    Rejected(SignInRejection),
}

/// The parameters of the authorization-code grant's token request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeExchange {
    pub code: AuthorizationCode,
    pub verifier: CodeVerifier,
}

/// The outcome, and the attempt it belongs to when its `state` was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub outcome: CallbackOutcome,
    pub attempt: Option<PendingAttempt>,
}

/// Checks a response against the attempts this tab started and turns it into a
/// session or a rejection. `take_attempt` removes and returns the pending
/// attempt stored under a `state`, so that each value works once.
///
/// The `state` is checked before anything else, for error responses too, so a
/// forged error cannot put its text on screen.
pub fn complete_sign_in(
    answer: Result<AuthorizationResponse, RedirectError>,
    take_attempt: impl FnOnce(&State) -> Option<PendingAttempt>,
    requested_scope: &str,
    now_ms: u64,
) -> Callback {
    let rejected = |rejection, attempt| Callback { outcome: CallbackOutcome::Rejected(rejection), attempt };

    let answer = match answer {
        Ok(answer) => answer,
        Err(error) => return rejected(SignInRejection::Malformed(error), None),
    };
    let Some(received) = answer.state() else {
        return rejected(SignInRejection::MissingState, None);
    };
    let Some(attempt) = take_attempt(received) else {
        return rejected(SignInRejection::UnknownState, None);
    };
    // The store is keyed by the value, but compare anyway so that a lookup
    // that matched loosely cannot pass.
    if !attempt.state.matches(received) {
        return rejected(SignInRejection::UnknownState, None);
    }
    if attempt.is_expired(now_ms) {
        return rejected(SignInRejection::AttemptExpired, None);
    }

    let outcome = match (answer, attempt.code_verifier.clone()) {
        (AuthorizationResponse::Error(error), _) => CallbackOutcome::Rejected(SignInRejection::Refused {
            error: error.error,
            description: error.description,
        }),
        (AuthorizationResponse::Token(token), None) => {
            CallbackOutcome::SignedIn(Session::from_answer(token, requested_scope, now_ms))
        }
        (AuthorizationResponse::Code(answer), Some(verifier)) => {
            CallbackOutcome::Exchange(CodeExchange { code: answer.code, verifier })
        }
        (AuthorizationResponse::Token(_), Some(_)) | (AuthorizationResponse::Code(_), None) => {
            CallbackOutcome::Rejected(SignInRejection::WrongGrant)
        }
    };
    Callback { outcome, attempt: Some(attempt) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::redirect::parse_redirect;
    use crate::auth::session::PENDING_ATTEMPT_LIFETIME_MS;

    /// A store holding one attempt under `state`, as session storage would.
    fn store(state: &'static str, created_at_ms: u64) -> impl FnOnce(&State) -> Option<PendingAttempt> {
        move |received: &State| {
            (received.secret() == state).then(|| PendingAttempt {
                state: State::from_received(state.into()),
                created_at_ms,
                return_to: "/?view=profile".into(),
                code_verifier: None,
            })
        }
    }

    fn empty_store(_: &State) -> Option<PendingAttempt> {
        None
    }

    fn answer(query: Option<&str>, fragment: Option<&str>) -> Result<AuthorizationResponse, RedirectError> {
        parse_redirect(query, fragment).expect("an answer")
    }

    const TOKEN_FRAGMENT: &str = "access_token=tok&expires_in=36000&token_type=Bearer&scope=read&state=good";

    #[test]
    fn matching_state_signs_in() {
        let callback = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), store("good", 0), "read", 1_000);
        let CallbackOutcome::SignedIn(session) = callback.outcome else { panic!("expected a session, got {callback:?}") };
        assert_eq!(session.access_token.secret(), "tok");
        assert_eq!(session.expires_at_ms, 1_000 + 36_000_000);
        assert_eq!(session.scope, "read");
        assert_eq!(callback.attempt.unwrap().return_to, "/?view=profile");
    }

    #[test]
    fn wrong_state_is_rejected() {
        let callback = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), store("other", 0), "read", 1_000);
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::UnknownState));
        assert_eq!(callback.attempt, None);
    }

    #[test]
    fn missing_state_is_rejected() {
        let callback =
            complete_sign_in(answer(None, Some("access_token=t&token_type=Bearer")), store("good", 0), "read", 0);
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::MissingState));
    }

    #[test]
    fn answer_without_pending_attempt_is_rejected() {
        let callback = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), empty_store, "read", 0);
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::UnknownState));
    }

    #[test]
    fn loose_lookup_still_compares_state() {
        let lookup = |_: &State| {
            Some(PendingAttempt {
                state: State::from_received("else".into()),
                created_at_ms: 0,
                return_to: "/".into(),
                code_verifier: None,
            })
        };
        let callback = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), lookup, "read", 0);
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::UnknownState));
    }

    #[test]
    fn old_attempt_is_rejected() {
        let callback = complete_sign_in(
            answer(None, Some(TOKEN_FRAGMENT)),
            store("good", 0),
            "read",
            PENDING_ATTEMPT_LIFETIME_MS + 1,
        );
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::AttemptExpired));
    }

    #[test]
    fn denial_with_matching_state_is_refusal() {
        let callback =
            complete_sign_in(answer(Some("error=access_denied&state=good"), None), store("good", 0), "read", 0);
        assert_eq!(
            callback.outcome,
            CallbackOutcome::Rejected(SignInRejection::Refused { error: OAuthErrorCode::AccessDenied, description: None })
        );
        assert!(callback.attempt.is_some());
    }

    #[test]
    fn forged_error_is_unknown_state() {
        let callback = complete_sign_in(
            answer(Some("error=access_denied&error_description=Call+555&state=forged"), None),
            store("good", 0),
            "read",
            0,
        );
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::UnknownState));
    }

    #[test]
    fn error_without_state_is_rejected() {
        let callback = complete_sign_in(answer(Some("error=access_denied"), None), store("good", 0), "read", 0);
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::MissingState));
    }

    #[test]
    fn malformed_answer_is_rejected() {
        let callback = complete_sign_in(
            answer(None, Some("access_token=a&access_token=b&token_type=Bearer&state=good")),
            store("good", 0),
            "read",
            0,
        );
        assert_eq!(
            callback.outcome,
            CallbackOutcome::Rejected(SignInRejection::Malformed(RedirectError::DuplicateParameter("access_token")))
        );
    }

    fn code_store(_: &State) -> Option<PendingAttempt> {
        Some(PendingAttempt {
            state: State::from_received("good".into()),
            created_at_ms: 0,
            return_to: "/".into(),
            code_verifier: Some(CodeVerifier::from_random_bytes(&[7; 32])),
        })
    }

    #[test]
    fn code_with_verifier_asks_for_exchange() {
        let callback = complete_sign_in(answer(Some("code=c0de&state=good"), None), code_store, "read", 0);
        let CallbackOutcome::Exchange(exchange) = callback.outcome else { panic!("{callback:?}") };
        assert_eq!(exchange.code.secret(), "c0de");
        assert_eq!(exchange.verifier, CodeVerifier::from_random_bytes(&[7; 32]));
    }

    #[test]
    fn code_for_implicit_attempt_is_rejected() {
        let callback = complete_sign_in(answer(Some("code=c0de&state=good"), None), store("good", 0), "read", 0);
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::WrongGrant));
    }

    #[test]
    fn token_for_code_attempt_is_rejected() {
        let callback = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), code_store, "read", 0);
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::WrongGrant));
    }

    #[test]
    fn code_with_wrong_state_is_rejected_before_exchange() {
        let callback = complete_sign_in(answer(Some("code=c0de&state=forged"), None), store("good", 0), "read", 0);
        assert_eq!(callback.outcome, CallbackOutcome::Rejected(SignInRejection::UnknownState));
    }

    #[test]
    fn rejection_messages_never_contain_state() {
        let callback = complete_sign_in(answer(None, Some(TOKEN_FRAGMENT)), store("other", 0), "read", 0);
        let CallbackOutcome::Rejected(rejection) = callback.outcome else { panic!() };
        assert!(!rejection.to_string().contains("good"));
        assert!(!format!("{rejection:?}").contains("good"));
    }
}
