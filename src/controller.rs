//! The shared app state and every action that changes the sign-in state:
//! start a sign-in, adopt a session, sign out (with revocation), react to a
//! token Ion rejects, to expiry and to other tabs.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use url::Url;

use crate::api::{self, token, ApiError};
use crate::auth::token_response::TokenError;
use crate::auth::reauthorize::auto_reauthorize_allowed;
use crate::auth::request::Prompt;
use crate::auth::session::Session;
use crate::auth::state::{AuthState, SignedOutReason};
use crate::browser::storage::{self, LoadedSession};
use crate::authorize::start_sign_in;
use crate::browser::clock;
use crate::config::Config;
use crate::route::Route;
use crate::startup::{read_fragment_change, FragmentChange};

/// A message shown above the current view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    pub text: String,
    pub is_problem: bool,
}

/// The state every view may read or change, provided as Leptos context.
#[derive(Clone)]
pub struct AppContext {
    pub config: Config,
    pub page_origin: String,
    pub auth: RwSignal<AuthState>,
    pub banner: RwSignal<Option<Banner>>,
    /// Set when the session could not be stored, so it will not survive a reload.
    pub storage_problem: RwSignal<Option<String>>,
    /// The clock, refreshed every second and when the page becomes visible
    /// again, so expiry shows even after the computer slept.
    pub now_ms: RwSignal<u64>,
    /// The view shown, from the address's fragment.
    pub route: RwSignal<Route>,
    /// `GET /api/profile`, sent by start-up before the chunk arrived. The
    /// profile view takes it (see `startup::prefetch_profile`).
    first_profile: SendWrapper<Rc<Cell<Option<js_sys::Promise>>>>,
    /// Whether a refresh-token renewal is under way, and when the last began.
    renewing: RwSignal<bool>,
    last_renewal_ms: RwSignal<u64>,
}

/// Minimum time between two renewal attempts after one failed to get a response.
const RENEWAL_RETRY_MS: u64 = 10_000;

impl AppContext {
    pub fn new(config: Config, page_origin: String, route: Route) -> Self {
        Self {
            route: RwSignal::new(route),
            first_profile: SendWrapper::new(Rc::new(Cell::new(None))),
            config,
            page_origin,
            auth: RwSignal::new(AuthState::Checking),
            banner: RwSignal::new(None),
            storage_problem: RwSignal::new(None),
            now_ms: RwSignal::new(clock::now_ms()),
            renewing: RwSignal::new(false),
            last_renewal_ms: RwSignal::new(0),
        }
    }

    /// Keeps the profile request start-up sent ahead of the page.
    pub fn set_first_profile(&self, request: js_sys::Promise) {
        self.first_profile.set(Some(request));
    }

    /// Takes the profile request start-up sent, if it is still unused.
    pub fn take_first_profile(&self) -> Option<js_sys::Promise> {
        Cell::take(&self.first_profile)
    }

    pub fn show(&self, text: impl Into<String>, is_problem: bool) {
        self.banner.set(Some(Banner { text: text.into(), is_problem }));
    }

    /// Makes `session` the current one and stores it encrypted. When storage
    /// fails the session stays in memory and the page says so.
    pub async fn adopt(&self, session: Session) {
        // Shown first, so the views' requests overlap with the encryption.
        self.auth.set(AuthState::SignedIn(session.clone()));
        self.persist(&session).await;
    }

    /// Stores `session` encrypted. When storage fails the session stays in
    /// memory and the page shows a warning.
    pub async fn persist(&self, session: &Session) {
        match storage::save_session(&self.config, session).await {
            Ok(()) => self.storage_problem.set(None),
            Err(error) => {
                log::warn!("The session could not be stored: {error}");
                self.storage_problem.set(Some(error));
            }
        }
    }

    /// Forgets the session, pending attempts and everything shown about the
    /// user, and shows `reason`.
    pub fn sign_out(&self, reason: SignedOutReason) {
        storage::clear_session(&self.config);
        storage::clear_pending(&self.config, None);
        self.storage_problem.set(None);
        self.auth.set(AuthState::SignedOut(reason));
    }

    /// "Sign out": forgets the session here, then asks Ion to revoke the token.
    pub fn sign_out_by_user(&self) {
        // The "Sign out" button goes away with the session bar.
        crate::views::frame::focus_content();
        let AuthState::SignedIn(session) = self.auth.get_untracked() else {
            self.sign_out(SignedOutReason::SignedOut);
            return;
        };
        log::info!("Signed out by the user; asking Ion to revoke the token.");
        self.sign_out(SignedOutReason::SignedOut);
        self.show("Asking Ion to revoke the token…", false);

        let context = self.clone();
        spawn_local(async move {
            let tokens_page = context.config.ion_endpoint("oauth/authorized_tokens/");
            match api::revoke_token(&context.config, &session, &context.page_origin).await {
                Ok(()) => context.show("Ion revoked the token, so it can no longer be used anywhere.", false),
                Err(error) => {
                    log::warn!("Ion did not revoke the token: {error}");
                    context.show(
                        format!(
                            "Ion did not revoke the token: {error} It stays valid until it expires. You can \
                             revoke it yourself at {tokens_page}"
                        ),
                        true,
                    );
                }
            }
        });
    }

