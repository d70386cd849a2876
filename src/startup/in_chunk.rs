//! Start-up's part in the chunk: mounts the app into the frame the main
//! module built, then exchanges an authorization code, reads the stored
//! session, or stores a new one, as the first state needs.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::{app_mounted, prepare, FirstState, Handoff};
use crate::api::token;
use crate::auth::callback::{CallbackOutcome, SignInRejection};
use crate::auth::session::Session;
use crate::auth::state::{startup_state, AuthState, SignedOutReason, Startup};
use crate::browser::clock;
use crate::browser::storage::{self, LoadedSession};
use crate::controller::AppContext;
use crate::views::app::App;

/// Mounts the app from `handoff` into the frame's content element.
pub(crate) fn mount(handoff: Handoff) {
    let Handoff { config, page_origin, route, first, profile, content, prepared } = handoff;
    let Ok(content) = content.dyn_into::<web_sys::HtmlElement>() else {
        log::error!("The frame's content element is not an HTML element, so the app could not be shown.");
        return;
    };
    // What the address did while the chunk was on its way.
    let (latest_route, rejection) = app_mounted();
    let context = AppContext::new(config, page_origin, latest_route.unwrap_or(route));
    if let Some(profile) = profile {
        context.set_first_profile(profile);
    }
    if let Some(rejection) = rejection {
        context.show(rejection, true);
    }
    // When the first state is already known, the app is mounted in it, so the
    // view's request goes out without a "Checking" screen in between.
    let to_store = match &first {
        FirstState::Known(startup) => apply(&context, startup.clone(), false, prepared),
        FirstState::Pending(_) => None,
    };
    // Another tab may have signed in while the chunk was on its way.
    let signed_in_elsewhere = matches!(&first, FirstState::Known(Startup { state: AuthState::SignedOut(_), .. }))
        && storage::has_stored_session(&context.config);

    content.set_text_content(None);
    let app_context = context.clone();
    leptos::mount::mount_to(content, move || view! { <App context=app_context.clone()/> }).forget();

    spawn_local(async move {
        match first {
            FirstState::Known(_) => {
                if let Some(session) = to_store {
                    context.persist(&session).await;
                }
            }
            FirstState::Pending(outcome) => restore(&context, outcome).await,
        }
        if signed_in_elsewhere {
            context.sync_from_storage();
        }
    });
}

/// Exchanges an authorization code and reads the stored session, then shows
/// and stores the resulting state.
async fn restore(context: &AppContext, outcome: Option<CallbackOutcome>) {
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
    if let Some(session) = apply(context, startup, unreadable, false) {
        context.persist(&session).await;
    }
}

/// Shows the first state and returns the session that still has to be
/// stored. `prepared` is true when the main module has run [`prepare`] already.
fn apply(context: &AppContext, startup: Startup, unreadable: bool, prepared: bool) -> Option<Session> {
    if !prepared {
        prepare(&context.config, &startup);
    }
    if let Some(rejection) = &startup.notice {
        log::warn!("An authorization response was rejected while a session stays valid: {rejection}");
        context.show(format!("{rejection} You are still signed in."), true);
    }

    let state = match startup.state {
        AuthState::SignedOut(SignedOutReason::NotSignedIn) if unreadable => {
            log::warn!("Signed out: {}", SignedOutReason::StoredSessionUnreadable.message().unwrap_or_default());
            AuthState::SignedOut(SignedOutReason::StoredSessionUnreadable)
        }
        state => state,
    };
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
