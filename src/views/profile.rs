//! The signed-in user's Ion profile.

use leptos::prelude::*;

use crate::api::models::Profile;
use crate::api::IonClient;
use crate::auth::session::Session;
use crate::controller::AppContext;

#[component]
pub fn ProfileView(session: Session) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let client = IonClient::new(context.config.clone(), session, context.page_origin.clone());

    let fetch_context = context.clone();
    let profile = LocalResource::new(move || {
        let client = client.clone();
        let context = fetch_context.clone();
        async move {
            client.profile().await.inspect_err(|error| context.session_failed(error))
        }
    });

    let ion_profile_url = context.ion_page("profile").to_string();

    view! {
        <section class="ip-card" aria-labelledby="ip-profile-heading" aria-busy=move || profile.get().is_none().to_string()>
            <h2 id="ip-profile-heading">"Your Ion profile"</h2>
            {move || match profile.get() {
                None => view! { <ProfileSkeleton/> }.into_any(),
                Some(Ok(profile)) => view! { <ProfileDetails profile=profile/> }.into_any(),
                Some(Err(error)) => view! {
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
