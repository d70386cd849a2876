//! The API explorer: a GET of any path under `/api`, for students building
//! on Ion. The token is sent, but never shown: the `curl` command carries a
//! placeholder instead.

use leptos::prelude::*;
use serde_json::Value;

use super::common::{render_resource, view_client, watch, OpenInIon};
use crate::api::client::RawResponse;
use crate::api::ApiError;
use crate::controller::AppContext;
use crate::route::{explorer_path, Route};

#[component]
pub fn ExplorerView(path: String) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let client = view_client(&context);
    let input = RwSignal::new(format!("/{}", path.trim_start_matches('/')));
    let checked = explorer_path(&path);
    let input_error = checked.clone().err();

    let fetch_context = context.clone();
    let fetch_path = checked.clone().ok();
    let response = LocalResource::new(move || {
        let client = client.clone();
        let context = fetch_context.clone();
        let path = fetch_path.clone();
        async move {
            match path {
                Some(path) => watch(&context, client.get_raw(&path).await).map(Some),
                None => Ok::<_, ApiError>(None),
            }
        }
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let fragment = Route::Explorer(input.get_untracked().trim().trim_start_matches('/').to_owned()).fragment();
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_hash(&fragment);
        }
    };

    let full_url = checked.as_ref().ok().map(|path| context.config.ion_endpoint(path).to_string());
    let curl = full_url.clone().map(|url| format!("curl -H 'Authorization: Bearer YOUR_ACCESS_TOKEN' '{url}'"));
    let copied = RwSignal::new(false);
    let copy_text = curl.clone().unwrap_or_default();
    let on_copy = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&copy_text);
            copied.set(true);
        }
    };
    let config = context.config.clone();

    view! {
        <section class="ip-card" aria-labelledby="ip-explorer-heading">
            <h2 id="ip-explorer-heading">"API explorer"</h2>
            <form class="ip-form" on:submit=on_submit>
                <label for="ip-explorer-path">"Path, starting with /api"</label>
                <input id="ip-explorer-path" type="text" spellcheck="false" prop:value=move || input.get()
                    on:input=move |event| input.set(event_target_value(&event))/>
                <button class="ip-button ip-primary" type="submit">"GET"</button>
            </form>
            {input_error.map(|error| view! { <p class="ip-message ip-error" role="alert" data-testid="explorer-input-error">{error}</p> })}
            {curl.map(|command| view! {
                <div class="ip-curl">
                    <pre class="ip-code" data-testid="curl">{command}</pre>
                    <button class="ip-button" type="button" on:click=on_copy>
                        {move || if copied.get() { "Copied" } else { "Copy curl command" }}
                    </button>
                </div>
            })}
            {render_resource(response, 6, "Waiting for Ion…", "", |_| false, move |raw: Option<RawResponse>| {
                let config = config.clone();
                raw.map(|raw| {
                    let json: Option<Value> = serde_json::from_str(&raw.body).ok();
                    let link = |name: &str| {
                        json.as_ref()
                            .and_then(|value| value.get(name))
                            .and_then(Value::as_str)
                            .and_then(|href| url::Url::parse(href).ok())
                            .and_then(|href| crate::api::client::relative_to(&config.ion_base, &href))
                            .map(|path| Route::Explorer(path).fragment())
                    };
                    let previous = link("previous");
                    let next = link("next");
                    view! {
                        <p data-testid="explorer-status"><strong>{format!("HTTP {} {}", raw.status, raw.status_text)}</strong></p>
                        <details class="ip-headers">
                            <summary>"Headers"</summary>
                            <table class="ip-table">
                                <tbody>
                                    {raw.headers.into_iter().map(|(name, value)| view! { <tr><th scope="row">{name}</th><td>{value}</td></tr> }).collect_view()}
                                </tbody>
                            </table>
                        </details>
                        <nav class="ip-pager" aria-label="Result pages">
                            {previous.map(|href| view! { <a href=href>"Previous page"</a> })}
                            {next.map(|href| view! { <a href=href data-testid="explorer-next">"Next page"</a> })}
                        </nav>
                        <div class="ip-json" data-testid="explorer-body">
                            {match json {
                                Some(value) => json_tree(value, 0).into_any(),
                                None => view! { <pre class="ip-code">{raw.body}</pre> }.into_any(),
                            }}
                        </div>
                    }
                })
            })}
            <OpenInIon href=full_url.unwrap_or_else(|| context.ion_page("api").to_string()) label="Open in Ion's browsable API"/>
        </section>
    }
}

/// Renders JSON as nested, collapsible `<details>`; the first two levels open.
fn json_tree(value: Value, depth: usize) -> AnyView {
    match value {
        Value::Object(map) => {
            let count = map.len();
            view! {
                <details open=depth < 2>
                    <summary>{format!("{{ {count} {} }}", if count == 1 { "field" } else { "fields" })}</summary>
                    <ul class="ip-json-list">
                        {map.into_iter().map(|(key, value)| view! {
                            <li><span class="ip-json-key">{format!("\"{key}\": ")}</span>{json_tree(value, depth + 1)}</li>
                        }).collect_view()}
                    </ul>
                </details>
            }
            .into_any()
        }
        Value::Array(items) => {
            let count = items.len();
            view! {
                <details open=depth < 2>
                    <summary>{format!("[ {count} {} ]", if count == 1 { "item" } else { "items" })}</summary>
                    <ol class="ip-json-list" start="0">
                        {items.into_iter().map(|value| view! { <li>{json_tree(value, depth + 1)}</li> }).collect_view()}
                    </ol>
                </details>
            }
            .into_any()
        }
        scalar => view! { <code class="ip-json-value">{scalar.to_string()}</code> }.into_any(),
    }
}
