//! The next eighth-period blocks with the user's signups. Signing up stays
//! on Ion: this view links there.

use leptos::prelude::*;

use super::common::{render_resource, view_client, watch, OpenInIon};
use crate::api::models::{Block, BlockDetail, Signup};
use crate::api::ApiError;
use crate::browser::time::school_date;
use crate::controller::AppContext;

/// How many upcoming blocks the view shows.
const BLOCKS_SHOWN: usize = 6;

#[derive(Clone)]
struct BlockRow {
    block: Block,
    signup: Option<Signup>,
    detail: Option<BlockDetail>,
}

#[component]
pub fn EighthView() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let client = view_client(&context);
    let fetch_context = context.clone();
    let today = school_date(context.now_ms.get_untracked());

    let rows = LocalResource::new(move || {
        let client = client.clone();
        let context = fetch_context.clone();
        let today = today.clone();
        async move {
            // The block list and the signups are independent: ask for both at once.
            let (blocks, signups) = futures::join!(client.blocks_from(&today), client.signups());
            let blocks = watch(&context, blocks)?;
            let signups = watch(&context, signups)?;
            let upcoming: Vec<Block> = blocks.results.into_iter().take(BLOCKS_SHOWN).collect();
            // Details (cancelled activities, names) for every shown block, in parallel.
            let details = futures::future::join_all(upcoming.iter().map(|block| client.block(block.id))).await;
            let rows = upcoming
                .into_iter()
                .zip(details)
                .map(|(block, detail)| BlockRow {
                    signup: signups.iter().find(|signup| signup.block.id == block.id).cloned(),
                    detail: detail.ok(),
                    block,
                })
                .collect::<Vec<_>>();
            Ok::<_, ApiError>(rows)
        }
    });
    let ion_eighth = context.ion_page("eighth").to_string();
    let signup_base = context.config.clone();

    view! {
        <section class="ip-card" aria-labelledby="ip-eighth-heading">
            <h2 id="ip-eighth-heading">"Eighth period"</h2>
            {render_resource(rows, 6, "Loading eighth-period blocks…", "No upcoming eighth-period blocks.", |rows: &Vec<BlockRow>| rows.is_empty(), move |rows: Vec<BlockRow>| {
                let config = signup_base.clone();
                view! {
                    <ul class="ip-list" data-testid="blocks">
                        {rows.into_iter().map(|row| {
                            let signup_link = config.ion_endpoint(&format!("eighth/signup/{}", row.block.id)).to_string();
                            let activity = row.signup.as_ref().map(|signup| {
                                let cancelled = row.detail.as_ref()
                                    .and_then(|detail| detail.activities.get(&signup.activity.id.to_string()))
                                    .is_some_and(|activity| activity.cancelled);
                                (signup.activity.title.clone(), cancelled)
                            });
                            view! {
                                <li class="ip-block" data-testid="block">
                                    <div class="ip-block-head">
                                        <strong>{format!("{} block {}", row.block.date, row.block.block_letter)}</strong>
                                        {row.block.locked.then(|| view! { <span class="ip-badge" data-testid="locked">"Locked"</span> })}
                                    </div>
                                    {match activity {
                                        Some((title, cancelled)) => view! {
                                            <p>"Signed up for " <strong>{title}</strong>
                                                {cancelled.then(|| view! { " " <span class="ip-badge ip-badge-problem" data-testid="cancelled">"Cancelled"</span> })}
                                            </p>
                                        }.into_any(),
                                        None => view! { <p class="ip-small">"Not signed up yet."</p> }.into_any(),
                                    }}
                                    <a href=signup_link target="_blank" rel="noopener noreferrer">
                                        {if row.signup.is_some() { "Change on Ion" } else { "Sign up on Ion" }}
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            })}
            <OpenInIon href=ion_eighth/>
        </section>
    }
}
