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

/// Minutes since midnight of an Ion time such as `"8:40"` or `"13:05"`.
pub fn parse_time(text: &str) -> Option<u32> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let hours: u32 = hours.parse().ok()?;
    let minutes: u32 = minutes.parse().ok()?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

impl DayType {
    /// Ion's made-up day for dates without a schedule has no blocks.
    pub fn is_no_school(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The index of the block under way at `minutes` past midnight, if any.
    pub fn current_block(&self, minutes: u32) -> Option<usize> {
        self.blocks.iter().position(|block| match (parse_time(&block.start), parse_time(&block.end)) {
            (Some(start), Some(end)) => start <= minutes && minutes < end,
            _ => false,
        })
    }
}

/// Day of the week of a `YYYY-MM-DD` date, 0 = Monday … 6 = Sunday
/// (Sakamoto's method on the proleptic Gregorian calendar).
pub fn weekday(date: &str) -> Option<u32> {
    let mut parts = date.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    const OFFSETS: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let year = if month < 3 { year - 1 } else { year };
    let sunday_based = (year + year / 4 - year / 100 + year / 400 + OFFSETS[month - 1] + day).rem_euclid(7);
    Some(((sunday_based + 6) % 7) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(blocks: &[(&str, &str)]) -> DayType {
        DayType {
            name: "Anchor Day".into(),
            special: false,
            blocks: blocks
                .iter()
                .enumerate()
                .map(|(index, (start, end))| ScheduleBlock {
                    order: Some(index as i64),
                    name: format!("Period {}", index + 1),
                    start: (*start).into(),
                    end: (*end).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn ion_times_parse() {
        assert_eq!(parse_time("8:40"), Some(520));
        assert_eq!(parse_time("13:05"), Some(785));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("8"), None);
    }

    #[test]
    fn current_block_is_found() {
        let schedule = day(&[("8:40", "10:15"), ("10:25", "12:00")]);
        assert_eq!(schedule.current_block(520), Some(0));
        assert_eq!(schedule.current_block(614), Some(0));
        assert_eq!(schedule.current_block(615), None);
        assert_eq!(schedule.current_block(630), Some(1));
        assert_eq!(schedule.current_block(900), None);
    }

    #[test]
    fn no_school_day_has_no_blocks() {
        assert!(day(&[]).is_no_school());
        assert!(!day(&[("8:40", "9:00")]).is_no_school());
    }

    #[test]
    fn weekday_of_known_dates() {
        assert_eq!(weekday("2026-12-04"), Some(4));
        assert_eq!(weekday("2026-12-06"), Some(6));
        assert_eq!(weekday("2024-02-29"), Some(3));
        assert_eq!(weekday("2026-13-01"), None);
    }
}
