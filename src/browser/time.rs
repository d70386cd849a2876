//! Dates and times as the browser formats them. Ion's school calendar is in
//! America/New_York, whatever the user's own time zone.

use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

const SCHOOL_TIME_ZONE: &str = "America/New_York";

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

/// The school-calendar date (`YYYY-MM-DD`) at `now_ms`. Ion computes "today"
/// in UTC, so views ask by this date instead.
pub fn school_date(now_ms: u64) -> String {
    let date = Date::new(&JsValue::from_f64(now_ms as f64));
    // The en-CA locale formats dates as YYYY-MM-DD.
    String::from(date.to_locale_date_string("en-CA", &options(&[("timeZone", SCHOOL_TIME_ZONE)])))
}

/// Minutes since midnight in the school's time zone at `now_ms`.
pub fn school_minutes(now_ms: u64) -> u32 {
    let date = Date::new(&JsValue::from_f64(now_ms as f64));
    let text = String::from(date.to_locale_time_string_with_options(
        "en-GB",
        &options(&[("timeZone", SCHOOL_TIME_ZONE), ("hourCycle", "h23")]),
    ));
    let mut parts = text.split(':').map(|part| part.trim().parse::<u32>().unwrap_or(0));
    let hours = parts.next().unwrap_or(0);
    let minutes = parts.next().unwrap_or(0);
    hours * 60 + minutes
}

/// An ISO 8601 time from Ion, in the user's locale and time zone; the input
/// itself when the browser cannot parse it.
pub fn local_date_time(iso: &str) -> String {
    let date = Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    String::from(date.to_locale_string("default", &options(&[("dateStyle", "medium"), ("timeStyle", "short")])))
}
