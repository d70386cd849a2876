//! Start-up: remove any response from the address bar, read the configuration,
//! mount the app, then settle the sign-in state.

use leptos::prelude::*;
use leptos::task::spawn_local;
use url::Url;
use wasm_bindgen::JsCast;

use crate::api::token;
use crate::auth::callback::{complete_sign_in, Callback, CallbackOutcome, SignInRejection};
use crate::auth::session::Session;
use crate::auth::redirect::{parse_redirect, without_response, AuthorizationResponse, RedirectError};
use crate::auth::return_path::resolve_return_path;
use crate::auth::state::{startup_state, AuthState, SignedOutReason, Startup};
use crate::browser::storage::{self, LoadedSession};
use crate::browser::{clock, location, meta};
use crate::chunk;
use crate::config::{default_redirect_uri, Config};
use crate::controller::AppContext;
use crate::route::Route;
use crate::views::app::App;
use crate::views::config_error::ConfigErrorPage;
use crate::views::profile::prefetch_own_profile;

/// Id of the element the app mounts into when the host page has one;
/// otherwise it mounts at the end of `<body>`.
pub const MOUNT_ELEMENT_ID: &str = "ion-pages";

/// Entry point, called once from `main`.
pub fn start() {
    // The response leaves the address bar and the history entry before anything
    // else runs, so that a token is not kept in history or sent as a Referer.
    // index.html's inline script may already have hidden it; this also
    // covers host pages without that script.
    let Some(page_url) = location::initial_url() else {
        return;
    };
    let answer = parse_redirect(page_url.query(), page_url.fragment());
    let clean_url = without_response(&page_url);
    let cleaning = if answer.is_some() { Some(location::replace_url(&clean_url)) } else { None };

    console_error_panic_hook::set_once();
    // Logging twice (a second start) is harmless, so the error is ignored.
    let _ = console_log::init_with_level(log::Level::Info);
    if let Some(Err(error)) = cleaning {
        log::error!("The authorization response could not be removed from the address bar: {error}");
    }

    let config = match Config::from_settings(&meta::read_settings(), &clean_url) {
        Ok(config) => config,
        Err(error) => {
            log::error!("ion-pages is not configured: {error}");
            let suggested = default_redirect_uri(&clean_url);
            mount(move || view! { <ConfigErrorPage error=error.clone() suggested_redirect_uri=suggested.to_string()/> });
            return;
        }
    };

    let route = Route::parse(clean_url.fragment());
    let context = AppContext::new(config, clean_url.origin().ascii_serialization(), route);
    let first = first_state(&context, answer, &clean_url);
    // When the first state is already known, the app is mounted in it, so
    // the sign-in button or the view's request comes without a "Checking"
    // screen and a second render in between.
    // A signed-in start needs the chunk at once, so its download starts
    // before the page is built.
    let signed_in = match &first {
        FirstState::Known(startup) => matches!(startup.state, AuthState::SignedIn(_)),
        FirstState::Pending(_) => true,
    };
    if signed_in {
        chunk::preload();
    }
    if let FirstState::Known(startup) = &first {
        apply(&context, startup.clone(), false);
        if matches!(context.auth.get_untracked(), AuthState::SignedIn(_))
            && context.route.get_untracked() == Route::Profile
        {
            context.set_first_profile(prefetch_own_profile(&context));
        }
    }
    let app_context = context.clone();
    mount(move || view! { <App context=app_context.clone()/> });
    spawn_local(settle(context, first));
}

/// The first state as far as start-up can choose it before anything asynchronous runs.
enum FirstState {
    /// Chosen from the URL and local storage alone.
    Known(Startup),
    /// Needs the stored session decrypted, or a code exchanged, first.
    Pending(Option<CallbackOutcome>),
}

/// Checks the response in the URL (if any) against this tab's pending
/// attempts, and chooses the first state when no stored session has to be
/// decrypted: after a successful implicit sign-in, or with nothing stored.
fn first_state(
    context: &AppContext,
    answer: Option<Result<AuthorizationResponse, RedirectError>>,
    clean_url: &Url,
) -> FirstState {
    let config = &context.config;
    let now = clock::now_ms();
    let callback = answer.map(|answer| {
        complete_sign_in(answer, |state| storage::take_pending(config, state), &config.scope, now)
    });

    if let Some(Callback { attempt: Some(attempt), .. }) = &callback {
        if let Some(target) = resolve_return_path(clean_url, &attempt.return_to) {
            if &target != clean_url {
                if let Err(error) = location::replace_url(&target) {
                    log::warn!("Could not return to the page where sign-in started: {error}");
                }
                context.route.set(Route::parse(target.fragment()));
            }
        }
    }

    let outcome = callback.map(|callback| callback.outcome);
    match &outcome {
        Some(CallbackOutcome::Exchange(_)) => FirstState::Pending(outcome),
        Some(CallbackOutcome::SignedIn(_)) => FirstState::Known(startup_state(outcome, None, now)),
        _ if !storage::has_stored_session(config) => FirstState::Known(startup_state(outcome, None, now)),
        _ => FirstState::Pending(outcome),
    }
}

