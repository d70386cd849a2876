/// Milliseconds since the Unix epoch, from `Date.now()`.
pub fn now_ms() -> u64 {
    // Date.now() is a non-negative integer number of milliseconds.
    js_sys::Date::now().max(0.0) as u64
}

/// Resolves in a later task of the browser's event loop (`setTimeout` with
/// no delay), once the current task has ended and the browser has had the
/// chance to paint. Resolves at once when there is no window.
pub async fn next_task() {
    let Some(window) = web_sys::window() else { return };
    let mut scheduled = true;
    let later = js_sys::Promise::new(&mut |resolve, _reject| {
        scheduled = window.set_timeout_with_callback(&resolve).is_ok();
    });
    if scheduled {
        let _ = wasm_bindgen_futures::JsFuture::from(later).await;
    }
}
