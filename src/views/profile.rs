//! The signed-in view: the user's Ion profile, and "Sign out".

use leptos::prelude::*;

use super::app::AppContext;
use crate::api::models::Profile;
use crate::api::{ApiError, IonClient};
use crate::auth::session::Session;
use crate::auth::state::SignedOutReason;
use crate::browser::clock;

/// Why a profile could not be shown.
#[derive(Clone, Debug)]
enum LoadError {
    /// Ion rejected the token, or it expired: the view signs the user out.
    SignedOut,
    Failed(ApiError),
}

#[component]
pub fn ProfileView(session: Session) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let client = IonClient::new(context.config.clone(), session.access_token.clone(), context.page_origin.clone());

    let fetch_context = context.clone();
    let fetch_session = session.clone();
    let profile = LocalResource::new(move || {
        let client = client.clone();
        let context = fetch_context.clone();
        let session = fetch_session.clone();
        async move {
            if session.is_expired(clock::now_ms()) {
                context.sign_out(SignedOutReason::Expired);
                return Err(LoadError::SignedOut);
            }
            match client.profile().await {
                Ok(profile) => Ok(profile),
                Err(ApiError::NotAuthenticated) => {
                    context.sign_out(SignedOutReason::SessionEnded);
                    Err(LoadError::SignedOut)
                }
                Err(error) => Err(LoadError::Failed(error)),
            }
        }
    });

    let sign_out_context = context.clone();
    let on_sign_out = move |_| {
        log::info!("Signed out by the user.");
        sign_out_context.sign_out(SignedOutReason::SignedOut);
    };

    let scope_note = session.scope_differs().then(|| {
        format!(
            "Ion granted the scope \"{}\" instead of the requested \"{}\".",
            session.scope, session.requested_scope
        )
    });
    let notice = context.notice;
    let storage_problem = context.storage_problem;
    let ion_profile_url = context.config.ion_endpoint("profile").to_string();

    view! {
        <section class="ip-card" aria-labelledby="ip-profile-heading" aria-busy=move || profile.get().is_none().to_string()>
            <div class="ip-card-head">
                <h2 id="ip-profile-heading">"Your Ion profile"</h2>
                <button class="ip-button" type="button" on:click=on_sign_out>"Sign out"</button>
            </div>
            {move || notice.get().map(|rejection| view! {
                <p class="ip-message ip-error" role="alert">{rejection.to_string()} " You are still signed in."</p>
            })}
            {move || storage_problem.get().map(|problem| view! {
                <p class="ip-message ip-warning" role="status">
                    "This sign-in will not survive a reload: the session could not be stored (" {problem} ")."
                </p>
            })}
            {scope_note.map(|text| view! { <p class="ip-message" role="status" data-testid="scope-note">{text}</p> })}
            {move || match profile.get() {
                None => view! { <ProfileSkeleton/> }.into_any(),
                Some(Ok(profile)) => view! { <ProfileDetails profile=profile/> }.into_any(),
                Some(Err(LoadError::SignedOut)) => view! { <ProfileSkeleton/> }.into_any(),
                Some(Err(LoadError::Failed(error))) => view! {
                    <div class="ip-message ip-error" role="alert">
                        <p data-testid="profile-error">{error.to_string()}</p>
                        <button class="ip-button" type="button" on:click=move |_| profile.refetch()>"Retry"</button>
                    </div>
                }.into_any(),
            }}
            <p class="ip-small"><a href=ion_profile_url>"Open your profile in Ion"</a></p>
        </section>
    }
}

#[component]
fn ProfileSkeleton() -> impl IntoView {
    view! {
        <dl class="ip-profile ip-skeleton" aria-hidden="true">
            <dt>"Name"</dt><dd>"\u{a0}"</dd>
            <dt>"Username"</dt><dd>"\u{a0}"</dd>
            <dt>"Grade"</dt><dd>"\u{a0}"</dd>
            <dt>"E-mail"</dt><dd>"\u{a0}"</dd>
        </dl>
        <p class="ip-visually-hidden" role="status">"Loading your profile from Ion…"</p>
    }
}

#[component]
fn ProfileDetails(profile: Profile) -> impl IntoView {
    let not_given = || "not given".to_owned();
    let grade = profile.grade.as_ref().and_then(|grade| grade.label()).unwrap_or_else(not_given);
    let email = profile.tj_email.clone().unwrap_or_else(not_given);
    let name = profile.name().to_owned();

    view! {
        <dl class="ip-profile" data-testid="profile">
            <dt>"Name"</dt><dd data-testid="profile-name">{name}</dd>
            <dt>"Username"</dt><dd data-testid="profile-username">{profile.ion_username.clone()}</dd>
            <dt>"Grade"</dt><dd data-testid="profile-grade">{grade}</dd>
            <dt>"E-mail"</dt><dd data-testid="profile-email">{email}</dd>
        </dl>
    }
}
