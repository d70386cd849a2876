//! Browser tests for the glue in `src/browser`: they run in headless Chromium
//! through wasm-bindgen-test-runner and chromedriver.
#![cfg(target_arch = "wasm32")]

use ion_pages::auth::secret::{AccessToken, State};
use ion_pages::auth::session::{PendingAttempt, Session};
use ion_pages::browser::{crypto, location, meta, storage};
use ion_pages::config::Config;
use url::Url;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn config(client_id: &str) -> Config {
    Config {
        ion_base: Url::parse("http://127.0.0.1:8000/").unwrap(),
        client_id: client_id.into(),
        redirect_uri: Url::parse("http://127.0.0.1:8080/").unwrap(),
        scope: "read".into(),
    }
}

fn session() -> Session {
    Session {
        access_token: AccessToken::new("browsertesttoken".into()),
        token_type: "Bearer".into(),
        scope: "read".into(),
        requested_scope: "read".into(),
        expires_at_ms: 4_000_000_000_000,
    }
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn meta_tags_are_read() {
    let document = web_sys::window().unwrap().document().unwrap();
    let tag = document.create_element("meta").unwrap();
    tag.set_attribute("name", "ion-pages:client-id").unwrap();
    tag.set_attribute("content", "from-meta").unwrap();
    document.head().unwrap().append_child(&tag).unwrap();

    let settings = meta::read_settings();

    assert_eq!(settings.client_id.as_deref(), Some("from-meta"));
    assert_eq!(settings.redirect_uri, None);
    tag.remove();
}

#[wasm_bindgen_test]
fn session_round_trips_through_storage() {
    let config = config("round-trip");
    storage::save_session(&config, &session()).unwrap();

    assert_eq!(storage::load_session(&config), Some(session()));

    storage::clear_session(&config);
    assert_eq!(storage::load_session(&config), None);
}

#[wasm_bindgen_test]
fn sessions_are_namespaced_by_client() {
    storage::save_session(&config("client-a"), &session()).unwrap();

    assert_eq!(storage::load_session(&config("client-b")), None);
    storage::clear_session(&config("client-a"));
}

#[wasm_bindgen_test]
fn undecodable_session_is_removed() {
    let config = config("corrupt");
    let key = format!("{}session", storage::key_prefix(&config));
    local_storage().set_item(&key, "{not json").unwrap();

    assert_eq!(storage::load_session(&config), None);
    assert_eq!(local_storage().get_item(&key).unwrap(), None);
}

#[wasm_bindgen_test]
fn pending_attempt_is_taken_once() {
    let config = config("pending");
    let attempt = PendingAttempt { state: State::from_received("abc".into()), created_at_ms: 7 };
    storage::save_pending(&config, &attempt).unwrap();

    assert_eq!(storage::take_pending(&config), Some(attempt));
    assert_eq!(storage::take_pending(&config), None);
}

#[wasm_bindgen_test]
fn generated_states_are_fresh_hex() {
    let first = crypto::generate_state().unwrap();
    let second = crypto::generate_state().unwrap();

    assert_eq!(first.secret().len(), 64);
    assert!(first.secret().chars().all(|c| c.is_ascii_hexdigit()));
    assert!(!first.matches(&second));
}

#[wasm_bindgen_test]
fn replace_url_changes_address_without_navigation() {
    let before = location::current_url().unwrap();
    let history_length = web_sys::window().unwrap().history().unwrap().length().unwrap();
    let mut target = before.clone();
    target.set_fragment(Some("replaced"));

    location::replace_url(&target).unwrap();

    assert_eq!(location::current_url().unwrap().fragment(), Some("replaced"));
    assert_eq!(web_sys::window().unwrap().history().unwrap().length().unwrap(), history_length);
    location::replace_url(&before).unwrap();
}
