use wasm_bindgen::JsCast;

use crate::config::{RawSettings, CLIENT_ID_SETTING, GRANT_SETTING, ION_URL_SETTING, REDIRECT_URI_SETTING, SCOPE_SETTING};

/// The `content` of the first `<meta name="{name}">` in the document.
pub fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let nodes = document.query_selector_all("meta[name]").ok()?;
    (0..nodes.length())
        .filter_map(|index| nodes.item(index))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlMetaElement>().ok())
        .find(|meta| meta.name() == name)
        .map(|meta| meta.content())
}

/// Reads every setting from the page's `<meta>` tags.
pub fn read_settings() -> RawSettings {
    RawSettings {
        ion_url: meta_content(ION_URL_SETTING),
        client_id: meta_content(CLIENT_ID_SETTING),
        redirect_uri: meta_content(REDIRECT_URI_SETTING),
        scope: meta_content(SCOPE_SETTING),
        grant: meta_content(GRANT_SETTING),
        content_security_policy: content_security_policy(),
    }
}

/// The `content` of the page's `<meta http-equiv="Content-Security-Policy">`.
fn content_security_policy() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let element = document.query_selector("meta[http-equiv='Content-Security-Policy' i]").ok()??;
    element.get_attribute("content")
}