/// Finishes start-up: stores a new session, or exchanges an authorization
/// code and reads the stored session when the first state needs them. Both
/// run in the chunk (see `crate::chunk`).
async fn settle(context: AppContext, first: FirstState) {
    // Attempts that never got a response expire. Removing them can wait
    // until the page is on screen.
    storage::clear_pending(&context.config, Some(clock::now_ms()));
    match first {
        FirstState::Known(Startup { store: Some(session), .. }) => store(&context, session).await,
        FirstState::Known(_) => {}
        FirstState::Pending(outcome) => {
            // The authorization code and its pending attempt are used up by now,
            // so a reload would not finish this sign-in, and Ion takes the code
            // for 60 s only.
            let next_step = if matches!(outcome, Some(CallbackOutcome::Exchange(_))) {
                "Press Try again within a minute to finish signing in; after that, sign in again."
            } else {
                "Press Try again to restore your sign-in."
            };
            loop {
                match chunk::restore(context.clone(), outcome.clone()).await {
                    Ok(restore) => {
                        context.restore_failed.set(false);
                        context.banner.set(None);
                        restore.await;
                        break;
                    }
                    Err(error) => {
                        context.show(format!("{error} {next_step}"), true);
                        context.restore_failed.set(true);
                        // "Try again" on the page fetches the chunk again.
                        chunk::loaded().await;
                    }
                }
            }
        }
    }
}

/// Stores `session` encrypted. While the chunk cannot be fetched, the page
/// shows why the session is not stored, and it is stored once the chunk
/// arrives (after "Try again"), unless the user has signed out by then.
async fn store(context: &AppContext, session: Session) {
    loop {
        match chunk::persist(context.clone(), session.clone()).await {
            Ok(persist) => return persist.await,
            Err(_) => {
                context.storage_problem.set(Some("part of ion-pages could not be downloaded".to_owned()));
                chunk::loaded().await;
                if context.auth.get_untracked() != AuthState::SignedIn(session.clone()) {
                    return;
                }
            }
        }
    }
}

/// Exchanges an authorization code and reads the stored session, then shows
/// and stores the resulting state. Runs in the chunk.
pub(crate) async fn restore(context: AppContext, outcome: Option<CallbackOutcome>) {
    let config = &context.config;
    // The authorization code is exchanged at once: Ion accepts it for 60 s.
    let outcome = match outcome {
        Some(CallbackOutcome::Exchange(exchange)) => {
            Some(match token::exchange_code(config, &exchange, &context.page_origin).await {
                Ok(response) => {
                    CallbackOutcome::SignedIn(Session::from_token_response(response, &config.scope, clock::now_ms()))
                }
                Err(error) => CallbackOutcome::Rejected(SignInRejection::Exchange(error)),
            })
        }
        outcome => outcome,
    };

    let (stored, unreadable) = match storage::load_session(config).await {
        LoadedSession::Present(session) => (Some(session), false),
        LoadedSession::Absent => (None, false),
        LoadedSession::Unreadable(_) => (None, true),
    };
    let startup = startup_state(outcome, stored, clock::now_ms());
    if let Some(session) = apply(&context, startup, unreadable) {
        context.persist(&session).await;
    }
}

/// Shows the first state and returns the session that still has to be stored.
fn apply(context: &AppContext, startup: Startup, unreadable: bool) -> Option<Session> {
    let config = &context.config;
    if startup.clear_stored {
        storage::clear_session(config);
    }
    if let Some(rejection) = &startup.notice {
        log::warn!("An authorization response was rejected while a session stays valid: {rejection}");
        context.show(format!("{rejection} You are still signed in."), true);
    }

    let state = match startup.state {
        AuthState::SignedOut(SignedOutReason::NotSignedIn) if unreadable => {
            AuthState::SignedOut(SignedOutReason::StoredSessionUnreadable)
        }
        state => state,
    };
    if let AuthState::SignedOut(reason) = &state {
        if let Some(message) = reason.message().filter(|_| reason.is_problem()) {
            log::warn!("Signed out: {message}");
        }
    }

    match startup.store {
        Some(session) => {
            log::info!("Signed in; Ion granted the scope \"{}\".", session.scope);
            context.auth.set(AuthState::SignedIn(session.clone()));
            Some(session)
        }
        None => {
            context.auth.set(state);
            None
        }
    }
}

fn mount<F, V>(view: F)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let host = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(MOUNT_ELEMENT_ID))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    match host {
        Some(element) => leptos::mount::mount_to(element, view).forget(),
        None => leptos::mount::mount_to_body(view),
    }
}
