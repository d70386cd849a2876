//! The page for an app address (`#/…`) that names no view.

use leptos::prelude::*;

use crate::controller::AppContext;
use crate::route::Route;

/// `path` is the address as typed, without `#/`.
#[component]
pub fn NotFoundView(path: String) -> impl IntoView {
    let context = expect_context::<AppContext>();
    // The page sends no request to Ion, so requests that wait for the
    // view's data may start.
    AppContext::settle_view(context.view_settled);
    view! {
        <section class="ip-card" aria-labelledby="ip-not-found-heading">
            <h2 id="ip-not-found-heading">"No such page"</h2>
            <p class="ip-message ip-error" role="alert" data-testid="not-found">
                "ion-pages has no page at \"#/" {path} "\". Check the address, or choose a view from the menu above."
            </p>
            <p><a href=Route::Profile.fragment()>"Open your profile"</a></p>
        </section>
    }
}
