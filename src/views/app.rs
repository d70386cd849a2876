//! The root component: page frame, banner, the switch between the signed-out
//! and signed-in views, and the listeners that keep the state current.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use super::profile::ProfileView;
use super::session_bar::SessionBar;
use super::sign_in::SignInView;
use crate::auth::state::AuthState;
use crate::browser::{clock, storage};
use crate::controller::AppContext;

#[component]
pub fn App(context: AppContext) -> impl IntoView {
    provide_context(context.clone());
    listen_for_changes(&context);

    let ion_home = context.config.ion_base.to_string();
    let auth = context.auth;
    let banner = context.banner;

    view! {
        <div class="ion-pages">
            <header class="ip-header">
                <h1 class="ip-title">"ion-pages"</h1>
                <p class="ip-tagline">"A static page that signs you in to Ion and shows what Ion's API returns."</p>
            </header>
            <main class="ip-main">
                {move || banner.get().map(|banner| {
                    let class = if banner.is_problem { "ip-message ip-error" } else { "ip-message" };
                    let role = if banner.is_problem { "alert" } else { "status" };
                    view! { <p class=class role=role data-testid="banner">{banner.text}</p> }
                })}
                {move || match auth.get() {
                    AuthState::Checking => view! {
                        <section class="ip-card" aria-busy="true">
                            <p role="status">"Checking your sign-in…"</p>
                        </section>
                    }.into_any(),
                    AuthState::SignedOut(reason) => view! { <SignInView reason=reason/> }.into_any(),
                    AuthState::SignedIn(session) => view! {
                        <SessionBar session=session.clone()/>
                        <ProfileView session=session/>
                    }.into_any(),
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
