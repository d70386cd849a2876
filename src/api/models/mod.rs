//! Ion API response shapes, tolerant where Ion may send null or leave a field
//! out. Unknown fields are ignored.

mod eighth;
mod news;
mod profile;
mod schedule;

use serde::Deserialize;

pub use eighth::{
    ActivityDetail, ActivitySummary, Block, BlockDetail, Link, Roster, ScheduledActivity, ScheduledOn, Signup,
    SignupActivity, SignupBlock,
};
pub use news::{Announcement, Emergency};
pub use profile::{Grade, Profile, SearchResult, UserSummary};
pub use schedule::{parse_time, weekday, DayType, ScheduleBlock, ScheduleDay};

/// `/api`: sections of routes, each mapped to a description and an example
/// URL. Kept as raw JSON because its layout is documentation, not data.
pub type ApiRoot = serde_json::Map<String, serde_json::Value>;

/// Django REST framework's page: `{count, next, previous, results}`, with
/// absolute `next`/`previous` URLs built from the request's host.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Paginated<T> {
    pub count: u64,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub results: Vec<T>,
}
