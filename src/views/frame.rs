//! The page frame: header, menu, main area and footer, built with plain DOM
//! calls by the main module. The main module's signed-out page, or the app
//! from the chunk, goes into the frame's content element (see `crate::startup`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::auth::redirect::parse_redirect;
use crate::browser::dom::{self, element, text_element};
use crate::browser::{crypto, location};
use crate::config::Config;
use crate::route::Route;

/// The parts of the frame that change after it is built.
pub struct Frame {
    /// `<main>`: the emergency message goes first in it.
    pub main: Element,
    /// The element the view goes into, after the emergency message.
    pub content: Element,
}

/// The menu: each view with its label.
const LINKS: [(&str, &str); 6] = [
    ("#/profile", "Profile"),
    ("#/today", "Today"),
    ("#/eighth", "Eighth period"),
    ("#/announcements?page=1", "Announcements"),
    ("#/search?q=", "Directory"),
    ("#/explorer?path=api", "API explorer"),
];

/// Builds the frame into `host` and marks `route`'s menu entry as the
/// current page, then follows every change of the address's fragment.
///
/// # Errors
/// The browser's exception.
pub fn build(host: &Element, config: &Config, route: &Route) -> Result<Frame, JsValue> {
    let root = element("div", &[("class", "ion-pages")])?;

    let header = element("header", &[("class", "ip-header")])?;
    dom::append(&header, &text_element("h1", &[("class", "ip-title")], "ion-pages")?)?;
    dom::append(&header, &text_element(
        "p",
        &[("class", "ip-tagline")],
        "A static page that signs you in to Ion and shows what Ion's API returns.",
    )?)?;

    let nav = element("nav", &[("class", "ip-nav"), ("aria-label", "Views")])?;
    let list = element("ul", &[])?;
    let mut links = Vec::with_capacity(LINKS.len());
    for (href, label) in LINKS {
        let item = element("li", &[])?;
        let link = text_element("a", &[("href", href)], label)?;
        dom::append(&item, &link)?;
        dom::append(&list, &item)?;
        links.push((Route::parse(href.strip_prefix('#')), link));
    }
    dom::append(&nav, &list)?;
    mark_current(&links, route);
    dom::on_window_event("hashchange", move |_| {
        let fragment = location::current_url().and_then(|url| url.fragment().map(str::to_owned));
        // A pasted authorization response names no view, and is removed at once.
        if parse_redirect(None, fragment.as_deref()).is_none() {
            mark_current(&links, &Route::parse(fragment.as_deref()));
        }
    })?;

    let main = element("main", &[("class", "ip-main")])?;
    // Focusable by script only, so that focus can stay in the page when the
    // button that had it goes away (see `focus_content`).
    let content = element("div", &[("class", "ip-content"), ("tabindex", "-1")])?;
    dom::append(&main, &content)?;

    let footer = element("footer", &[("class", "ip-footer")])?;
    let note = element("p", &[])?;
    dom::append_text(
        &note,
        "Unofficial: ion-pages is not made or endorsed by TJHSST, FCPS or the Intranet team. \
         Ion remains the place to manage your account: ",
    )?;
    dom::append(&note, &text_element("a", &[("href", config.ion_base.as_str())], "open Ion")?)?;
    dom::append_text(&note, ".")?;
    dom::append(&footer, &note)?;

    root.append_with_node_4(&header, &nav, &main, &footer)?;
    dom::append(host, &root)?;
    Ok(Frame { main, content })
}

/// Sets `aria-current="page"` on the menu entry of `route`. A profile opened
/// from the directory keeps the directory marked.
fn mark_current(links: &[(Route, Element)], route: &Route) {
    for (target, link) in links {
        let current = std::mem::discriminant(route) == std::mem::discriminant(target)
            || (matches!(route, Route::Person(_)) && matches!(target, Route::Search(_)));
        let _ = if current { link.set_attribute("aria-current", "page") } else { link.remove_attribute("aria-current") };
    }
}

/// Moves keyboard focus to the content element, for a button that removes
/// itself ("Sign out", "Try again"). Without this, focus falls back to the
/// document and the next Tab starts again at the top of the page.
pub fn focus_content() {
    let content = dom::document().ok().and_then(|document| document.query_selector(".ion-pages .ip-content").ok().flatten());
    match content.and_then(|content| content.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(content) => {
            if let Err(error) = content.focus() {
                log::warn!("Keyboard focus could not move to the page's content: {}", crypto::describe(&error));
            }
        }
        None => log::warn!("Keyboard focus could not move to the page's content: it was not found."),
    }
}

/// Replaces what `content` shows with `children`.
///
/// # Errors
/// The browser's exception.
pub fn show(content: &Element, children: &[Element]) -> Result<(), JsValue> {
    content.set_text_content(None);
    for child in children {
        content.append_with_node_1(child)?;
    }
    Ok(())
}
