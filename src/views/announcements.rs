//! Announcements, a page at a time, pinned first, with their HTML sanitized.

use leptos::prelude::*;

use super::common::{render_resource, view_client, watch, OpenInIon};
use crate::api::models::{Announcement, Paginated};
use crate::api::ApiError;
use crate::browser::sanitize::{html_to_text, sanitize};
use crate::browser::time::local_date_time;
use crate::controller::AppContext;
use crate::route::Route;

#[derive(Clone)]
struct RenderedAnnouncement {
    announcement: Announcement,
    /// Sanitized HTML, or plain text when the sanitizer could not load.
    content: Result<String, String>,
}

#[component]
pub fn AnnouncementsView(page: u32) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let client = view_client(&context);
    let fetch_context = context.clone();
    let ion_origin = context.config.ion_origin();

    let announcements = LocalResource::new(move || {
        let client = client.clone();
        let context = fetch_context.clone();
        let ion_origin = ion_origin.clone();
        async move {
            let page: Paginated<Announcement> = watch(&context, client.announcements(page).await)?;
            let mut rendered = Vec::with_capacity(page.results.len());
            for announcement in page.results {
                let content = sanitize(&announcement.content, &ion_origin).await.map_err(|_| html_to_text(&announcement.content));
                rendered.push(RenderedAnnouncement { announcement, content });
            }
            Ok::<_, ApiError>((rendered, page.previous.is_some(), page.next.is_some()))
        }
    });
    let config = context.config.clone();

    view! {
        <section class="ip-card" aria-labelledby="ip-announcements-heading">
            <h2 id="ip-announcements-heading">"Announcements"</h2>
            {render_resource(announcements, 8, "Loading announcements…", "There are no announcements.", |(shown, _, _): &(Vec<RenderedAnnouncement>, bool, bool)| shown.is_empty(), move |(shown, has_previous, has_next): (Vec<RenderedAnnouncement>, bool, bool)| {
                let config = config.clone();
                view! {
                    <ol class="ip-list" data-testid="announcements">
                        {shown.into_iter().map(|item| {
                            let announcement = item.announcement;
                            let link = config.ion_endpoint(&format!("announcements/{}", announcement.id)).to_string();
                            let author = announcement.author.clone().unwrap_or_else(|| "Ion".to_owned());
                            view! {
                                <li class="ip-announcement" data-testid="announcement">
                                    <h3>
                                        {announcement.pinned.then(|| view! { <span class="ip-badge" data-testid="pinned">"Pinned"</span> " " })}
                                        {announcement.title.clone()}
                                    </h3>
                                    <p class="ip-small">{author} " · " {local_date_time(&announcement.added)}</p>
                                    {match item.content {
                                        Ok(html) => view! { <div class="ip-html" inner_html=html></div> }.into_any(),
                                        Err(text) => view! { <div class="ip-html">{text}</div> }.into_any(),
                                    }}
                                    <p class="ip-small"><a href=link target="_blank" rel="noopener noreferrer">"Open in Ion"</a></p>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    <nav class="ip-pager" aria-label="Announcement pages">
                        {has_previous.then(|| view! { <a href=Route::Announcements { page: page - 1 }.fragment()>"Previous page"</a> })}
                        <span class="ip-small">"Page " {page}</span>
                        {has_next.then(|| view! { <a href=Route::Announcements { page: page + 1 }.fragment()>"Next page"</a> })}
                    </nav>
                }
            })}
            <OpenInIon href=context.ion_page("").to_string()/>
        </section>
    }
}
