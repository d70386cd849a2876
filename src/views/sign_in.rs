//! The signed-out view: why the user is signed out, and the button that starts
//! an authorization request.

use leptos::prelude::*;

use crate::auth::callback::SignInRejection;
use crate::auth::error_code::OAuthErrorCode;
use crate::auth::request::Prompt;
use crate::auth::state::SignedOutReason;
use crate::chunk;
use crate::controller::AppContext;

#[component]
pub fn SignInView(reason: SignedOutReason) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let start_error = RwSignal::new(None::<String>);
    let ion_origin = context.config.ion_origin();

    let message = reason.message();
    let is_problem = reason.is_problem();
    let description = match &reason {
        SignedOutReason::Rejected(SignInRejection::Refused { description: Some(text), .. }) => Some(text.clone()),
        _ => None,
    };
    let button_label = if is_problem { "Try again" } else { "Sign in with Ion" };

    // When Ion refuses the implicit grant, also check whether it would let
    // this origin call the API, so the page names everything that is missing.
    let origin_check = matches!(
        reason,
        SignedOutReason::Rejected(SignInRejection::Refused { error: OAuthErrorCode::UnauthorizedClient, .. })
    )
    .then(|| {
        let config = context.config.clone();
        let page_origin = context.page_origin.clone();
        LocalResource::new(move || {
            let config = config.clone();
            let page_origin = page_origin.clone();
            // A chunk that cannot be fetched only leaves this extra check out.
            async move { chunk::check_origin(config, page_origin).await.unwrap_or(Ok(())) }
        })
    });

    let click_context = context.clone();
    let on_click = move |_| {
        start_error.set(None);
        click_context.spawn_sign_in(Prompt::Consent, Some(start_error));
    };

    view! {
        <section class="ip-card" aria-labelledby="ip-sign-in-heading">
            <h2 id="ip-sign-in-heading">"Sign in"</h2>
            {message.map(|text| {
                let class = if is_problem { "ip-message ip-error" } else { "ip-message" };
                let role = if is_problem { "alert" } else { "status" };
                view! { <p class=class role=role data-testid="signed-out-reason">{text}</p> }
            })}
            {description.map(|text| view! {
                <p class="ip-message ip-detail" data-testid="error-description">"Ion's explanation: " {text}</p>
            })}
            {origin_check.map(|check| view! {
                {move || check.get().and_then(Result::err).map(|error| view! {
                    <p class="ip-message ip-error" role="alert" data-testid="origin-check">{error.to_string()}</p>
                })}
            })}
            <p>"You will be sent to Ion at " <strong>{ion_origin}</strong> " to log in and allow access, then brought back here."</p>
            <button class="ip-button ip-primary" type="button" on:click=on_click>{button_label}</button>
            {move || start_error.get().map(|text| view! { <p class="ip-message ip-error" role="alert">{text}</p> })}
        </section>
    }
}