    /// Reacts to an API failure that ends the session: Ion rejected the token
    /// (re-authorize once, then stop) or the session expired.
    pub fn session_failed(&self, error: &ApiError) {
        // Only a signed-in state can end; a late response after sign-out must
        // not start a sign-in by itself.
        if !matches!(self.auth.get_untracked(), AuthState::SignedIn(_)) {
            return;
        }
        match error {
            ApiError::SessionExpired => self.sign_out(SignedOutReason::Expired),
            ApiError::NotAuthenticated => self.token_rejected(),
            _ => {}
        }
    }

    fn token_rejected(&self) {
        let now = clock::now_ms();
        storage::clear_session(&self.config);
        if !auto_reauthorize_allowed(storage::last_auto_reauthorize(&self.config), now) {
            log::warn!("Ion rejected the token again shortly after an automatic sign-in; not redirecting.");
            self.sign_out(SignedOutReason::ReauthorizationStopped);
            return;
        }
        log::info!("Ion rejected the token; signing in again once.");
        storage::record_auto_reauthorize(&self.config, now);
        self.auth.set(AuthState::SignedOut(SignedOutReason::SessionEnded));
        self.spawn_sign_in(Prompt::Auto, None);
    }

    /// Starts a sign-in in the background; a failure goes to `error`, or to
    /// the banner when there is none.
    pub fn spawn_sign_in(&self, prompt: Prompt, error: Option<RwSignal<Option<String>>>) {
        let context = self.clone();
        spawn_local(async move {
            if let Err(message) = start_sign_in(&context.config, prompt).await {
                match error {
                    Some(signal) => signal.set(Some(message)),
                    None => context.show(message, true),
                }
            }
        });
    }

    /// Renews a session that has a refresh token when its expiry comes near.
    /// Another tab may have renewed it already (the refresh token then changed
    /// in storage), so storage is read first.
    fn renew_if_due(&self, session: &Session, now: u64) {
        if session.refresh_token.is_none() || !session.expiry_warning_due(now) || self.renewing.get_untracked() {
            return;
        }
        if now.saturating_sub(self.last_renewal_ms.get_untracked()) < RENEWAL_RETRY_MS {
            return;
        }
        self.renewing.set(true);
        self.last_renewal_ms.set(now);

        let context = self.clone();
        let current = session.clone();
        spawn_local(async move { context.renew(current).await });
    }

    /// Renews `current`, unless another tab has renewed it already.
    async fn renew(&self, current: Session) {
        let stored = match storage::load_session(&self.config).await {
            LoadedSession::Present(stored) => Some(stored),
            _ => None,
        };
        if let Some(stored) = stored.filter(|stored| stored.expires_at_ms > current.expires_at_ms) {
            log::info!("Another tab renewed the session; using its tokens.");
            self.auth.set(AuthState::SignedIn(stored));
            self.renewing.set(false);
            return;
        }
        let Some(refresh_token) = current.refresh_token.clone() else { return };
        match token::refresh(&self.config, &refresh_token, &self.page_origin).await {
            Ok(response) => {
                log::info!("Renewed the session with the refresh token.");
                let renewed = Session::from_token_response(response, &self.config.scope, clock::now_ms());
                self.adopt(renewed).await;
            }
            Err(TokenError::InvalidGrant(request)) => {
                self.sign_out(SignedOutReason::RenewalRefused(TokenError::InvalidGrant(request)));
            }
            Err(error) => {
                log::warn!("The session could not be renewed; retrying shortly: {error}");
                self.show(format!("Your session could not be renewed yet: {error}"), true);
            }
        }
        self.renewing.set(false);
    }

    /// Re-reads the stored session after another tab changed it.
    pub fn sync_from_storage(&self) {
        let context = self.clone();
        spawn_local(async move { context.sync_now().await });
    }

    /// Does the work of [`AppContext::sync_from_storage`].
    async fn sync_now(&self) {
        let now = clock::now_ms();
        match storage::load_session(&self.config).await {
            LoadedSession::Present(session) if !session.is_expired(now) => {
                if self.auth.get_untracked() != AuthState::SignedIn(session.clone()) {
                    log::info!("Signed in from another tab.");
                    self.banner.set(None);
                    self.auth.set(AuthState::SignedIn(session));
                }
            }
            _ => {
                if matches!(self.auth.get_untracked(), AuthState::SignedIn(_)) {
                    log::info!("Signed out from another tab.");
                    self.auth.set(AuthState::SignedOut(SignedOutReason::SignedOutElsewhere));
                }
            }
        }
    }

    /// Follows a change of the address's fragment: shows the view it names,
    /// or removes and checks a pasted authorization response (see
    /// `startup::read_fragment_change`).
    pub fn handle_fragment_change(&self) {
        match read_fragment_change(&self.config, &self.route.get_untracked()) {
            Some(FragmentChange::Route(route)) => self.route.set(route),
            Some(FragmentChange::Response(Some(rejection))) => self.show(rejection, true),
            Some(FragmentChange::Response(None)) | None => {}
        }
    }

    /// Signs out when the current session has passed its expiry, and renews
    /// it first when it has a refresh token.
    pub fn check_expiry(&self) {
        if let AuthState::SignedIn(session) = self.auth.get_untracked() {
            let now = clock::now_ms();
            if session.is_expired(now) {
                log::info!("The session expired.");
                self.sign_out(SignedOutReason::Expired);
            } else {
                self.renew_if_due(&session, now);
            }
        }
    }

    /// Ion's page for `path`, for "Open in Ion" links.
    pub fn ion_page(&self, path: &str) -> Url {
        self.config.ion_endpoint(path)
    }
}
