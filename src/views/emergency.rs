//! The emergency banner from `/api/emerg` (open on Ion), shown above every
//! view. The main module shows it with plain DOM calls and the browser's
//! `fetch` and JSON parser, so that it needs neither Leptos nor the API
//! client (see `crate::views::frame`).

use std::cell::{Cell, RefCell};
use std::time::Duration;

use futures::channel::oneshot;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::api::models::Emergency;
use crate::browser::dom::text_element;
use crate::browser::{clock, crypto, fetch};
use crate::browser::sanitize::{html_to_text, sanitize};
use crate::config::Config;

/// How long the emergency request waits for the first view's data at most.
const SETTLE_LIMIT: Duration = Duration::from_secs(2);

thread_local! {
    static SETTLED: Cell<bool> = const { Cell::new(false) };
    static WAITING: RefCell<Vec<oneshot::Sender<()>>> = const { RefCell::new(Vec::new()) };
}

/// Records that the first view has its own data (or an error), or needs
/// none. The emergency request waits for it, so that it does not slow down
/// the request the user is waiting for. Only the first call counts.
pub fn settle_view() {
    if !SETTLED.replace(true) {
        for waiting in WAITING.take() {
            let _ = waiting.send(());
        }
    }
}

async fn view_settled() {
    if SETTLED.get() {
        return;
    }
    let (sender, receiver) = oneshot::channel();
    WAITING.with_borrow_mut(|waiting| waiting.push(sender));
    let _ = receiver.await;
}

/// Asks Ion for its emergency status once the first view has its data (or
/// after [`SETTLE_LIMIT`]), and shows an active message first in `main`.
pub fn show_in(main: Element, config: &Config) {
    if let Some(window) = web_sys::window() {
        let limit = Closure::once_into_js(settle_view);
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            limit.unchecked_ref(),
            SETTLE_LIMIT.as_millis() as i32,
        );
    }
    let url = config.ion_endpoint("api/emerg").to_string();
    let ion_origin = config.ion_origin();
    wasm_bindgen_futures::spawn_local(async move {
        view_settled().await;
        // The view's data is shown first: the request leaves in a later task.
        clock::next_task().await;
        let html = match read(&url).await {
            Ok(emergency) => emergency.active_message().map(str::to_owned),
            Err(reason) => {
                log::warn!("The emergency status could not be read: {reason}");
                None
            }
        };
        let Some(html) = html else { return };
        let attributes = [
            ("class", "ip-message ip-error ip-emergency"),
            ("role", "alert"),
            ("data-testid", "emergency"),
        ];
        let banner = match sanitize(&html, &ion_origin).await {
            Ok(clean) => text_element("div", &attributes, "").inspect(|banner| banner.set_inner_html(&clean)),
            Err(_) => text_element("div", &attributes, &html_to_text(&html)),
        };
        if let Err(error) = banner.and_then(|banner| main.prepend_with_node_1(&banner)) {
            log::error!("The emergency message could not be added to the page: {}", crypto::describe(&error));
        }
    });
}

/// Reads `GET /api/emerg`: `status` and `message`, each possibly `null`.
async fn read(url: &str) -> Result<Emergency, String> {
    let sent = fetch::get(url, "application/json", None).map_err(|_| "the request could not be sent".to_owned())?;
    let response = fetch::response(sent).await.map_err(|_| "no response arrived".to_owned())?;
    if !response.ok() {
        return Err(format!("Ion answered {}", response.status()));
    }
    let body = fetch::json(&response).await.map_err(|_| "the answer is not JSON".to_owned())?;
    let field = |name: &str| js_sys::Reflect::get(&body, &JsValue::from_str(name)).unwrap_or(JsValue::NULL);
    Ok(Emergency { status: field("status").as_bool(), message: field("message").as_string() })
}
