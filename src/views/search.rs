//! Directory search (`/api/search/<query>`); a result opens its profile.

use leptos::prelude::*;

use super::common::{render_resource, view_client, watch, OpenInIon};
use crate::api::models::{Paginated, SearchResult};
use crate::api::ApiError;
use crate::controller::AppContext;
use crate::route::Route;

#[component]
pub fn SearchView(query: String) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let client = view_client(&context);
    let input = RwSignal::new(query.clone());
    let fetch_context = context.clone();
    let fetch_query = query.clone();
    let results = LocalResource::new(move || {
        let client = client.clone();
        let context = fetch_context.clone();
        let query = fetch_query.clone();
        async move {
            if query.trim().is_empty() {
                return Ok(None);
            }
            // A query of only dots or slashes would change the request's path.
            if !query.chars().any(char::is_alphanumeric) {
                return Err(ApiError::InvalidInput(format!(
                    "\"{query}\" has no letter or digit to search for. Type part of a name or username."
                )));
            }
            watch(&context, client.search(query.trim()).await).map(Some)
        }
    });
    let ion_search = context.ion_page(&format!("search?q={}", url::form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>())).to_string();

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let fragment = Route::Search(input.get_untracked().trim().to_owned()).fragment();
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_hash(&fragment);
        }
    };

    view! {
        <section class="ip-card" aria-labelledby="ip-search-heading">
            <h2 id="ip-search-heading">"Directory"</h2>
            <form class="ip-form" role="search" on:submit=on_submit>
                <label for="ip-search-input">"Name or username"</label>
                <input id="ip-search-input" type="search" prop:value=move || input.get()
                    on:input=move |event| input.set(event_target_value(&event))/>
                <button class="ip-button ip-primary" type="submit">"Search"</button>
            </form>
            {render_resource(results, 4, "Searching…", "Nobody matches this search.", |page: &Option<Paginated<SearchResult>>| page.as_ref().is_some_and(|page| page.results.is_empty()), move |page: Option<Paginated<SearchResult>>| {
                page.map(|page| view! {
                    <p class="ip-small">{if page.count == 1 { "1 result".to_owned() } else { format!("{} results", page.count) }}</p>
                    <ul class="ip-list" data-testid="search-results">
                        {page.results.into_iter().map(|person| {
                            let grade = person.grade.as_ref().and_then(|grade| grade.label());
                            let name = person.full_name.clone().unwrap_or_else(|| person.username.clone());
                            view! {
                                <li data-testid="search-result">
                                    <a href=Route::Person(person.id.to_string()).fragment()>{name}</a>
                                    " (" {person.username.clone()} ")"
                                    {grade.map(|grade| view! { " · grade " {grade} })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            })}
            <OpenInIon href=ion_search label="Search in Ion"/>
        </section>
    }
}
