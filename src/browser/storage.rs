//! What the app keeps in the browser, under keys namespaced by Ion origin and
//! client id (on `*.github.io` every site of one owner shares an origin, and
//! so its storage):
//!
//! - local storage `…|session`: the session, encrypted with AES-GCM under a
//!   non-extractable key kept in IndexedDB;
//! - session storage `…|pending|<state>`: each authorization attempt of this
//!   tab, until its response arrives;
//! - session storage `…|auto-reauthorize`: when this tab last re-authorized
//!   by itself.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use web_sys::Storage;

use super::crypto::{self, describe};
use super::keystore;
use crate::auth::pkce::CodeVerifier;
use crate::auth::secret::State;
use crate::auth::session::{PendingAttempt, Session};
use crate::config::Config;
use crate::hex;

/// Prefix of every key this app writes, for one Ion and one client id.
pub fn key_prefix(config: &Config) -> String {
    format!("ion-pages|{}|{}|", config.ion_origin(), config.client_id)
}

pub fn session_key(config: &Config) -> String {
    format!("{}session", key_prefix(config))
}

fn pending_prefix(config: &Config) -> String {
    format!("{}pending|", key_prefix(config))
}

fn auto_reauthorize_key(config: &Config) -> String {
    format!("{}auto-reauthorize", key_prefix(config))
}

/// `localStorage`, or why it cannot be used (disabled, or a sandboxed frame).
fn local() -> Result<Storage, String> {
    match web_sys::window().map(|window| window.local_storage()) {
        Some(Ok(Some(storage))) => Ok(storage),
        Some(Err(error)) => Err(format!("the browser blocks local storage for this site ({})", describe(&error))),
        _ => Err("the browser offers no local storage here".to_owned()),
    }
}

fn session_storage() -> Result<Storage, String> {
    match web_sys::window().map(|window| window.session_storage()) {
        Some(Ok(Some(storage))) => Ok(storage),
        Some(Err(error)) => Err(format!("the browser blocks session storage for this site ({})", describe(&error))),
        _ => Err("the browser offers no session storage here".to_owned()),
    }
}

/// The stored form of a session.
#[derive(Serialize, Deserialize)]
struct SealedSession {
    /// Format version, so that a later format can be told apart.
    v: u8,
    nonce: String,
    ciphertext: String,
}

const SEALED_VERSION: u8 = 1;

/// Result of reading the stored session.
#[derive(Debug)]
pub enum LoadedSession {
    Absent,
    Present(Session),
    /// A value was stored but could not be used; it has been removed.
    Unreadable(String),
}

/// Reads and decrypts the stored session.
pub async fn load_session(config: &Config) -> LoadedSession {
    let Ok(storage) = local() else {
        return LoadedSession::Absent;
    };
    let key_name = session_key(config);
    let raw = match storage.get_item(&key_name) {
        Ok(Some(raw)) => raw,
        Ok(None) => return LoadedSession::Absent,
        Err(error) => {
            log::warn!("The stored session could not be read: {}", describe(&error));
            return LoadedSession::Absent;
        }
    };

    match unseal(config, &raw).await {
        Ok(session) => LoadedSession::Present(session),
        Err(reason) => {
            log::warn!("The stored session was removed because {reason}.");
            let _ = storage.remove_item(&key_name);
            LoadedSession::Unreadable(reason)
        }
    }
}

async fn unseal(config: &Config, raw: &str) -> Result<Session, String> {
    // serde_json's messages can quote the input, so only a fixed text is kept.
    let sealed: SealedSession =
        serde_json::from_str(raw).map_err(|_| "it is not in the expected encrypted format".to_owned())?;
    if sealed.v != SEALED_VERSION {
        return Err(format!("it has the unknown format version {}", sealed.v));
    }
    let nonce = hex::decode(&sealed.nonce).ok_or("its nonce is not hexadecimal")?;
    let ciphertext = hex::decode(&sealed.ciphertext).ok_or("its ciphertext is not hexadecimal")?;

    let key = keystore::session_key(&key_prefix(config), false)
        .await
        .map_err(|error| format!("the encryption key could not be read ({error})"))?
        .ok_or("its encryption key no longer exists on this device")?;
    let plaintext = crypto::decrypt(&key, &nonce, &ciphertext)
        .await
        .map_err(|error| format!("it did not decrypt ({error})"))?;
    serde_json::from_slice(&plaintext).map_err(|_| "its decrypted content is not a session".to_owned())
}

/// Encrypts and stores the session.
///
/// # Errors
/// Why it could not be stored (storage or IndexedDB unavailable, quota full,
/// WebCrypto failure); the caller keeps the session in memory only.
pub async fn save_session(config: &Config, session: &Session) -> Result<(), String> {
    let storage = local()?;
    let key = keystore::session_key(&key_prefix(config), true)
        .await
        .map_err(|error| format!("the encryption key could not be stored ({error})"))?
        .ok_or("no encryption key could be created")?;
    let plaintext = serde_json::to_vec(session).map_err(|_| "the session could not be encoded".to_owned())?;
    let (nonce, ciphertext) = crypto::encrypt(&key, &plaintext).await?;
    let sealed = SealedSession { v: SEALED_VERSION, nonce: hex::encode(&nonce), ciphertext: hex::encode(&ciphertext) };
    let value = serde_json::to_string(&sealed).map_err(|_| "the session could not be encoded".to_owned())?;
    storage
        .set_item(&session_key(config), &value)
        .map_err(|error| format!("local storage rejected the session ({})", describe(&error)))
}

