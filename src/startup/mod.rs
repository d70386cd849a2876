//! Start-up: remove any response from the address bar, read the configuration,
//! build the page frame, then either show the sign-in page or hand over to
//! the app in the chunk.
//!
//! This part runs in the main module and uses no Leptos. A signed-out visit
//! (other than to Today, which shows Ion's open schedule) gets its whole page
//! from here, so it never downloads the chunk. Every other start, and a
//! signed-out page once the user goes to Today, pastes a response or signs in
//! in another tab, fetches the chunk and mounts the app from it (see
//! [`in_chunk`]).

mod fragment;
pub(crate) mod in_chunk;

pub(crate) use fragment::{read_fragment_change, FragmentChange};

use std::cell::RefCell;

use futures::future::LocalBoxFuture;
use url::Url;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::api::ApiError;
use crate::auth::callback::{complete_sign_in, Callback, CallbackOutcome};
use crate::auth::redirect::{parse_redirect, without_response, AuthorizationResponse, RedirectError};
use crate::auth::return_path::resolve_return_path;
use crate::auth::state::{startup_state, AuthState, SignedOutReason, Startup};
use crate::browser::dom::{self, element, text_element};
use crate::browser::{clock, crypto, fetch, location, meta, storage};
use crate::chunk;
use crate::config::{default_redirect_uri, Config};
use crate::route::Route;
use crate::views::{config_error, emergency, frame, not_found, sign_in};

/// Id of the element the app mounts into when the host page has one;
/// otherwise it mounts at the end of `<body>`.
pub const MOUNT_ELEMENT_ID: &str = "ion-pages";

/// The first state as far as start-up can choose it before anything asynchronous runs.
#[derive(Clone)]
pub(crate) enum FirstState {
    /// Chosen from the URL and local storage alone.
    Known(Startup),
    /// Needs the stored session decrypted, or a code exchanged, first.
    Pending(Option<CallbackOutcome>),
}

/// The state the main module hands to the app in the chunk.
#[derive(Clone)]
pub(crate) struct Handoff {
    pub config: Config,
    pub page_origin: String,
    pub route: Route,
    pub first: FirstState,
    /// `GET /api/profile`, sent before the chunk arrived (see [`prefetch_profile`]).
    pub profile: Option<js_sys::Promise>,
    /// The frame's element the app is mounted into.
    pub content: Element,
    /// Whether [`prepare`] has run for a known first state, so the app does
    /// not repeat it.
    pub prepared: bool,
}

/// The part of the page that follows the address and storage.
enum Stage {
    /// The main module shows the signed-out page in `handoff.content`.
    SignedOut { handoff: Box<Handoff>, reason: SignedOutReason },
    /// The chunk is on its way, or its download failed and "Try again" waits.
    Launching,
    /// The app in the chunk follows changes itself.
    App,
}

