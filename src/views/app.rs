//! The root component: page frame, banner, the switch between the signed-out
//! and signed-in views, and the listeners that keep the state current.

use std::time::Duration;

use futures::FutureExt;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::announcements::AnnouncementsView;
use super::eighth::EighthView;
use super::emergency::EmergencyBanner;
use super::explorer::ExplorerView;
use super::nav::Nav;
use super::not_found::NotFoundView;
use super::profile::ProfileView;
use super::search::SearchView;
use super::session_bar::SessionBar;
use super::sign_in::SignInView;
use super::today::TodayView;
use crate::auth::state::{AuthState, SignedOutReason};
use crate::chunk::{self, ChunkError};
use crate::route::Route;
use crate::browser::{clock, storage};
use crate::controller::AppContext;

/// How long requests that wait for the first view's data wait at most.
const SETTLE_LIMIT: Duration = Duration::from_secs(2);

#[component]
pub fn App(context: AppContext) -> impl IntoView {
    provide_context(context.clone());
    listen_for_changes(&context);

    let ion_home = context.config.ion_base.to_string();
    let auth = context.auth;
    let banner = context.banner;
    let route = context.route;
    let restore_failed = context.restore_failed;

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
    // so requests that wait for the view's data may start at once. Should the
    // view's data be slow, they start after SETTLE_LIMIT anyway.
    let view_settled = context.view_settled;
    Effect::new(move |_| {
        if matches!(screen.get(), (Screen::SignedOut(_), route) if route != Route::Today) {
            AppContext::settle_view(view_settled);
        }
    });
    set_timeout(move || AppContext::settle_view(view_settled), SETTLE_LIMIT);

    view! {
        <div class="ion-pages">
            <header class="ip-header">
                <h1 class="ip-title">"ion-pages"</h1>
                <p class="ip-tagline">"A static page that signs you in to Ion and shows what Ion's API returns."</p>
            </header>
            <Nav/>
            <main class="ip-main">
                <EmergencyBanner/>
                {move || banner.get().map(|banner| {
                    let class = if banner.is_problem { "ip-message ip-error" } else { "ip-message" };
                    let role = if banner.is_problem { "alert" } else { "status" };
                    view! { <p class=class role=role data-testid="banner">{banner.text}</p> }
                })}
                {move || match screen.get() {
                    (Screen::Checking, _) => view! {
                        <section class="ip-card" aria-busy=move || (!restore_failed.get()).to_string()>
                            <p role="status">"Checking your sign-in…"</p>
                            {move || restore_failed.get().then(|| view! {
                                <button class="ip-button ip-primary" type="button" data-testid="restore-retry"
                                    on:click=move |_| retry_restore(restore_failed)>"Try again"</button>
                            })}
                        </section>
                    }.into_any(),
                    (Screen::SignedOut(reason), Route::Today) => view! {
                        <ChunkPage route=Route::Today/>
                        <SignInView reason=reason/>
                    }.into_any(),
                    (Screen::SignedOut(reason), Route::NotFound(path)) => view! {
                        <NotFoundView path=path/>
                        <SignInView reason=reason/>
                    }.into_any(),
                    (Screen::SignedOut(reason), _) => view! { <SignInView reason=reason/> }.into_any(),
                    (Screen::SignedIn, route) => view! { <ChunkPage route=route/> }.into_any(),
                }}
            </main>
            <footer class="ip-footer">
                <p>
                    "Unofficial: ion-pages is not made or endorsed by TJHSST, FCPS or the Intranet team. "
                    "Ion remains the place to manage your account: "
                    <a href=ion_home.clone()>"open Ion"</a>
                    "."
                </p>
            </footer>
        </div>
    }
}

/// The main area's content, without the session itself.
#[derive(Clone, PartialEq)]
enum Screen {
    Checking,
    SignedOut(SignedOutReason),
    SignedIn,
}

/// Shows a page whose code is in the chunk (see `crate::chunk`): "Loading…"
/// while the chunk is fetched the first time, and the reason with "Try again"
/// when it cannot be.
///
/// It waits for the chunk itself instead of using `<Suspense>`, which would
/// also hold the whole page back until every resource of the view resolved,
/// so the view could not show its own loading states.
#[component]
fn ChunkPage(route: Route) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let auth = context.auth;
    let view_settled = context.view_settled;
    let loaded = RwSignal::new(None::<Result<(), ChunkError>>);
    let load = move || {
        loaded.set(None);
        spawn_local(async move { loaded.set(Some(chunk::load().await)) });
    };
    load();

    move || {
        let error = match loaded.get() {
            None => return view! { <p class="ip-message" role="status" data-testid="chunk-loading">"Loading…"</p> }.into_any(),
            // Once the chunk is there, the call runs at once.
            Some(Ok(())) => match chunk::page(route.clone(), auth).now_or_never() {
                Some(Ok(page)) => return page,
                Some(Err(error)) => error,
                None => ChunkError,
            },
            Some(Err(error)) => error,
        };
        AppContext::settle_view(view_settled);
        view! {
            <div class="ip-message ip-error" role="alert" data-testid="chunk-error">
                <p>{error.to_string()}</p>
                <button class="ip-button" type="button" on:click=move |_| load()>"Try again"</button>
            </div>
        }
        .into_any()
    }
}

/// Fetches the chunk again for a start-up that could not; start-up then goes
/// on by itself (see `startup::settle`). Another failure shows the button again.
fn retry_restore(restore_failed: RwSignal<bool>) {
    restore_failed.set(false);
    spawn_local(async move {
        if chunk::load().await.is_err() {
            restore_failed.set(true);
        }
    });
}

/// Builds the main area of a page from the chunk: the session bar when signed
/// in, then the view of `route`.
pub fn page(route: Route, auth: RwSignal<AuthState>) -> AnyView {
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
        Route::NotFound(path) => view! { <NotFoundView path=path/> }.into_any(),
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
