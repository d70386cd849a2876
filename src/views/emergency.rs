//! The emergency banner from `/api/emerg` (open on Ion), shown above every view.

use leptos::prelude::*;

use super::common::view_client;
use crate::browser::sanitize::{html_to_text, sanitize};
use crate::controller::AppContext;

#[component]
pub fn EmergencyBanner() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let client = view_client(&context);
    let ion_origin = context.config.ion_origin();
    // The request waits for the view's own data, which the user is waiting for.
    let view_settled = context.view_settled;
    let message = LocalResource::new(move || {
        let client = client.clone();
        let ion_origin = ion_origin.clone();
        let ready = view_settled.get();
        async move {
            if !ready {
                return None;
            }
            let emergency = match client.emergency().await {
                Ok(emergency) => emergency,
                Err(error) => {
                    log::warn!("The emergency status could not be read: {error}");
                    return None;
                }
            };
            let html = emergency.active_message()?.to_owned();
            Some(match sanitize(&html, &ion_origin).await {
                Ok(clean) => Ok(clean),
                Err(_) => Err(html_to_text(&html)),
            })
        }
    });

    move || {
        message.get().flatten().map(|content| match content {
            Ok(html) => view! {
                <div class="ip-message ip-error ip-emergency" role="alert" data-testid="emergency" inner_html=html></div>
            }
            .into_any(),
            Err(text) => view! {
                <div class="ip-message ip-error ip-emergency" role="alert" data-testid="emergency">{text}</div>
            }
            .into_any(),
        })
    }
}
