use url::Url;

/// The page's current address.
pub fn current_url() -> Option<Url> {
    let href = web_sys::window()?.location().href().ok()?;
    Url::parse(&href).ok()
}

/// Name of the global where the inline script of `index.html` keeps the
/// address an OAuth response arrived at, after removing it from the address bar.
const EARLY_REDIRECT_GLOBAL: &str = "ionPagesRedirect";

/// The address the page was loaded at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitialUrl {
    /// The address, with any OAuth response it carried.
    pub url: Url,
    /// Whether the inline script of `index.html` has already removed the
    /// response from the address bar (it shows the bare path instead).
    pub response_hidden: bool,
}

/// The address the page was loaded at: the one the inline script of
/// `index.html` saved (and then removed from the address bar) when it saw a
/// response, else the current one. The saved copy is deleted once read.
pub fn initial_url() -> Option<InitialUrl> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(EARLY_REDIRECT_GLOBAL);
    let saved = js_sys::Reflect::get(&window, &key).ok().and_then(|value| value.as_string());
    if saved.is_some() {
        let _ = js_sys::Reflect::delete_property(&window, &key);
    }
    match saved.and_then(|href| Url::parse(&href).ok()) {
        Some(url) => Some(InitialUrl { url, response_hidden: true }),
        None => current_url().map(|url| InitialUrl { url, response_hidden: false }),
    }
}

/// Shows `url` in the address bar (see [`replace_url`]) unless it is there already.
///
/// # Errors
/// As [`replace_url`].
pub fn show_url(url: &Url) -> Result<(), String> {
    if current_url().as_ref() == Some(url) {
        return Ok(());
    }
    replace_url(url)
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