thread_local! {
    static STAGE: RefCell<Stage> = const { RefCell::new(Stage::Launching) };
    /// The view the address named last, until the app takes over.
    static CURRENT_ROUTE: RefCell<Option<Route>> = const { RefCell::new(None) };
    /// A pasted response rejected while the chunk was on its way, for the app to show.
    static LATEST_REJECTION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Entry point, called once from `main`.
pub fn start() {
    // The response leaves the address bar and the history entry before anything
    // else runs, so that a token is not kept in history or sent as a Referer.
    // index.html's inline script has usually hidden it already, and then the
    // address is set once, after the profile request has left (see below).
    // This also covers host pages without that script.
    let Some(initial) = location::initial_url() else {
        return;
    };
    let page_url = initial.url;
    let answer = parse_redirect(page_url.query(), page_url.fragment());
    let clean_url = without_response(&page_url);
    let cleaning =
        if answer.is_some() && !initial.response_hidden { Some(location::replace_url(&clean_url)) } else { None };
    let set_address = answer.is_some() || initial.response_hidden;

    console_error_panic_hook::set_once();
    // Logging twice (a second start) is harmless, so the error is ignored.
    let _ = console_log::init_with_level(log::Level::Info);
    if let Some(Err(error)) = cleaning {
        log::error!("The authorization response could not be removed from the address bar: {error}");
    }
    let Some(host) = mount_host() else {
        log::error!("ion-pages found no document to show its page in.");
        if set_address {
            show_address(&clean_url);
        }
        return;
    };

    let config = match Config::from_settings(&meta::read_settings(), &clean_url) {
        Ok(config) => config,
        Err(error) => {
            log::error!("ion-pages is not configured: {error}");
            let suggested = default_redirect_uri(&clean_url);
            if let Err(error) = config_error::build(&host, &error, suggested.as_str()) {
                log::error!("The page could not be built: {}", crypto::describe(&error));
            }
            if set_address {
                show_address(&clean_url);
            }
            return;
        }
    };

    let (first, address) = first_state(&config, answer, &clean_url);
    let route = Route::parse(address.fragment());
    CURRENT_ROUTE.set(Some(route.clone()));
    // The profile request and the chunk's download leave before the page is
    // built, so that they overlap with it.
    let signed_out = signed_out_reason(&route, &first);
    let profile = prefetch_profile(&config, &route, &first);
    // After a response, the address names the view where sign-in started.
    if set_address {
        show_address(&address);
    }
    if signed_out.is_none() {
        chunk::preload();
    }
    let frame = match frame::build(&host, &config, &route) {
        Ok(frame) => frame,
        Err(error) => {
            log::error!("The page could not be built: {}", crypto::describe(&error));
            return;
        }
    };
    emergency::show_in(frame.main, &config);
    // Attempts that never got a response expire.
    storage::clear_pending(&config, Some(clock::now_ms()));

    let mut handoff = Handoff {
        config,
        page_origin: clean_url.origin().ascii_serialization(),
        route,
        first,
        profile,
        content: frame.content,
        prepared: false,
    };
    if let FirstState::Known(startup) = &mut handoff.first {
        prepare(&handoff.config, startup);
        // Done once: the app must not remove a session another tab stores later.
        startup.clear_stored = false;
        handoff.prepared = true;
    }
    follow_changes(&handoff.config);
    match signed_out {
        Some(reason) => show_signed_out(handoff, reason, None),
        None => launch(handoff),
    }
}

/// Shows `url` in the address bar after an authorization response, in place
/// of the bare path that index.html's inline script showed. Logs a failure.
fn show_address(url: &Url) {
    if let Err(error) = location::show_url(url) {
        log::warn!("The page's address could not be set after the authorization response: {error}");
    }
}

/// Returns the element the page goes into: the host page's `#ion-pages`
/// element, else `<body>`.
fn mount_host() -> Option<Element> {
    let document = dom::document().ok()?;
    document.get_element_by_id(MOUNT_ELEMENT_ID).or_else(|| document.body().map(Into::into))
}

/// Checks the response in the URL (if any) against this tab's pending
/// attempts, and chooses the first state when no stored session has to be
/// decrypted: after a successful implicit sign-in, or with nothing stored.
/// Also returns the address to show: `clean_url`, or after a sign-in the
/// address of the view where it started.
fn first_state(
    config: &Config,
    answer: Option<Result<AuthorizationResponse, RedirectError>>,
    clean_url: &Url,
) -> (FirstState, Url) {
    let now = clock::now_ms();
    let callback = answer.map(|answer| {
        complete_sign_in(answer, |state| storage::take_pending(config, state), &config.scope, now)
    });

    let address = match &callback {
        Some(Callback { attempt: Some(attempt), .. }) => resolve_return_path(clean_url, &attempt.return_to),
        _ => None,
    };
    let address = address.unwrap_or_else(|| clean_url.clone());

    let outcome = callback.map(|callback| callback.outcome);
    let first = match &outcome {
        Some(CallbackOutcome::Exchange(_)) => FirstState::Pending(outcome),
        Some(CallbackOutcome::SignedIn(_)) => FirstState::Known(startup_state(outcome, None, now)),
        _ if !storage::has_stored_session(config) => FirstState::Known(startup_state(outcome, None, now)),
        _ => FirstState::Pending(outcome),
    };
    (first, address)
}

/// The reason to show when the main module can show the whole first page:
/// signed out, with nothing to store, on a view other than Today.
fn signed_out_reason(route: &Route, first: &FirstState) -> Option<SignedOutReason> {
    signed_out_of(first).filter(|_| *route != Route::Today)
}

/// Carries out a first state's effects besides showing it: removes an
/// expired session and logs why the user is signed out.
pub(crate) fn prepare(config: &Config, startup: &Startup) {
    if startup.clear_stored {
        storage::clear_session(config);
    }
    if let AuthState::SignedOut(reason) = &startup.state {
        if let Some(message) = reason.message().filter(|_| reason.is_problem()) {
            log::warn!("Signed out: {message}");
        }
    }
}

/// Shows the sign-in page without the chunk, with `rejection` (a pasted
/// response that was rejected) above it. The app takes over, and the chunk is
/// fetched, when the user opens Today or another tab signs in (see
/// [`follow_changes`]).
fn show_signed_out(handoff: Handoff, reason: SignedOutReason, rejection: Option<&str>) {
    let built = signed_out_page(&handoff, &reason, rejection, None).and_then(|cards| frame::show(&handoff.content, &cards));
    if let Err(error) = built {
        log::error!("The sign-in page could not be built: {}", crypto::describe(&error));
    }
    emergency::settle_view();
    STAGE.set(Stage::SignedOut { handoff: Box::new(handoff), reason });
}

/// Builds the signed-out page's cards in order: `rejection` (why a pasted
/// response was rejected), `notice` (the chunk's loading or error message),
/// "no such page" for an unknown view, and the sign-in card.
fn signed_out_page(
    handoff: &Handoff,
    reason: &SignedOutReason,
    rejection: Option<&str>,
    notice: Option<Element>,
) -> Result<Vec<Element>, JsValue> {
    let mut cards = Vec::with_capacity(4);
    if let Some(text) = rejection {
        cards.push(text_element("p", &[("class", "ip-message ip-error"), ("role", "alert"), ("data-testid", "banner")], text)?);
    }
    cards.extend(notice);
    if let Route::NotFound(path) = &handoff.route {
        cards.push(not_found::build(path)?);
    }
    cards.push(sign_in::build(&handoff.config, &handoff.page_origin, reason, check_origin)?);
    Ok(cards)
}

/// Follows the address's fragment and other tabs until the app in the chunk
/// takes over. A pasted response is removed and checked at once. The
/// signed-out page shows the new view, and hands over to the app for Today
/// or for a session stored by another tab.
fn follow_changes(config: &Config) {
    let fragment_config = config.clone();
    let listening = dom::on_window_event("hashchange", move |_| {
        if STAGE.with_borrow(|stage| matches!(stage, Stage::App)) {
            return;
        }
        let current = CURRENT_ROUTE.with_borrow(|route| route.clone()).unwrap_or(Route::Profile);
        let (route, rejection) = match read_fragment_change(&fragment_config, &current) {
            Some(FragmentChange::Route(route)) => (route, None),
            Some(FragmentChange::Response(rejection)) => (current, rejection),
            None => return,
        };
        CURRENT_ROUTE.set(Some(route.clone()));
        match STAGE.replace(Stage::Launching) {
            Stage::SignedOut { mut handoff, reason } => {
                handoff.route = route;
                if handoff.route == Route::Today {
                    LATEST_REJECTION.set(rejection);
                    launch(*handoff);
                } else {
                    show_signed_out(*handoff, reason, rejection.as_deref());
                }
            }
            other => {
                STAGE.set(other);
                if rejection.is_some() {
                    LATEST_REJECTION.set(rejection);
                }
            }
        }
    });

    let session_key = storage::session_key(config);
    let listening = listening.and_then(|()| {
        dom::on_window_event("storage", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
            // Only a session stored by another tab matters to a signed-out page.
            if event.key().as_deref() != Some(session_key.as_str()) || event.new_value().is_none() {
                return;
            }
            match STAGE.replace(Stage::Launching) {
                Stage::SignedOut { mut handoff, .. } => {
                    // The app decrypts and shows it.
                    handoff.first = FirstState::Pending(None);
                    launch(*handoff);
                }
                // The app, once mounted, reads the stored session itself.
                other => STAGE.set(other),
            }
        })
    });
    if let Err(error) = listening {
        log::error!("The page will not follow changes of its address: {}", crypto::describe(&error));
    }
}

