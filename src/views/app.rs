//! The root component: page frame, shared context, and the switch between the
//! signed-out and signed-in views.

use leptos::prelude::*;

use super::profile::ProfileView;
use super::sign_in::SignInView;
use crate::auth::callback::SignInRejection;
use crate::auth::state::{AuthState, SignedOutReason, Startup};
use crate::browser::storage;
use crate::config::Config;

/// What every view may read or change, provided as Leptos context.
#[derive(Clone)]
pub struct AppContext {
    pub config: Config,
    pub page_origin: String,
    pub auth: RwSignal<AuthState>,
    /// A rejected answer that arrived while an earlier session stayed valid.
    pub notice: RwSignal<Option<SignInRejection>>,
    /// Set when the session could not be stored, so it will not survive a reload.
    pub storage_problem: RwSignal<Option<String>>,
}

impl AppContext {
    pub fn new(config: Config, page_origin: String, startup: Startup, storage_problem: Option<String>) -> Self {
        Self {
            config,
            page_origin,
            auth: RwSignal::new(startup.state),
            notice: RwSignal::new(startup.notice),
            storage_problem: RwSignal::new(storage_problem),
        }
    }

    /// Forgets the session here and in storage, and shows `reason`.
    pub fn sign_out(&self, reason: SignedOutReason) {
        storage::clear_session(&self.config);
        self.notice.set(None);
        self.storage_problem.set(None);
        self.auth.set(AuthState::SignedOut(reason));
    }
}

#[component]
pub fn App(context: AppContext) -> impl IntoView {
    provide_context(context.clone());
    let ion_home = context.config.ion_base.to_string();
    let auth = context.auth;

    view! {
        <div class="ion-pages">
            <header class="ip-header">
                <h1 class="ip-title">"ion-pages"</h1>
                <p class="ip-tagline">"A static page that signs you in to Ion and shows what Ion's API returns."</p>
            </header>
            <main class="ip-main">
                {move || match auth.get() {
                    AuthState::SignedOut(reason) => view! { <SignInView reason=reason/> }.into_any(),
                    AuthState::SignedIn(session) => view! { <ProfileView session=session/> }.into_any(),
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
