/// Milliseconds since the Unix epoch, from `Date.now()`.
pub fn now_ms() -> u64 {
    // Date.now() is a non-negative integer number of milliseconds.
    js_sys::Date::now().max(0.0) as u64
}

/// Resolves in a later task of the browser's event loop (`setTimeout` with
/// no delay), so that what the current task has put on the page is not held
/// up by work that can wait. The browser may paint before that task or after
/// it. Resolves at once when there is no window.
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
