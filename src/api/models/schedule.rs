use serde::Deserialize;

/// `/api/schedule/<date>` and the entries of `/api/schedule`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ScheduleDay {
    #[serde(default)]
    pub url: Option<String>,
    /// `YYYY-MM-DD`, a school-calendar date in America/New_York.
    pub date: String,
    pub day_type: DayType,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DayType {
    /// HTML that Ion renders unescaped, such as `"NO SCHOOL<br>"` for the day
    /// it makes up when no schedule is stored.
    pub name: String,
    #[serde(default)]
    pub special: bool,
    #[serde(default)]
    pub blocks: Vec<ScheduleBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ScheduleBlock {
    #[serde(default)]
    pub order: Option<i64>,
    pub name: String,
    /// `H:MM`, 24-hour, hour not zero-padded (`"8:40"`, `"13:05"`).
    pub start: String,
    pub end: String,
}