/// Marks the app as mounted, so the main module's listeners stop, and
/// returns what they saw while the chunk was on its way: the view the
/// address names last, and a rejected pasted response.
pub(crate) fn app_mounted() -> (Option<Route>, Option<String>) {
    STAGE.set(Stage::App);
    (CURRENT_ROUTE.take(), LATEST_REJECTION.take())
}

/// Checks the origin for the sign-in card (see [`sign_in::OriginCheck`]).
fn check_origin(config: Config, page_origin: String) -> LocalBoxFuture<'static, Result<(), ApiError>> {
    Box::pin(async move {
        // A chunk that cannot be fetched only leaves this extra check out.
        chunk::check_origin(config, page_origin).await.unwrap_or(Ok(()))
    })
}

/// Sends `GET /api/profile` before the chunk arrives when the app opens
/// signed in on the profile, so the request is on its way while the chunk
/// downloads. The profile view takes the response (see `AppContext::take_first_profile`).
fn prefetch_profile(config: &Config, route: &Route, first: &FirstState) -> Option<js_sys::Promise> {
    let FirstState::Known(Startup { state: AuthState::SignedIn(session), .. }) = first else {
        return None;
    };
    if *route != Route::Profile || session.is_expired(clock::now_ms()) {
        return None;
    }
    let url = config.ion_endpoint("api/profile");
    match fetch::get(url.as_str(), "application/json", Some(session.access_token.secret())) {
        Ok(sent) => Some(sent),
        Err(error) => {
            // The profile view sends its own request instead.
            log::warn!("The profile request could not be sent early: {}", crypto::describe(&error));
            None
        }
    }
}

