//! The session in local storage and the pending attempt in session storage,
//! under keys namespaced by Ion origin and client id: on `*.github.io` every
//! site of one owner shares an origin, and so its storage.

use gloo_storage::{LocalStorage, SessionStorage, Storage};

use crate::auth::session::{PendingAttempt, Session};
use crate::config::Config;

/// Prefix of every key this app writes, for one Ion and one client id.
pub fn key_prefix(config: &Config) -> String {
    format!("ion-pages|{}|{}|", config.ion_origin(), config.client_id)
}

/// Whether `localStorage` can be reached. gloo-storage panics when it cannot
/// (storage disabled, or a sandboxed frame), so every call checks first.
fn local_available() -> bool {
    web_sys::window().is_some_and(|window| matches!(window.local_storage(), Ok(Some(_))))
}

fn session_storage_available() -> bool {
    web_sys::window().is_some_and(|window| matches!(window.session_storage(), Ok(Some(_))))
}

const UNAVAILABLE: &str = "the browser does not allow this site to use storage";

fn session_key(config: &Config) -> String {
    format!("{}session", key_prefix(config))
}

fn pending_key(config: &Config) -> String {
    format!("{}pending", key_prefix(config))
}

/// The stored session, if one decodes. A value that no longer decodes is
/// removed, so the user gets a clean sign-in instead of an error loop.
// NOTE: the session, access token included, is stored as plain JSON. Ion's
// usage policy asks for tokens to be stored encrypted; that is not done yet.
pub fn load_session(config: &Config) -> Option<Session> {
    if !local_available() {
        return None;
    }
    let key = session_key(config);
    match LocalStorage::get::<Session>(&key) {
        Ok(session) => Some(session),
        Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => None,
        Err(error) => {
            log::warn!("The stored session could not be read and was removed: {}", describe(&error));
            LocalStorage::delete(&key);
            None
        }
    }
}

/// Stores the session.
///
/// # Errors
/// A description of the storage failure (unavailable, full, blocked).
pub fn save_session(config: &Config, session: &Session) -> Result<(), String> {
    if !local_available() {
        return Err(UNAVAILABLE.to_owned());
    }
    LocalStorage::set(session_key(config), session).map_err(|error| describe(&error))
}

pub fn clear_session(config: &Config) {
    if !local_available() {
        return;
    }
    LocalStorage::delete(session_key(config));
}

/// Stores the attempt that is about to leave for Ion.
///
/// # Errors
/// A description of the storage failure: without it the answer could not be
/// checked, so the caller must not start the sign-in.
pub fn save_pending(config: &Config, attempt: &PendingAttempt) -> Result<(), String> {
    if !session_storage_available() {
        return Err(UNAVAILABLE.to_owned());
    }
    SessionStorage::set(pending_key(config), attempt).map_err(|error| describe(&error))
}

/// Removes and returns the pending attempt, so that each `state` is used once.
pub fn take_pending(config: &Config) -> Option<PendingAttempt> {
    if !session_storage_available() {
        return None;
    }
    let key = pending_key(config);
    let attempt = SessionStorage::get::<PendingAttempt>(&key);
    SessionStorage::delete(&key);
    match attempt {
        Ok(attempt) => Some(attempt),
        Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => None,
        Err(error) => {
            log::warn!("The pending sign-in attempt could not be read: {}", describe(&error));
            None
        }
    }
}

/// The kind of storage failure, without the stored value (it may hold a token).
fn describe(error: &gloo_storage::errors::StorageError) -> String {
    use gloo_storage::errors::StorageError;
    match error {
        StorageError::KeyNotFound(_) => "no value stored".to_owned(),
        StorageError::SerdeError(_) => "the stored value is not in the expected format".to_owned(),
        StorageError::JsError(js) => format!("the browser refused storage access ({})", js.name),
    }
}
