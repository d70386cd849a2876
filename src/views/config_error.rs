//! The "not configured" page: which setting is wrong and how to fix it.
//! Built with plain DOM calls, like the sign-in view (see `crate::views::frame`).

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::browser::dom::{self, element, text_element};
use crate::config::{ConfigError, CLIENT_ID_SETTING, GRANT_SETTING, ION_URL_SETTING, SCOPE_SETTING};

/// Builds the page for `error` into `host`.
///
/// # Errors
/// The browser's exception.
pub fn build(host: &Element, error: &ConfigError, suggested_redirect_uri: &str) -> Result<(), JsValue> {
    let card = element("section", &[("class", "ip-card"), ("aria-labelledby", "ip-config-heading")])?;
    dom::append(&card, &text_element("h1", &[("id", "ip-config-heading")], "ion-pages is not configured")?)?;
    dom::append(&card, &text_element(
        "p",
        &[("class", "ip-message ip-error"), ("role", "alert"), ("data-testid", "config-error")],
        &error.to_string(),
    )?)?;

    if !matches!(error, ConfigError::OpenedFromFile { .. }) {
        dom::append(&card, &text_element(
            "p",
            &[],
            "Register this exact redirect URI for your application on Ion \
             (Ion compares it byte for byte, trailing slash and port included):",
        )?)?;
        dom::append(&card, &text_element(
            "pre",
            &[("class", "ip-code"), ("data-testid", "redirect-uri-to-register")],
            suggested_redirect_uri,
        )?)?;
        dom::append(&card, &text_element(
            "p",
            &[],
            "The settings are <meta> tags in the <head> of index.html, for example:",
        )?)?;
        let example = format!(
            "<meta name=\"{ION_URL_SETTING}\" content=\"https://ion.tjhsst.edu\">\n\
             <meta name=\"{CLIENT_ID_SETTING}\" content=\"YOUR_CLIENT_ID\">\n\
             <meta name=\"{SCOPE_SETTING}\" content=\"read\">\n\
             <meta name=\"{GRANT_SETTING}\" content=\"implicit\">"
        );
        dom::append(&card, &text_element("pre", &[("class", "ip-code")], &example)?)?;

        let grant = element("p", &[])?;
        dom::append_text(&grant, "Set ")?;
        dom::append(&grant, &text_element("code", &[], GRANT_SETTING)?)?;
        dom::append_text(&grant, " to ")?;
        dom::append(&grant, &text_element("code", &[], "code")?)?;
        dom::append_text(
            &grant,
            " when your application's page on Ion shows the grant type \"Authorization code\", which is the \
             only one Ion's registration page offers today; keep ",
        )?;
        dom::append(&grant, &text_element("code", &[], "implicit")?)?;
        dom::append_text(&grant, " for an application Ion stores with the implicit grant.")?;
        dom::append(&card, &grant)?;
    }

    let main = element("main", &[("class", "ip-main")])?;
    dom::append(&main, &card)?;
    let root = element("div", &[("class", "ion-pages")])?;
    dom::append(&root, &main)?;
    dom::append(host, &root)?;
    Ok(())
}
