//! The signed-out view: why the user is signed out, and the button that starts
//! an authorization request.

use leptos::prelude::*;

use super::app::AppContext;
use crate::auth::request::authorization_url;
use crate::auth::session::PendingAttempt;
use crate::auth::state::SignedOutReason;
use crate::browser::{clock, crypto, location, storage};

/// Stores a fresh `state` for this tab and sends the browser to Ion.
///
/// # Errors
/// The sentence to show when the attempt cannot start safely.
fn start_sign_in(context: &AppContext) -> Result<(), String> {
    let state = crypto::generate_state()?;
    let attempt = PendingAttempt { state: state.clone(), created_at_ms: clock::now_ms() };
    storage::save_pending(&context.config, &attempt).map_err(|error| {
        log::error!("The sign-in attempt could not be stored: {error}");
        format!(
            "The sign-in cannot start because this browser blocks session storage for this site ({error}). \
             Allow site data for this page and try again."
        )
    })?;

    let url = authorization_url(&context.config, &state);
    log::info!("Sending the browser to Ion's authorization endpoint {}", url.path());
    location::navigate_to(&url).map_err(|error| {
        log::error!("Navigation to Ion failed: {error}");
        "The browser did not open Ion's sign-in page. Try again.".to_owned()
    })
}

#[component]
pub fn SignInView(reason: SignedOutReason) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let start_error = RwSignal::new(None::<String>);
    let ion_origin = context.config.ion_origin();

    let message = reason.message();
    let is_problem = reason.is_problem();
    let description = match &reason {
        SignedOutReason::Rejected(crate::auth::callback::SignInRejection::Refused {
            description: Some(text), ..
        }) => Some(text.clone()),
        _ => None,
    };
    let button_label = if is_problem { "Try again" } else { "Sign in with Ion" };

    let on_click = move |_| {
        start_error.set(None);
        if let Err(error) = start_sign_in(&context) {
            start_error.set(Some(error));
        }
    };

    view! {
        <section class="ip-card" aria-labelledby="ip-sign-in-heading">
            <h2 id="ip-sign-in-heading">"Sign in"</h2>
            {message.map(|text| {
                let class = if is_problem { "ip-message ip-error" } else { "ip-message" };
                let role = if is_problem { "alert" } else { "status" };
                view! {
                    <p class=class role=role data-testid="signed-out-reason">{text}</p>
                }
            })}
            {description.map(|text| view! {
                <p class="ip-message ip-detail" data-testid="error-description">"Ion said: " {text}</p>
            })}
            <p>"You will be sent to Ion at " <strong>{ion_origin}</strong> " to log in and allow access, then brought back here."</p>
            <button class="ip-button ip-primary" type="button" on:click=on_click>{button_label}</button>
            {move || start_error.get().map(|text| view! { <p class="ip-message ip-error" role="alert">{text}</p> })}
        </section>
    }
}
