//! The page for an app address (`#/…`) that names no view. Built with plain
//! DOM calls, like the sign-in view (see `crate::views::frame`).

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::browser::dom::{self, element, text_element};
use crate::views::emergency;

/// Builds the card for `path`, the address as typed, without `#/`.
///
/// # Errors
/// The browser's exception.
pub fn build(path: &str) -> Result<Element, JsValue> {
    // The page sends no request to Ion, so requests that wait for the
    // view's data may start.
    emergency::settle_view();
    let card = element("section", &[("class", "ip-card"), ("aria-labelledby", "ip-not-found-heading")])?;
    dom::append(&card, &text_element("h2", &[("id", "ip-not-found-heading")], "No such page")?)?;
    dom::append(&card, &text_element(
        "p",
        &[("class", "ip-message ip-error"), ("role", "alert"), ("data-testid", "not-found")],
        &format!("ion-pages has no page at \"#/{path}\". Check the address, or choose a view from the menu above."),
    )?)?;
    let link = element("p", &[])?;
    dom::append(&link, &text_element("a", &[("href", "#/profile")], "Open your profile")?)?;
    dom::append(&card, &link)?;
    Ok(card)
}
