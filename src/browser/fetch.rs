//! Sending a request with the browser's `fetch` directly, for the requests
//! the main module makes before the chunk (and the API client in it) is
//! there: the emergency status, and the profile request of a return.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Sends `GET url` with an `Accept` header and, when `bearer` is given, an
/// `Authorization: Bearer` header. As with the API client, `fetch` sends
/// cookies only to the page's own origin, so Ion on another origin judges the
/// request by the token alone.
///
/// # Errors
/// The browser's exception, when the request cannot even be sent.
pub fn get(url: &str, accept: &str, bearer: Option<&str>) -> Result<js_sys::Promise, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let headers = web_sys::Headers::new()?;
    headers.set("Accept", accept)?;
    if let Some(token) = bearer {
        headers.set("Authorization", &format!("Bearer {token}"))?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    Ok(window.fetch_with_str_and_init(url, &init))
}

/// Waits for the response of a request from [`get`].
///
/// # Errors
/// The browser's exception when no response arrived (network or CORS).
pub async fn response(sent: js_sys::Promise) -> Result<web_sys::Response, JsValue> {
    Ok(JsFuture::from(sent).await?.unchecked_into())
}

/// Reads a response body as JSON, with the browser's parser.
///
/// # Errors
/// The browser's exception when the body is not JSON.
pub async fn json(response: &web_sys::Response) -> Result<JsValue, JsValue> {
    JsFuture::from(response.json()?).await
}
