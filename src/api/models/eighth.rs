//! Eighth-period shapes: blocks, activities and signups.

use std::collections::BTreeMap;

use serde::Deserialize;

/// An `{id, url}` reference, with a date or name where Ion adds one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Link {
    pub id: u64,
    #[serde(default)]
    pub url: Option<String>,
}

/// `/api/blocks` entries.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Block {
    pub id: u64,
    #[serde(default)]
    pub url: Option<String>,
    pub date: String,
    pub block_letter: String,
    #[serde(default)]
    pub locked: bool,
}

/// `/api/blocks/<id>`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BlockDetail {
    pub id: u64,
    /// Keyed by activity id written as a string.
    #[serde(default)]
    pub activities: BTreeMap<String, ScheduledActivity>,
    pub date: String,
    pub block_letter: String,
    #[serde(default)]
    pub comments: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Roster {
    #[serde(default)]
    pub count: u32,
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub url: Option<String>,
}

impl Roster {
    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|capacity| self.count >= capacity)
    }
}

/// One activity in a block, as `/api/blocks/<id>` lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScheduledActivity {
    pub id: u64,
    #[serde(default)]
    pub aid: Option<u64>,
    #[serde(default)]
    pub scheduled_activity: Option<Link>,
    #[serde(default)]
    pub url: Option<String>,
    pub name: String,
    #[serde(default)]
    pub name_with_flags: Option<String>,
    #[serde(default)]
    pub name_with_flags_for_user: Option<String>,
    /// Plain text: render it as text, never as HTML.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub comments: Option<String>,
    #[serde(default)]
    pub cancelled: bool,
    #[serde(default)]
    pub favorited: bool,
    #[serde(default)]
    pub roster: Option<Roster>,
    #[serde(default)]
    pub rooms: Vec<String>,
    #[serde(default)]
    pub sponsors: Option<Vec<String>>,
    #[serde(default)]
    pub restricted: bool,
    #[serde(default)]
    pub restricted_for_user: bool,
    #[serde(default)]
    pub both_blocks: bool,
    #[serde(default)]
    pub one_a_day: bool,
    #[serde(default)]
    pub special: bool,
    #[serde(default)]
    pub administrative: bool,
    #[serde(default)]
    pub presign: bool,
    #[serde(default)]
    pub presign_time: Option<String>,
    #[serde(default)]
    pub sticky: bool,
    #[serde(default)]
    pub waitlist_count: Option<u32>,
    #[serde(default)]
    pub waitlisted: Option<bool>,
    #[serde(default)]
    pub is_recommended: Option<bool>,
}

/// `/api/activities` entries.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ActivitySummary {
    pub id: u64,
    #[serde(default)]
    pub url: Option<String>,
    pub name: String,
}

/// `/api/activities/<id>`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ActivityDetail {
    pub id: u64,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub administrative: bool,
    #[serde(default)]
    pub restricted: bool,
    #[serde(default)]
    pub presign: bool,
    #[serde(default)]
    pub one_a_day: bool,
    #[serde(default)]
    pub both_blocks: bool,
    #[serde(default)]
    pub sticky: bool,
    #[serde(default)]
    pub special: bool,
    /// Every block the activity was ever scheduled in, keyed by block id.
    #[serde(default)]
    pub scheduled_on: BTreeMap<String, ScheduledOn>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ScheduledOn {
    pub id: u64,
    pub date: String,
    pub block_letter: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub roster: Option<Link>,
}

/// `GET /api/signups/user` entries (a plain array, not paginated).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Signup {
    pub id: u64,
    pub block: SignupBlock,
    pub activity: SignupActivity,
    pub scheduled_activity: u64,
    pub user: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SignupBlock {
    pub id: u64,
    pub date: String,
    #[serde(default)]
    pub url: Option<String>,
    pub block_letter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SignupActivity {
    pub id: u64,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}
