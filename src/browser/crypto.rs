//! Randomness and AES-GCM through WebCrypto.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Crypto, CryptoKey};

use crate::auth::pkce::{CodeVerifier, VERIFIER_RANDOM_BYTES};
use crate::auth::secret::{State, STATE_RANDOM_BYTES};

/// AES-GCM nonce length: 96 bits, the size NIST SP 800-38D recommends.
pub const NONCE_BYTES: usize = 12;

fn crypto() -> Result<Crypto, String> {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .ok_or_else(|| "this browser offers no Web Crypto API".to_owned())
}

fn fill_random(bytes: &mut [u8]) -> Result<(), String> {
    crypto()?
        .get_random_values_with_u8_array(bytes)
        .map(|_| ())
        .map_err(|error| format!("crypto.getRandomValues failed: {}", describe(&error)))
}

/// Generates a fresh `state` from `crypto.getRandomValues`.
///
/// # Errors
/// A message for the user when the browser offers no cryptographic random
/// source; no sign-in can start safely without one.
pub fn generate_state() -> Result<State, String> {
    let mut bytes = [0u8; STATE_RANDOM_BYTES];
    fill_random(&mut bytes).map_err(|error| {
        log::error!("No random state could be generated: {error}");
        "This browser could not generate random numbers, so a sign-in cannot start safely.".to_owned()
    })?;
    Ok(State::from_random_bytes(&bytes))
}

/// Generates a PKCE `code_verifier` from `crypto.getRandomValues`.
///
/// # Errors
/// A message for the user when no random source is available.
pub fn generate_code_verifier() -> Result<CodeVerifier, String> {
    let mut bytes = [0u8; VERIFIER_RANDOM_BYTES];
    fill_random(&mut bytes).map_err(|error| {
        log::error!("No code verifier could be generated: {error}");
        "This browser could not generate random numbers, so a sign-in cannot start safely.".to_owned()
    })?;
    Ok(CodeVerifier::from_random_bytes(&bytes))
}

/// SHA-256 of `data`, from `crypto.subtle.digest`.
pub async fn sha256(data: &[u8]) -> Result<[u8; 32], String> {
    let promise = crypto()?
        .subtle()
        .digest_with_str_and_u8_array("SHA-256", data)
        .map_err(|error| describe(&error))?;
    let buffer = JsFuture::from(promise).await.map_err(|error| describe(&error))?;
    Uint8Array::new(&buffer).to_vec().try_into().map_err(|_| "SHA-256 did not return 32 bytes".to_owned())
}

fn set(object: &Object, key: &str, value: &JsValue) -> Result<(), String> {
    Reflect::set(object, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|error| describe(&error))
}

/// Generates a new AES-GCM 256-bit key that script cannot export.
pub async fn generate_key() -> Result<CryptoKey, String> {
    let algorithm = Object::new();
    set(&algorithm, "name", &"AES-GCM".into())?;
    set(&algorithm, "length", &256.into())?;
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());

    let promise = crypto()?
        .subtle()
        .generate_key_with_object(&algorithm, false, &usages)
        .map_err(|error| describe(&error))?;
    let key = JsFuture::from(promise).await.map_err(|error| describe(&error))?;
    key.dyn_into::<CryptoKey>().map_err(|_| "generateKey did not return a CryptoKey".to_owned())
}

fn gcm_params(nonce: &[u8]) -> Result<Object, String> {
    let params = Object::new();
    set(&params, "name", &"AES-GCM".into())?;
    set(&params, "iv", &Uint8Array::from(nonce).into())?;
    Ok(params)
}

/// Encrypts `plaintext` under `key` with a fresh random nonce; returns the
/// nonce and the ciphertext (which ends with the 128-bit tag).
pub async fn encrypt(key: &CryptoKey, plaintext: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut nonce = vec![0u8; NONCE_BYTES];
    fill_random(&mut nonce)?;
    let promise = crypto()?
        .subtle()
        .encrypt_with_object_and_u8_array(&gcm_params(&nonce)?, key, plaintext)
        .map_err(|error| describe(&error))?;
    let buffer = JsFuture::from(promise).await.map_err(|error| describe(&error))?;
    Ok((nonce, Uint8Array::new(&buffer).to_vec()))
}

/// Decrypts and authenticates `ciphertext`.
///
/// # Errors
/// Any failure, including a wrong key or altered data (WebCrypto reports both
/// as `OperationError`).
pub async fn decrypt(key: &CryptoKey, nonce: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, String> {
    let promise = crypto()?
        .subtle()
        .decrypt_with_object_and_u8_array(&gcm_params(nonce)?, key, ciphertext)
        .map_err(|error| describe(&error))?;
    let buffer = JsFuture::from(promise).await.map_err(|error| describe(&error))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The name and message of a JavaScript exception, for logs. Exceptions from
/// these APIs never contain the data they worked on.
pub fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => format!("{}: {}", String::from(error.name()), String::from(error.message())),
        None => error.as_string().unwrap_or_else(|| "unknown JavaScript error".to_owned()),
    }
}
