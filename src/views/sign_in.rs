//! The signed-out view: why the user is signed out, and the button that starts
//! an authorization request.
//!
//! It is built with plain DOM calls, so that the first load of the sign-in
//! page needs no Leptos (see `crate::views::frame`). The app in the chunk
//! shows the same element (see `crate::views::app`).

use futures::future::LocalBoxFuture;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::auth::callback::SignInRejection;
use crate::auth::error_code::OAuthErrorCode;
use crate::auth::request::Prompt;
use crate::auth::state::SignedOutReason;
use crate::authorize::start_sign_in;
use crate::browser::dom::{self, element, text_element};
use crate::api::ApiError;
use crate::config::Config;

/// Asks Ion whether it lets this page's origin call the API (see
/// `crate::api::check_origin_allowed`). The main module passes one that
/// goes through the chunk, and the app in the chunk one that calls it
/// directly, because the chunk is there when its code runs. A call from
/// the chunk's code to the chunk's loader would also make the browser tests'
/// module import the loader, which their runner cannot provide.
pub type OriginCheck = fn(Config, String) -> LocalBoxFuture<'static, Result<(), ApiError>>;

/// Builds the sign-in card for `reason`.
///
/// # Errors
/// The browser's exception.
pub fn build(
    config: &Config,
    page_origin: &str,
    reason: &SignedOutReason,
    check_origin: OriginCheck,
) -> Result<Element, JsValue> {
    let card = element("section", &[("class", "ip-card"), ("aria-labelledby", "ip-sign-in-heading")])?;
    dom::append(&card, &text_element("h2", &[("id", "ip-sign-in-heading")], "Sign in")?)?;

    let is_problem = reason.is_problem();
    if let Some(text) = reason.message() {
        let (class, role) = if is_problem { ("ip-message ip-error", "alert") } else { ("ip-message", "status") };
        dom::append(&card, &text_element(
            "p",
            &[("class", class), ("role", role), ("data-testid", "signed-out-reason")],
            &text,
        )?)?;
    }
    if let SignedOutReason::Rejected(SignInRejection::Refused { description: Some(text), .. }) = reason {
        dom::append(&card, &text_element(
            "p",
            &[("class", "ip-message ip-detail"), ("data-testid", "error-description")],
            &format!("Ion's explanation: {text}"),
        )?)?;
    }

    // When Ion refuses the implicit grant, also check whether it would let
    // this origin call the API, so the page names everything that is missing.
    if matches!(
        reason,
        SignedOutReason::Rejected(SignInRejection::Refused { error: OAuthErrorCode::UnauthorizedClient, .. })
    ) {
        let slot = element("div", &[])?;
        dom::append(&card, &slot)?;
        let (config, page_origin) = (config.clone(), page_origin.to_owned());
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(error) = check_origin(config, page_origin).await {
                let attributes = [("class", "ip-message ip-error"), ("role", "alert"), ("data-testid", "origin-check")];
                dom::append_paragraph(&slot, &attributes, &error.to_string());
            }
        });
    }

    let explanation = element("p", &[])?;
    dom::append_text(&explanation, "You will be sent to Ion at ")?;
    dom::append(&explanation, &text_element("strong", &[], &config.ion_origin())?)?;
    dom::append_text(&explanation, " to log in and allow access, then brought back here.")?;
    dom::append(&card, &explanation)?;

    let label = if is_problem { "Try again" } else { "Sign in with Ion" };
    let button = text_element("button", &[("class", "ip-button ip-primary"), ("type", "button")], label)?;
    dom::append(&card, &button)?;
    // The reason a click could not start the sign-in goes here.
    let start_error = element("div", &[])?;
    dom::append(&card, &start_error)?;

    let config = config.clone();
    dom::on_click(&button, move || {
        start_error.set_text_content(None);
        let config = config.clone();
        let start_error = start_error.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(message) = start_sign_in(&config, Prompt::Consent).await {
                dom::append_paragraph(&start_error, &[("class", "ip-message ip-error"), ("role", "alert")], &message);
            }
        });
    })?;
    Ok(card)
}
