/// Milliseconds since the Unix epoch, from `Date.now()`.
pub fn now_ms() -> u64 {
    // Date.now() is a non-negative integer number of milliseconds.
    js_sys::Date::now().max(0.0) as u64
}
