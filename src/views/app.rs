//! The root component of the app in the chunk: the banner, the switch between
//! the signed-out and signed-in views, and the listeners that keep the state
//! current. It is mounted into the frame the main module built (see
//! `crate::views::frame`), so header, menu, emergency message and footer are
//! not part of it.

use std::time::Duration;

use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use super::announcements::AnnouncementsView;
use super::eighth::EighthView;
use super::explorer::ExplorerView;
use super::profile::ProfileView;
use super::search::SearchView;
use super::session_bar::SessionBar;
use super::today::TodayView;
use super::{emergency, not_found, sign_in};
use crate::api::check_origin_allowed;
use crate::auth::state::{AuthState, SignedOutReason};
use crate::browser::{clock, crypto, storage};
use crate::controller::AppContext;
use crate::route::Route;

#[component]
pub fn App(context: AppContext) -> impl IntoView {
    provide_context(context.clone());
    listen_for_changes(&context);

    let auth = context.auth;
    let banner = context.banner;
    let route = context.route;

    // Views are rebuilt when the route or the kind of state changes, not when
    // a renewal swaps the session, so their data is fetched once per visit.
    let screen = Memo::new(move |_| {
        let state = match auth.get() {
            AuthState::Checking => Screen::Checking,
            AuthState::SignedOut(reason) => Screen::SignedOut(reason),
            AuthState::SignedIn(_) => Screen::SignedIn,
        };
        (state, route.get())
    });

    // A signed-out page other than Today sends no request of its own to Ion,
    // so requests that wait for the view's data may start at once.
    Effect::new(move |_| {
        if matches!(screen.get(), (Screen::SignedOut(_), route) if route != Route::Today) {
            emergency::settle_view();
        }
    });

    view! {
        {move || banner.get().map(|banner| {
            let class = if banner.is_problem { "ip-message ip-error" } else { "ip-message" };
            let role = if banner.is_problem { "alert" } else { "status" };
            view! { <p class=class role=role data-testid="banner">{banner.text}</p> }
        })}
        {move || match screen.get() {
            (Screen::Checking, _) => view! {
                <section class="ip-card" aria-busy="true">
                    <p role="status">"Checking your sign-in…"</p>
                </section>
            }.into_any(),
            (Screen::SignedOut(reason), Route::Today) => view! {
                <TodayView/>
                <SignInView reason=reason/>
            }.into_any(),
            (Screen::SignedOut(reason), Route::NotFound(path)) => view! {
                <Embedded element=not_found::build(&path)/>
                <SignInView reason=reason/>
            }.into_any(),
            (Screen::SignedOut(reason), _) => view! { <SignInView reason=reason/> }.into_any(),
            (Screen::SignedIn, route) => page(route, auth),
        }}
    }
}

/// The main area's content, without the session itself.
#[derive(Clone, PartialEq)]
enum Screen {
    Checking,
    SignedOut(SignedOutReason),
    SignedIn,
}

/// The sign-in card the main module builds (see `crate::views::sign_in`).
#[component]
fn SignInView(reason: SignedOutReason) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let check_origin: sign_in::OriginCheck =
        |config, page_origin| Box::pin(async move { check_origin_allowed(&config, &page_origin).await });
    view! { <Embedded element=sign_in::build(&context.config, &context.page_origin, &reason, check_origin)/> }
}

/// Shows an element built with plain DOM calls inside the app.
#[component]
fn Embedded(element: Result<web_sys::Element, JsValue>) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    match element {
        Ok(element) => {
            let element = SendWrapper::new(element);
            host.on_load(move |host| {
                if let Err(error) = host.append_child(&element) {
                    log::error!("Part of the page could not be shown: {}", crypto::describe(&error));
                }
            });
        }
        Err(error) => log::error!("Part of the page could not be built: {}", crypto::describe(&error)),
    }
    view! { <div node_ref=host></div> }
}

/// Builds the main area of a signed-in page: the session bar, then the view
/// of `route`.
fn page(route: Route, auth: RwSignal<AuthState>) -> AnyView {
    view! {
        {move || match auth.get() {
            AuthState::SignedIn(session) => Some(view! { <SessionBar session=session/> }),
            _ => None,
        }}
        {route_view(route)}
    }
    .into_any()
}

fn route_view(route: Route) -> AnyView {
    match route {
        Route::Profile => view! { <ProfileView/> }.into_any(),
        Route::Person(user) => view! { <ProfileView user=user/> }.into_any(),
        Route::Today => view! { <TodayView/> }.into_any(),
        Route::Eighth => view! { <EighthView/> }.into_any(),
        Route::Announcements { page } => view! { <AnnouncementsView page=page/> }.into_any(),
        Route::Search(query) => view! { <SearchView query=query/> }.into_any(),
        Route::Explorer(path) => view! { <ExplorerView path=path/> }.into_any(),
        Route::NotFound(path) => view! { <Embedded element=not_found::build(&path)/> }.into_any(),
    }
}

/// Keeps the state current: the clock every second and whenever the page
/// becomes visible again (a laptop that slept past expiry shows "expired", not
/// errors), and the session when another tab signs in or out.
fn listen_for_changes(context: &AppContext) {
    let tick = {
        let context = context.clone();
        move || {
            context.now_ms.set(clock::now_ms());
            context.check_expiry();
        }
    };

    let interval_tick = tick.clone();
    if let Err(error) = set_interval_with_handle(interval_tick, Duration::from_secs(1)) {
        log::error!("The expiry timer could not start: {error:?}");
    }
    let on_visible = tick.clone();
    let _ = window_event_listener(ev::visibilitychange, move |_| on_visible());
    let on_pageshow = tick.clone();
    let _ = window_event_listener(ev::pageshow, move |_| on_pageshow());
    let _ = window_event_listener(ev::focus, move |_| tick());

    let fragment_context = context.clone();
    let _ = window_event_listener(ev::hashchange, move |_| fragment_context.handle_fragment_change());

    let storage_context = context.clone();
    let session_key = storage::session_key(&context.config);
    let _ = window_event_listener(ev::storage, move |event| {
        // A null key means the whole storage was cleared.
        if event.key().is_none_or(|key| key == session_key) {
            storage_context.sync_from_storage();
        }
    });
}
