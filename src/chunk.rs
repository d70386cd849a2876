//! The split point of the first load. Everything a signed-in page needs
//! (the views, the session bar, decrypting, storing and renewing the session)
//! runs only behind the functions of this module. At link time
//! `scripts/wasm_link.py` moves that code out of the main module into one
//! chunk, which the browser fetches the first time one of these functions is
//! called. A signed-out visit to the sign-in page never fetches it.
//!
//! Each function waits for the chunk (see [`load`]), then runs. When the chunk
//! cannot be fetched (a dropped connection, a deploy that replaced it), it
//! returns [`ChunkError`] and a later call tries again. On the host
//! (`cargo test`) nothing is split and every call runs at once.

use std::cell::{Cell, RefCell};
use std::fmt;

use futures::channel::oneshot;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::api::ApiError;
use crate::auth::callback::CallbackOutcome;
use crate::auth::session::Session;
use crate::auth::state::AuthState;
use crate::config::Config;
use crate::controller::AppContext;
use crate::route::Route;

/// The chunk with the signed-in code could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkError;

impl fmt::Display for ChunkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Part of ion-pages could not be downloaded from this site. Check the connection.")
    }
}

impl From<SplitLoaderError> for ChunkError {
    /// Drops the loader's error. The loader module has already logged the
    /// browser's reason, once per attempt, so nothing is logged here.
    fn from(_: SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Work that runs in the chunk.
pub type Later = LocalBoxFuture<'static, ()>;

type Loading = Shared<LocalBoxFuture<'static, Result<(), ChunkError>>>;

thread_local! {
    /// The download under way or done, shared by every caller, so that one
    /// failure is one attempt (and one console message), not one per caller.
    static LOADING: RefCell<Option<Loading>> = const { RefCell::new(None) };
    static LOADED: Cell<bool> = const { Cell::new(false) };
    /// Callers of [`loaded`] that wait for a download to succeed.
    static WAITING: RefCell<Vec<oneshot::Sender<()>>> = const { RefCell::new(Vec::new()) };
}

/// Fetches the chunk, once: later calls return at once. After a failure, the
/// next call tries again.
///
/// # Errors
/// [`ChunkError`] when the chunk could not be fetched.
pub async fn load() -> Result<(), ChunkError> {
    let loading = LOADING.with_borrow_mut(|loading| {
        loading
            .get_or_insert_with(|| async { Ok(preload_signed_in().await?) }.boxed_local().shared())
            .clone()
    });
    let result = loading.clone().await;
    match &result {
        Ok(()) if !LOADED.replace(true) => {
            for waiting in WAITING.take() {
                let _ = waiting.send(());
            }
        }
        Ok(()) => {}
        Err(_) => LOADING.with_borrow_mut(|current| {
            // Only this attempt is forgotten, not one that another caller has started since.
            if current.as_ref().is_some_and(|current| current.ptr_eq(&loading)) {
                *current = None;
            }
        }),
    }
    result
}

/// Waits until a call of [`load`] has fetched the chunk (at once when one has).
pub async fn loaded() {
    if LOADED.get() {
        return;
    }
    let (sender, receiver) = oneshot::channel();
    WAITING.with_borrow_mut(|waiting| waiting.push(sender));
    let _ = receiver.await;
}

/// Starts fetching the chunk, for a start-up that will need it, so that the
/// page's own work does not wait for the whole download. When it fails, the
/// call that needs the chunk tries again and shows the error.
pub fn preload() {
    // Not Leptos's spawn_local, because start-up calls this before the app
    // (and so Leptos's executor) exists.
    wasm_bindgen_futures::spawn_local(async {
        let _ = load().await;
    });
}

/// Builds the main area of a view other than the sign-in page: the session
/// bar (signed in) and the view of `route`.
///
/// # Errors
/// [`ChunkError`] when the chunk could not be fetched.
pub async fn page(route: Route, auth: RwSignal<AuthState>) -> Result<AnyView, ChunkError> {
    load().await?;
    Ok(page_in_chunk(route, auth).await?)
}

#[wasm_split(signed_in, fallible, preload(preload_signed_in))]
fn page_in_chunk(route: Route, auth: RwSignal<AuthState>) -> Result<AnyView, SplitLoaderError> {
    Ok(crate::views::app::page(route, auth))
}

/// Runs start-up's asynchronous part: exchanges an authorization code and
/// reads the stored session (see `startup::restore`).
///
/// # Errors
/// [`ChunkError`] when the chunk could not be fetched.
pub async fn restore(context: AppContext, outcome: Option<CallbackOutcome>) -> Result<Later, ChunkError> {
    load().await?;
    Ok(restore_in_chunk(context, outcome).await?)
}

#[wasm_split(signed_in, fallible)]
fn restore_in_chunk(context: AppContext, outcome: Option<CallbackOutcome>) -> Result<Later, SplitLoaderError> {
    Ok(Box::pin(crate::startup::restore(context, outcome)))
}

/// Encrypts and stores `session` (see [`AppContext::persist`]).
///
/// # Errors
/// [`ChunkError`] when the chunk could not be fetched.
pub async fn persist(context: AppContext, session: Session) -> Result<Later, ChunkError> {
    load().await?;
    Ok(persist_in_chunk(context, session).await?)
}

#[wasm_split(signed_in, fallible)]
fn persist_in_chunk(context: AppContext, session: Session) -> Result<Later, SplitLoaderError> {
    Ok(Box::pin(async move { context.persist(&session).await }))
}

/// Renews `session` with its refresh token (see `AppContext::renew`).
///
/// # Errors
/// [`ChunkError`] when the chunk could not be fetched.
pub async fn renew(context: AppContext, session: Session) -> Result<Later, ChunkError> {
    load().await?;
    Ok(renew_in_chunk(context, session).await?)
}

#[wasm_split(signed_in, fallible)]
fn renew_in_chunk(context: AppContext, session: Session) -> Result<Later, SplitLoaderError> {
    Ok(Box::pin(async move { context.renew(session).await }))
}

/// Re-reads the stored session after another tab changed it (see
/// `AppContext::sync_now`).
///
/// # Errors
/// [`ChunkError`] when the chunk could not be fetched.
pub async fn sync(context: AppContext) -> Result<Later, ChunkError> {
    load().await?;
    Ok(sync_in_chunk(context).await?)
}

#[wasm_split(signed_in, fallible)]
fn sync_in_chunk(context: AppContext) -> Result<Later, SplitLoaderError> {
    Ok(Box::pin(async move { context.sync_now().await }))
}

/// Asks Ion whether it lets this page's origin call the API (see
/// [`crate::api::check_origin_allowed`]).
///
/// # Errors
/// [`ChunkError`] when the chunk could not be fetched.
pub async fn check_origin(config: Config, page_origin: String) -> Result<Result<(), ApiError>, ChunkError> {
    load().await?;
    let check = check_origin_in_chunk(config, page_origin).await?;
    Ok(check.await)
}

#[wasm_split(signed_in, fallible)]
fn check_origin_in_chunk(
    config: Config,
    page_origin: String,
) -> Result<LocalBoxFuture<'static, Result<(), ApiError>>, SplitLoaderError> {
    Ok(Box::pin(async move { crate::api::check_origin_allowed(&config, &page_origin).await }))
}
