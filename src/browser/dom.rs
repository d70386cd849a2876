//! Building elements with plain DOM calls, for the parts of the page that the
//! main module shows without Leptos (see `crate::views::frame`).
//!
//! Every function returns the browser's exception as `Err`. Creating elements
//! with these fixed tag names does not fail in a browser, so callers pass the
//! error up and log it once, where the page is built.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// Returns the page's document.
///
/// # Errors
/// When the code runs without a window or document (not in a page).
pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// Creates `<tag>` with `attributes` (name, value).
///
/// # Errors
/// The browser's exception.
pub fn element(tag: &str, attributes: &[(&str, &str)]) -> Result<Element, JsValue> {
    let element = document()?.create_element(tag)?;
    for (name, value) in attributes {
        element.set_attribute(name, value)?;
    }
    Ok(element)
}

/// Creates `<tag>` with `attributes` and `text` as its only content.
///
/// # Errors
/// The browser's exception.
pub fn text_element(tag: &str, attributes: &[(&str, &str)], text: &str) -> Result<Element, JsValue> {
    let element = element(tag, attributes)?;
    element.set_text_content(Some(text));
    Ok(element)
}

/// Appends `text` as a text node.
///
/// # Errors
/// The browser's exception.
pub fn append_text(parent: &Element, text: &str) -> Result<(), JsValue> {
    parent.append_with_str_1(text)
}

/// Calls `handler` at every click on `element`, for as long as the page lives.
///
/// # Errors
/// The browser's exception.
pub fn on_click(element: &Element, handler: impl FnMut() + 'static) -> Result<(), JsValue> {
    let listener = Closure::<dyn FnMut()>::new(handler);
    element.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref())?;
    // The element lives as long as the page, and so does its listener.
    listener.forget();
    Ok(())
}

/// Calls `handler` at every `event` on the window, for as long as the page lives.
///
/// # Errors
/// The browser's exception.
pub fn on_window_event(event: &str, handler: impl FnMut(web_sys::Event) + 'static) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref())?;
    listener.forget();
    Ok(())
}

/// Appends `child` at the end of `parent`.
///
/// # Errors
/// The browser's exception.
pub fn append(parent: &Element, child: &Element) -> Result<(), JsValue> {
    parent.append_with_node_1(child)
}

/// Appends a `<p>` with `attributes` and `text` to `parent`. When the browser
/// throws, logs the sentence instead, so that it is not lost.
pub fn append_paragraph(parent: &Element, attributes: &[(&str, &str)], text: &str) {
    let appended = text_element("p", attributes, text).and_then(|paragraph| append(parent, &paragraph));
    if let Err(error) = appended {
        log::error!("A message could not be shown on the page ({}): {text}", super::crypto::describe(&error));
    }
}
