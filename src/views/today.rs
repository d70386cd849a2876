//! Today's bell schedule, which Ion serves without sign-in.

use leptos::prelude::*;

use super::common::{render_resource, view_client, OpenInIon};
use crate::api::models::{weekday, ScheduleDay};
use crate::browser::sanitize::html_to_text;
use crate::browser::time::{school_date, school_minutes};
use crate::controller::AppContext;

#[component]
pub fn TodayView() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let client = view_client(&context);
    let now_ms = context.now_ms;
    // Ion's own "today" is the UTC date, which is tomorrow from about
    // 19:00 in New York, so the view asks for the school's date explicitly.
    let date = school_date(now_ms.get_untracked());
    let fetch_date = date.clone();
    let schedule = LocalResource::new(move || {
        let client = client.clone();
        let date = fetch_date.clone();
        async move { client.schedule_day(&date).await }
    });
    let is_weekend = weekday(&date).is_some_and(|day| day >= 5);

    view! {
        <section class="ip-card" aria-labelledby="ip-today-heading">
            <h2 id="ip-today-heading">"Today's schedule"</h2>
            <p class="ip-small" data-testid="today-date">{date.clone()}</p>
            {render_resource(schedule, 6, "Loading today's schedule…", "", |_| false, move |day: ScheduleDay| {
                let name = html_to_text(&day.day_type.name);
                if day.day_type.is_no_school() {
                    let text = if is_weekend { "It's the weekend: no school today." } else { "No school today." };
                    return view! {
                        <p class="ip-message" role="status" data-testid="no-school">{text} " (Ion: " {name} ")"</p>
                    }.into_any();
                }
                let blocks = day.day_type.clone();
                view! {
                    <p data-testid="day-name"><strong>{name}</strong></p>
                    <table class="ip-table" data-testid="schedule">
                        <thead><tr><th scope="col">"Block"</th><th scope="col">"Time"</th></tr></thead>
                        <tbody>
                            {blocks.blocks.iter().enumerate().map(|(index, block)| {
                                let current_day = blocks.clone();
                                let is_current = move || current_day.current_block(school_minutes(now_ms.get())) == Some(index);
                                view! {
                                    <tr class:ip-current=is_current.clone() aria-current=move || is_current().then_some("time")>
                                        <td>{block.name.clone()}</td>
                                        <td>{format!("{}–{}", block.start, block.end)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
            <OpenInIon href=context.ion_page("").to_string()/>
        </section>
    }
}
