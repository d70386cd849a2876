//! A profile: the signed-in user's, or another user's opened from search.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use std::cell::Cell;

use super::common::{render_resource, view_client, watch, OpenInIon};
use crate::api::models::Profile;
use crate::api::ApiError;
use crate::controller::AppContext;

/// `user` is an id or username, or `None` for the signed-in user.
#[component]
pub fn ProfileView(#[prop(optional)] user: Option<String>) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let client = view_client(&context);
    let ion_page = match &user {
        Some(user) => context.ion_page(&format!("profile/{user}")).to_string(),
        None => context.ion_page("profile").to_string(),
    };
    let heading = if user.is_some() { "Profile" } else { "Your Ion profile" };

    // The request start-up sent before building the page, if any, serves
    // the first load. Retry sends a new one.
    let prefetched = SendWrapper::new(Cell::new(if user.is_none() { context.take_first_profile() } else { None }));
    let fetch_context = context.clone();
    let fetch_client = client.clone();
    let fetch_user = user.clone();
    let profile = LocalResource::new(move || {
        let client = fetch_client.clone();
        let context = fetch_context.clone();
        let user = fetch_user.clone();
        let prefetched = Cell::take(&prefetched);
        async move {
            let result = match (&user, prefetched) {
                (None, Some(prefetched)) => client.profile_prefetched(prefetched).await,
                (Some(user), _) => client.profile_of(user).await,
                (None, None) => client.profile().await,
            };
            watch(&context, result)
        }
    });

    view! {
        <section class="ip-card" aria-labelledby="ip-profile-heading">
            <h2 id="ip-profile-heading">{heading}</h2>
            {render_resource(profile, 5, "Loading the profile from Ion…", "", |_| false, move |profile: Profile| {
                view! { <ProfileDetails profile=profile client=client.clone()/> }
            })}
            <OpenInIon href=ion_page/>
        </section>
    }
}

#[component]
fn ProfileDetails(profile: Profile, client: crate::api::IonClient) -> impl IntoView {
    let not_given = || "not given".to_owned();
    let grade = profile.grade.as_ref().and_then(|grade| grade.label()).unwrap_or_else(not_given);
    let email = profile.tj_email.clone().unwrap_or_else(not_given);
    let counselor = profile
        .counselor
        .as_ref()
        .and_then(|counselor| counselor.full_name.clone().or_else(|| counselor.username.clone()))
        .unwrap_or_else(not_given);
    let name = profile.name().to_owned();
    let user_id = profile.id;

    // An <img> cannot send the Bearer header, so the photo is fetched here
    // and shown from a blob URL, revoked when the view goes away. The request
    // leaves in a later task, so that the details are shown first.
    let photo = LocalResource::new(move || {
        let client = client.clone();
        async move {
            crate::browser::clock::next_task().await;
            client.picture(user_id).await.map(|bytes| SendWrapper::new(PhotoUrl::new(&bytes)))
        }
    });
    let alt = format!("Photo of {name}");

    view! {
        <div class="ip-profile-layout">
            <div class="ip-photo">
                {move || match photo.get() {
                    Some(Ok(url)) => match url.href() {
                        Some(href) => view! { <img src=href alt=alt.clone() data-testid="profile-photo"/> }.into_any(),
                        None => view! { <span class="ip-small">"No photo"</span> }.into_any(),
                    },
                    Some(Err(ApiError::Cancelled)) | None => view! { <div class="ip-photo-placeholder" aria-hidden="true"></div> }.into_any(),
                    Some(Err(error)) => view! { <span class="ip-small">"Photo unavailable: " {error.to_string()}</span> }.into_any(),
                }}
            </div>
            <dl class="ip-profile" data-testid="profile">
                <dt>"Name"</dt><dd data-testid="profile-name">{name.clone()}</dd>
                <dt>"Username"</dt><dd data-testid="profile-username">{profile.ion_username.clone()}</dd>
                <dt>"Grade"</dt><dd data-testid="profile-grade">{grade}</dd>
                <dt>"E-mail"</dt><dd data-testid="profile-email">{email}</dd>
                <dt>"Counselor"</dt><dd data-testid="profile-counselor">{counselor}</dd>
            </dl>
        </div>
    }
}

/// A blob URL for image bytes, shared by clones and revoked when the last
/// one is dropped (the resource hands out clones on every read).
#[derive(Clone)]
struct PhotoUrl(std::rc::Rc<ObjectUrl>);

struct ObjectUrl(Option<String>);

impl PhotoUrl {
    fn new(bytes: &[u8]) -> Self {
        // Ion labels its default PNG picture image/jpeg; label the blob by
        // its real signature.
        let kind = if bytes.starts_with(b"\x89PNG") { "image/png" } else { "image/jpeg" };
        let array = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(kind);
        let url = web_sys::Blob::new_with_u8_array_sequence_and_options(&array, &options)
            .ok()
            .and_then(|blob| web_sys::Url::create_object_url_with_blob(&blob).ok());
        Self(std::rc::Rc::new(ObjectUrl(url)))
    }

    fn href(&self) -> Option<String> {
        self.0 .0.clone()
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        if let Some(url) = &self.0 {
            let _ = web_sys::Url::revoke_object_url(url);
        }
    }
}