/// Whether local storage contains a session entry for this Ion and client id,
/// readable or not. Start-up only decrypts the session when there is one.
pub fn has_stored_session(config: &Config) -> bool {
    local().ok().and_then(|storage| storage.get_item(&session_key(config)).ok().flatten()).is_some()
}

pub fn clear_session(config: &Config) {
    if let Ok(storage) = local() {
        let _ = storage.remove_item(&session_key(config));
    }
}

/// Stores the attempt that is about to leave for Ion, keyed by its `state`.
///
/// # Errors
/// Why it could not be stored: without it the response could not be checked, so
/// the caller must not start the sign-in.
pub fn save_pending(config: &Config, attempt: &PendingAttempt) -> Result<(), String> {
    let storage = session_storage()?;
    let value = encode_pending(attempt).ok_or_else(|| "the attempt could not be encoded".to_owned())?;
    storage
        .set_item(&format!("{}{}", pending_prefix(config), attempt.state.secret()), &value)
        .map_err(|error| format!("session storage rejected the attempt ({})", describe(&error)))
}

/// Removes and returns the pending attempt stored under `state`, so that each
/// value is accepted once.
pub fn take_pending(config: &Config, state: &State) -> Option<PendingAttempt> {
    let storage = session_storage().ok()?;
    let key = format!("{}{}", pending_prefix(config), state.secret());
    let raw = storage.get_item(&key).ok().flatten();
    let _ = storage.remove_item(&key);
    let raw = raw?;
    let attempt = decode_pending(&raw);
    if attempt.is_none() {
        log::warn!("A pending sign-in attempt was stored in an unexpected format and was dropped.");
    }
    attempt
}

// Pending attempts are JSON, written and read with the browser's parser
// rather than serde_json, which would add its code to the main module (the
// sign-in page's first load). The shape is the one serde would write for
// `PendingAttempt`: {"state": "…", "created_at_ms": 1, "return_to": "/",
// "code_verifier": "…" or null}.

fn encode_pending(attempt: &PendingAttempt) -> Option<String> {
    let object = js_sys::Object::new();
    let set = |name: &str, value: JsValue| js_sys::Reflect::set(&object, &JsValue::from_str(name), &value).ok();
    set("state", JsValue::from_str(attempt.state.secret()))?;
    // Milliseconds since 1970 stay far below 2^53, so the number is exact.
    set("created_at_ms", JsValue::from_f64(attempt.created_at_ms as f64))?;
    set("return_to", JsValue::from_str(&attempt.return_to))?;
    let verifier = attempt.code_verifier.as_ref().map_or(JsValue::NULL, |verifier| JsValue::from_str(verifier.secret()));
    set("code_verifier", verifier)?;
    js_sys::JSON::stringify(&object).ok()?.as_string()
}

fn decode_pending(raw: &str) -> Option<PendingAttempt> {
    let value = js_sys::JSON::parse(raw).ok()?;
    let field = |name: &str| js_sys::Reflect::get(&value, &JsValue::from_str(name)).ok();
    let created_at_ms = field("created_at_ms")?.as_f64()?;
    if !(0.0..=MAX_SAFE_INTEGER).contains(&created_at_ms) || created_at_ms.fract() != 0.0 {
        return None;
    }
    let code_verifier = match field("code_verifier") {
        Some(verifier) if !verifier.is_null() && !verifier.is_undefined() => {
            Some(CodeVerifier::from_stored(verifier.as_string()?))
        }
        _ => None,
    };
    Some(PendingAttempt {
        state: State::from_received(field("state")?.as_string()?),
        created_at_ms: created_at_ms as u64,
        return_to: field("return_to")?.as_string()?,
        code_verifier,
    })
}

/// The largest integer a JavaScript number represents exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Removes every pending attempt of this tab whose age passed its lifetime,
/// or all of them when `now_ms` is `None`.
pub fn clear_pending(config: &Config, now_ms: Option<u64>) {
    let Ok(storage) = session_storage() else { return };
    let prefix = pending_prefix(config);
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(&prefix))
        .collect();
    for key in keys {
        let expired = match now_ms {
            None => true,
            Some(now) => storage
                .get_item(&key)
                .ok()
                .flatten()
                .and_then(|raw| decode_pending(&raw))
                .is_none_or(|attempt| attempt.is_expired(now)),
        };
        if expired {
            let _ = storage.remove_item(&key);
        }
    }
}

/// When this tab last re-authorized by itself, if it did.
pub fn last_auto_reauthorize(config: &Config) -> Option<u64> {
    session_storage().ok()?.get_item(&auto_reauthorize_key(config)).ok().flatten()?.parse().ok()
}

pub fn record_auto_reauthorize(config: &Config, now_ms: u64) {
    if let Ok(storage) = session_storage() {
        let _ = storage.set_item(&auto_reauthorize_key(config), &now_ms.to_string());
    }
}
