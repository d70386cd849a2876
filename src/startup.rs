//! Start-up: remove any answer from the address bar, read the configuration,
//! settle the sign-in state and mount the app.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::auth::callback::complete_sign_in;
use crate::auth::redirect::{parse_redirect, without_answer};
use crate::auth::state::startup_state;
use crate::browser::{clock, location, meta, storage};
use crate::config::{default_redirect_uri, Config};
use crate::views::app::{App, AppContext};
use crate::views::config_error::ConfigErrorPage;

/// Id of the element the app mounts into when the host page has one;
/// otherwise it mounts at the end of `<body>`.
pub const MOUNT_ELEMENT_ID: &str = "ion-pages";

/// Entry point, called once from `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    // Logging twice (a second start) is harmless, so the error is ignored.
    let _ = console_log::init_with_level(log::Level::Info);

    let Some(page_url) = location::current_url() else {
        log::error!("The page's address could not be read; nothing was started.");
        return;
    };

    // The answer leaves the address bar and the history entry before anything
    // else runs, so that a token is not kept in history or sent as a Referer.
    let answer = parse_redirect(page_url.query(), page_url.fragment());
    if answer.is_some() {
        if let Err(error) = location::replace_url(&without_answer(&page_url)) {
            log::error!("The sign-in answer could not be removed from the address bar: {error}");
        }
    }

    let config = match Config::from_settings(&meta::read_settings(), &page_url) {
        Ok(config) => config,
        Err(error) => {
            log::error!("ion-pages is not configured: {error}");
            let suggested = default_redirect_uri(&page_url);
            mount(move || view! { <ConfigErrorPage error=error.clone() suggested_redirect_uri=suggested.to_string()/> });
            return;
        }
    };

    let now = clock::now_ms();
    let callback = answer.map(|answer| {
        let pending = storage::take_pending(&config);
        complete_sign_in(answer, pending, &config.scope, now)
    });
    let startup = startup_state(callback, storage::load_session(&config), now);

    if startup.clear_stored {
        storage::clear_session(&config);
    }
    let mut storage_problem = None;
    if let Some(session) = &startup.store {
        log::info!("Signed in; Ion granted the scope \"{}\".", session.scope);
        if let Err(error) = storage::save_session(&config, session) {
            log::warn!("The session could not be stored: {error}");
            storage_problem = Some(error);
        }
    }
    if let Some(rejection) = &startup.notice {
        log::warn!("A sign-in answer was rejected while a session stays valid: {rejection}");
    }
    if let crate::auth::state::AuthState::SignedOut(reason) = &startup.state {
        if let Some(message) = reason.message().filter(|_| reason.is_problem()) {
            log::warn!("Signed out: {message}");
        }
    }

    let page_origin = page_url.origin().ascii_serialization();
    let context = AppContext::new(config, page_origin, startup, storage_problem);
    mount(move || view! { <App context=context.clone()/> });
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

