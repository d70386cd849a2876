//! The bar above the signed-in views: who granted what, until when, the
//! expiry warning with "Stay signed in", and "Sign out".

use leptos::prelude::*;

use crate::auth::request::Prompt;
use crate::auth::session::Session;
use crate::controller::AppContext;

#[component]
pub fn SessionBar(session: Session) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let now_ms = context.now_ms;
    let storage_problem = context.storage_problem;
    let renew_error = RwSignal::new(None::<String>);

    // A session with a refresh token renews itself, so only the others need
    // the user to act.
    let warning_session = session.clone();
    let warning_due =
        move || warning_session.refresh_token.is_none() && warning_session.expiry_warning_due(now_ms.get());
    let minutes_session = session.clone();
    let minutes_left = move || minutes_session.remaining_ms(now_ms.get()).div_ceil(60_000);

    let renew_context = context.clone();
    let on_renew = move |_| renew_context.spawn_sign_in(Prompt::Auto, Some(renew_error));
    let sign_out_context = context.clone();
    let on_sign_out = move |_| sign_out_context.sign_out_by_user();

    let scope_note = session.scope_differs().then(|| {
        format!("Ion granted the scope \"{}\" instead of the requested \"{}\".", session.scope, session.requested_scope)
    });

    view! {
        <section class="ip-session-bar" aria-label="Session">
            <p class="ip-small">"Signed in with Ion (scope: " {session.scope.clone()} ")."</p>
            <button class="ip-button" type="button" on:click=on_sign_out>"Sign out"</button>
        </section>
        {scope_note.map(|text| view! { <p class="ip-message" role="status" data-testid="scope-note">{text}</p> })}
        {move || storage_problem.get().map(|problem| view! {
            <p class="ip-message ip-warning" role="status" data-testid="storage-problem">
                "This sign-in will not survive a reload: it could not be saved because " {problem} "."
            </p>
        })}
        <Show when=warning_due.clone()>
            <div class="ip-message ip-warning" role="alert" data-testid="expiry-warning">
                <p>"Your session ends in about " {minutes_left.clone()} " minute(s)."</p>
                <button class="ip-button ip-primary" type="button" on:click=on_renew.clone()>"Stay signed in"</button>
            </div>
        </Show>
        {move || renew_error.get().map(|text| view! { <p class="ip-message ip-error" role="alert">{text}</p> })}
    }
}
