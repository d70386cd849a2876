//! The session encryption key, kept in IndexedDB. A `CryptoKey` created with
//! `extractable: false` can be stored there and used later, but its bytes can
//! never be read by script.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

use super::crypto::{describe, generate_key};

const DATABASE: &str = "ion-pages";
const DATABASE_VERSION: u32 = 1;
const STORE: &str = "keys";

thread_local! {
    /// Keys already loaded on this page, by name.
    static CACHE: RefCell<Vec<(String, CryptoKey)>> = const { RefCell::new(Vec::new()) };
}

/// Waits for an IndexedDB request to succeed or fail.
async fn finished(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let success_request = request.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let result = success_request.result().unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let error_request = request.clone();
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            // Handled here, so the failure does not also abort the transaction
            // with an uncaught error.
            event.prevent_default();
            let error = error_request.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|error| describe(&error))
}

async fn open_database() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(|error| describe(&error))?
        .ok_or("IndexedDB is not available")?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DATABASE, DATABASE_VERSION).map_err(|error| describe(&error))?;

    let upgrade_request = request.clone();
    let on_upgrade = Rc::new(Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Ok(database) = upgrade_request.result().map(JsCast::unchecked_into::<IdbDatabase>) {
            if !database.object_store_names().contains(STORE) {
                if let Err(error) = database.create_object_store(STORE) {
                    log::error!("The key store could not be created: {}", describe(&error));
                }
            }
        }
    }));
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().as_ref().unchecked_ref()));

    let result = finished(&request).await;
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    Ok(result?.unchecked_into())
}

async fn read_key(database: &IdbDatabase, name: &str) -> Result<Option<CryptoKey>, String> {
    let transaction = database
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readonly)
        .map_err(|error| describe(&error))?;
    let store = transaction.object_store(STORE).map_err(|error| describe(&error))?;
    let request = store.get(&JsValue::from_str(name)).map_err(|error| describe(&error))?;
    Ok(finished(&request).await?.dyn_into::<CryptoKey>().ok())
}

/// Adds `key` under `name`; fails if a key is already stored there, so two
/// tabs racing to create one end up using the same key.
async fn add_key(database: &IdbDatabase, name: &str, key: &CryptoKey) -> Result<(), String> {
    let transaction = database
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(|error| describe(&error))?;
    let store = transaction.object_store(STORE).map_err(|error| describe(&error))?;
    let request = store.add_with_key(key, &JsValue::from_str(name)).map_err(|error| describe(&error))?;
    finished(&request).await.map(|_| ())
}

/// Returns the key stored under `name`, creating and storing one when
/// `create` is true and none exists.
///
/// # Errors
/// IndexedDB or WebCrypto failures (storage disabled, private mode quotas).
pub async fn session_key(name: &str, create: bool) -> Result<Option<CryptoKey>, String> {
    if let Some(key) = CACHE.with(|cache| cache.borrow().iter().find(|(cached, _)| cached == name).map(|(_, key)| key.clone())) {
        return Ok(Some(key));
    }

    let database = open_database().await?;
    let key = match read_key(&database, name).await? {
        Some(key) => Some(key),
        None if create => {
            let key = generate_key().await?;
            match add_key(&database, name, &key).await {
                Ok(()) => Some(key),
                // Another tab stored one first: use that one.
                Err(_) => read_key(&database, name).await?,
            }
        }
        None => None,
    };
    database.close();

    if let Some(key) = &key {
        CACHE.with(|cache| cache.borrow_mut().push((name.to_owned(), key.clone())));
    }
    Ok(key)
}

/// Forgets the cached keys of this page, so the next use reads IndexedDB again.
pub fn forget_cached_keys() {
    CACHE.with(|cache| cache.borrow_mut().clear());
}
