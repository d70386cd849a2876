//! The split point of the first load. The app (Leptos, the views, the session
//! bar, decrypting, storing and renewing the session) runs only behind the
//! functions of this module. At link time `scripts/wasm_link.py` moves that
//! code out of the main module into one chunk, which the browser fetches the
//! first time one of these functions is called. A signed-out visit to the
//! sign-in page fetches it only for Today, for a session stored by another
//! tab, or for the origin check after Ion refuses the app (see `crate::startup`).
//!
//! Each function waits for the chunk (see [`load`]), then runs. When the chunk
//! cannot be fetched (a dropped connection, a deploy that replaced it), it
//! returns [`ChunkError`] and a later call tries again. On the host
//! (`cargo test`) nothing is split and every call runs at once.

use std::cell::RefCell;
use std::fmt;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::api::ApiError;
use crate::config::Config;
use crate::startup::Handoff;

/// The chunk with the app could not be fetched.
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

type Loading = Shared<LocalBoxFuture<'static, Result<(), ChunkError>>>;

thread_local! {
    /// The download under way or done, shared by every caller, so that one
    /// failure is one attempt (and one console message), not one per caller.
    static LOADING: RefCell<Option<Loading>> = const { RefCell::new(None) };
}

/// Fetches the chunk, once: later calls return at once. After a failure, the
/// next call tries again.
///
/// # Errors
/// [`ChunkError`] when the chunk could not be fetched.
async fn load() -> Result<(), ChunkError> {
    let loading = LOADING.with_borrow_mut(|loading| {
        loading
            .get_or_insert_with(|| async { Ok(preload_signed_in().await?) }.boxed_local().shared())
            .clone()
    });
    let result = loading.clone().await;
    if result.is_err() {
        LOADING.with_borrow_mut(|current| {
            // Only this attempt is forgotten, not one that another caller has started since.
            if current.as_ref().is_some_and(|current| current.ptr_eq(&loading)) {
                *current = None;
            }
        });
    }
    result
}

/// Starts fetching the chunk, for a start-up that will need it, so that the
/// download overlaps with building the page. When it fails, the call that
/// needs the chunk tries again and shows the error.
pub fn preload() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = load().await;
    });
}

/// Mounts the app into the page frame (see `startup::in_chunk::mount`).
///
/// # Errors
/// [`ChunkError`] when the chunk could not be fetched.
pub(crate) async fn mount_app(handoff: Handoff) -> Result<(), ChunkError> {
    load().await?;
    Ok(mount_app_in_chunk(handoff).await?)
}

#[wasm_split(signed_in, fallible, preload(preload_signed_in))]
fn mount_app_in_chunk(handoff: Handoff) -> Result<(), SplitLoaderError> {
    crate::startup::in_chunk::mount(handoff);
    Ok(())
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
