//! The navigation between views.

use leptos::prelude::*;

use crate::controller::AppContext;
use crate::route::Route;

#[component]
pub fn Nav() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let route = context.route;
    let links = [
        (Route::Profile, "Profile"),
        (Route::Today, "Today"),
        (Route::Eighth, "Eighth period"),
        (Route::Announcements { page: 1 }, "Announcements"),
        (Route::Search(String::new()), "Directory"),
        (Route::Explorer("api".to_owned()), "API explorer"),
    ];
    view! {
        <nav class="ip-nav" aria-label="Views">
            <ul>
                {links.into_iter().map(|(target, label)| {
                    let href = target.fragment();
                    let current = move || std::mem::discriminant(&route.get()) == std::mem::discriminant(&target)
                        || (matches!(route.get(), Route::Person(_)) && matches!(target, Route::Search(_)));
                    view! {
                        <li><a href=href aria-current=move || current().then_some("page")>{label}</a></li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}