/// Fetches the chunk and mounts the app from it. Until then the page shows
/// that it is loading, and a signed-out page keeps its sign-in card. When the
/// chunk cannot be fetched, the page shows the error and a "Try again" button.
fn launch(handoff: Handoff) {
    STAGE.set(Stage::Launching);
    let waiting = match &handoff.first {
        FirstState::Pending(_) => element("section", &[("class", "ip-card"), ("aria-busy", "true")]).and_then(|card| {
            dom::append(&card, &text_element("p", &[("role", "status")], "Checking your sign-in…")?)?;
            Ok(card)
        }),
        FirstState::Known(_) => {
            text_element("p", &[("class", "ip-message"), ("role", "status"), ("data-testid", "chunk-loading")], "Loading…")
        }
    };
    let page_built = waiting.and_then(|waiting| match signed_out_of(&handoff.first) {
        Some(reason) => frame::show(&handoff.content, &signed_out_page(&handoff, &reason, None, Some(waiting))?),
        None => frame::show(&handoff.content, &[waiting]),
    });
    if let Err(error) = page_built {
        log::error!("The page could not be built: {}", crypto::describe(&error));
    }

    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = chunk::mount_app(handoff.clone()).await {
            show_chunk_error(handoff, &error.to_string());
        }
    });
}

/// Returns the reason a handoff is signed out, when it is known without the chunk.
fn signed_out_of(first: &FirstState) -> Option<SignedOutReason> {
    match first {
        FirstState::Known(Startup { state: AuthState::SignedOut(reason), store: None, .. }) => Some(reason.clone()),
        _ => None,
    }
}

/// Shows that the chunk could not be fetched, and what "Try again" does. A
/// signed-out page keeps its sign-in card and its menu.
fn show_chunk_error(handoff: Handoff, error: &str) {
    let next_step = match &handoff.first {
        // The authorization code and its pending attempt are used up by now,
        // so a reload would not finish this sign-in, and Ion takes the code
        // for 60 s only.
        FirstState::Pending(Some(CallbackOutcome::Exchange(_))) => {
            "Press Try again within a minute to finish signing in; after that, sign in again."
        }
        FirstState::Pending(_) => "Press Try again to restore your sign-in.",
        // The new session is not stored yet, so a reload would lose it.
        FirstState::Known(Startup { store: Some(_), .. }) => {
            "Press Try again to finish signing in; reloading the page would sign you out."
        }
        FirstState::Known(_) => "Press Try again.",
    };
    let retry = RefCell::new(Some(handoff.clone()));
    let alert = (|| {
        // Only the sentence is the alert, so that a screen reader does not read the button's label with it.
        let alert = element("div", &[("class", "ip-message ip-error"), ("data-testid", "chunk-error")])?;
        dom::append(&alert, &text_element("p", &[("role", "alert")], &format!("{error} {next_step}"))?)?;
        let button = text_element("button", &[("class", "ip-button"), ("type", "button")], "Try again")?;
        dom::append(&alert, &button)?;
        dom::on_click(&button, move || {
            if let Some(handoff) = retry.borrow_mut().take() {
                launch(handoff);
                frame::focus_content();
            }
        })?;
        Ok::<_, JsValue>(alert)
    })();
    let page_built = alert.and_then(|alert| match signed_out_of(&handoff.first) {
        Some(reason) => {
            let cards = signed_out_page(&handoff, &reason, None, Some(alert))?;
            frame::show(&handoff.content, &cards)?;
            // The menu shows other signed-out views without the chunk again.
            STAGE.set(Stage::SignedOut { handoff: Box::new(handoff), reason });
            Ok(())
        }
        None => frame::show(&handoff.content, &[alert]),
    });
    if let Err(error) = page_built {
        log::error!("The page could not be built: {}", crypto::describe(&error));
    }
    // A view waiting for the chunk has no data to wait for.
    emergency::settle_view();
}
