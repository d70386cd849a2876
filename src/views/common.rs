//! Pieces every data view shares: a client whose requests stop when the
//! view goes away, and the loading, error and empty states.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::emergency;
use crate::api::{ApiError, IonClient};
use crate::controller::AppContext;

/// Builds the client for the current view: with the current session's token when
/// signed in, and aborting its requests when the view is removed.
pub fn view_client(context: &AppContext) -> IonClient {
    let client = IonClient::live(context.config.clone(), context.auth, context.page_origin.clone());
    match web_sys::AbortController::new() {
        Ok(controller) => {
            let signal = controller.signal();
            let controller = SendWrapper::new(controller);
            on_cleanup(move || controller.abort());
            client.with_abort(signal)
        }
        Err(_) => client,
    }
}

/// Passes a result through, first letting the app react when it ends the
/// session (expired, or rejected by Ion).
pub fn watch<T>(context: &AppContext, result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(error) = &result {
        context.session_failed(error);
    }
    result
}

/// Grey placeholder lines of the view's shape, so nothing jumps when data arrives.
#[component]
pub fn Skeleton(#[prop(default = 3)] rows: usize, label: &'static str) -> impl IntoView {
    view! {
        <div class="ip-skeleton" aria-hidden="true">
            {(0..rows).map(|_| view! { <div class="ip-skeleton-row"></div> }).collect_view()}
        </div>
        <p class="ip-visually-hidden" role="status">{label}</p>
    }
}

/// Shows the error sentence from the API client, with a retry button.
#[component]
pub fn ErrorBox(error: ApiError, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="ip-message ip-error" role="alert" data-testid="view-error">
            <p>{error.to_string()}</p>
            <button class="ip-button" type="button" on:click=move |_| retry.run(())>"Retry"</button>
        </div>
    }
}

/// Renders a resource: skeleton while loading, the error with a retry, the
/// empty message, or the value. Its first result also marks the view's own
/// data as arrived (see [`emergency::settle_view`]).
pub fn render_resource<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    rows: usize,
    loading: &'static str,
    empty: &'static str,
    is_empty: fn(&T) -> bool,
    render: impl Fn(T) -> V + Clone + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let retry = Callback::new(move |_| resource.refetch());
    // Views run on the browser's one thread; the wrapper satisfies Leptos's
    // `Send` bound for closures that capture browser objects.
    let render = SendWrapper::new(render);
    move || {
        let status = match resource.get() {
            None | Some(Err(ApiError::Cancelled)) => Status::Loading,
            Some(Err(error)) => Status::Failed(error),
            Some(Ok(value)) if is_empty(&value) => Status::Empty,
            Some(Ok(value)) => {
                emergency::settle_view();
                return (*render).clone()(value).into_any();
            }
        };
        if !matches!(status, Status::Loading) {
            emergency::settle_view();
        }
        status_view(status, rows, loading, empty, retry)
    }
}

/// The state of a resource that has no value to render.
enum Status {
    Loading,
    Failed(ApiError),
    Empty,
}

/// Renders the skeleton, the error or the empty message. It is kept apart from
/// the generic [`render_resource`] so that its code exists once, not once per view.
fn status_view(status: Status, rows: usize, loading: &'static str, empty: &'static str, retry: Callback<()>) -> AnyView {
    match status {
        Status::Loading => view! { <Skeleton rows=rows label=loading/> }.into_any(),
        Status::Failed(error) => view! { <ErrorBox error=error retry=retry/> }.into_any(),
        Status::Empty => view! { <p class="ip-message" role="status" data-testid="view-empty">{empty}</p> }.into_any(),
    }
}

/// "Open in Ion" link to the matching page on Ion.
#[component]
pub fn OpenInIon(href: String, #[prop(default = "Open in Ion")] label: &'static str) -> impl IntoView {
    view! { <p class="ip-small"><a href=href target="_blank" rel="noopener noreferrer">{label}</a></p> }
}
