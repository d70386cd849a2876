use url::Url;

/// The page's current address.
pub fn current_url() -> Option<Url> {
    let href = web_sys::window()?.location().href().ok()?;
    Url::parse(&href).ok()
}

/// Replaces the current history entry's URL without a navigation, so that the
/// old address (with a token in it) is neither shown nor kept in history.
///
/// # Errors
/// The browser's exception as text, when `history.replaceState` throws.
pub fn replace_url(url: &Url) -> Result<(), String> {
    let history = web_sys::window().ok_or("no window")?.history().map_err(|error| format!("{error:?}"))?;
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url.as_str()))
        .map_err(|error| format!("{error:?}"))
}

/// Sends the browser to `url` (a full navigation).
pub fn navigate_to(url: &Url) -> Result<(), String> {
    web_sys::window()
        .ok_or("no window")?
        .location()
        .assign(url.as_str())
        .map_err(|error| format!("{error:?}"))
}
