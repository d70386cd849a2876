//! Browser tests for the glue in `src/browser`: they run in headless Chromium
//! through wasm-bindgen-test-runner and chromedriver.
#![cfg(target_arch = "wasm32")]

use ion_pages::auth::secret::{AccessToken, State};
use ion_pages::auth::session::{PendingAttempt, Session, PENDING_ATTEMPT_LIFETIME_MS};
use ion_pages::browser::storage::LoadedSession;
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
        grant: ion_pages::config::Grant::Implicit,
    }
}

fn session() -> Session {
    Session {
        access_token: AccessToken::new("browsertesttoken".into()),
        token_type: "Bearer".into(),
        scope: "read".into(),
        requested_scope: "read".into(),
        issued_at_ms: 0,
        expires_at_ms: 4_000_000_000_000,
        refresh_token: None,
    }
}

fn present(loaded: LoadedSession) -> Option<Session> {
    match loaded {
        LoadedSession::Present(session) => Some(session),
        _ => None,
    }
}

fn attempt(state: &str, created_at_ms: u64) -> PendingAttempt {
    PendingAttempt { state: State::from_received(state.into()), created_at_ms, return_to: "/".into(), code_verifier: None }
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
async fn session_round_trips_through_storage() {
    let config = config("round-trip");
    storage::save_session(&config, &session()).await.unwrap();

    assert_eq!(present(storage::load_session(&config).await), Some(session()));

    storage::clear_session(&config);
    assert!(matches!(storage::load_session(&config).await, LoadedSession::Absent));
}

#[wasm_bindgen_test]
async fn stored_session_is_encrypted() {
    let config = config("encrypted");
    storage::save_session(&config, &session()).await.unwrap();

    let raw = local_storage().get_item(&storage::session_key(&config)).unwrap().unwrap();

    assert!(!raw.contains("browsertesttoken"));
    assert!(!raw.contains("Bearer"));
    assert!(raw.contains("ciphertext"));
    storage::clear_session(&config);
}

#[wasm_bindgen_test]
async fn sessions_are_namespaced_by_client() {
    storage::save_session(&config("client-a"), &session()).await.unwrap();

    assert!(matches!(storage::load_session(&config("client-b")).await, LoadedSession::Absent));
    storage::clear_session(&config("client-a"));
}

#[wasm_bindgen_test]
async fn undecodable_session_is_removed() {
    let config = config("corrupt");
    let key = storage::session_key(&config);
    local_storage().set_item(&key, "{not json").unwrap();

    assert!(matches!(storage::load_session(&config).await, LoadedSession::Unreadable(_)));
    assert_eq!(local_storage().get_item(&key).unwrap(), None);
}

#[wasm_bindgen_test]
async fn altered_ciphertext_is_removed() {
    let config = config("altered");
    storage::save_session(&config, &session()).await.unwrap();
    let key = storage::session_key(&config);
    let raw = local_storage().get_item(&key).unwrap().unwrap();
    // Flip the last hex digit of the ciphertext, which lies in the GCM tag.
    let position = raw.rfind('"').unwrap() - 1;
    let flipped = if &raw[position..=position] == "0" { "1" } else { "0" };
    let altered = format!("{}{}{}", &raw[..position], flipped, &raw[position + 1..]);
    local_storage().set_item(&key, &altered).unwrap();

    assert!(matches!(storage::load_session(&config).await, LoadedSession::Unreadable(_)));
    assert_eq!(local_storage().get_item(&key).unwrap(), None);
}

#[wasm_bindgen_test]
fn pending_attempt_is_taken_once() {
    let config = config("pending");
    let attempt = attempt("abc", 7);
    storage::save_pending(&config, &attempt).unwrap();

    assert_eq!(storage::take_pending(&config, &State::from_received("other".into())), None);
    assert_eq!(storage::take_pending(&config, &attempt.state), Some(attempt.clone()));
    assert_eq!(storage::take_pending(&config, &attempt.state), None);
}

#[wasm_bindgen_test]
fn several_attempts_can_be_pending() {
    let config = config("several");
    storage::save_pending(&config, &attempt("first", 1)).unwrap();
    storage::save_pending(&config, &attempt("second", 2)).unwrap();

    assert_eq!(storage::take_pending(&config, &State::from_received("second".into())), Some(attempt("second", 2)));
    assert_eq!(storage::take_pending(&config, &State::from_received("first".into())), Some(attempt("first", 1)));
}

#[wasm_bindgen_test]
fn expired_attempts_are_cleared() {
    let config = config("expiring");
    storage::save_pending(&config, &attempt("old", 0)).unwrap();
    storage::save_pending(&config, &attempt("new", PENDING_ATTEMPT_LIFETIME_MS)).unwrap();

    storage::clear_pending(&config, Some(PENDING_ATTEMPT_LIFETIME_MS + 1));

    assert_eq!(storage::take_pending(&config, &State::from_received("old".into())), None);
    assert!(storage::take_pending(&config, &State::from_received("new".into())).is_some());
}

fn session_storage() -> web_sys::Storage {
    web_sys::window().unwrap().session_storage().unwrap().unwrap()
}

/// Returns the session-storage key of the stored attempt whose state is `state`.
fn pending_key(state: &str) -> String {
    let storage = session_storage();
    (0..storage.length().unwrap())
        .filter_map(|index| storage.key(index).unwrap())
        .find(|key| key.ends_with(&format!("pending|{state}")))
        .expect("the attempt is stored")
}

#[wasm_bindgen_test]
fn pending_attempt_is_stored_in_serde_shape() {
    // The browser's JSON writes and reads attempts; serde_json wrote them
    // before, so attempts stored by either version must read back.
    let config = config("shape");
    let attempt = PendingAttempt {
        state: State::from_received("shaped".into()),
        created_at_ms: 1_764_900_000_123,
        return_to: "/app/?view=1#/today".into(),
        code_verifier: Some(ion_pages::auth::pkce::CodeVerifier::from_stored("verifier-\"quoted\"".into())),
    };
    storage::save_pending(&config, &attempt).unwrap();
    let key = pending_key("shaped");
    let stored: serde_json::Value = serde_json::from_str(&session_storage().get_item(&key).unwrap().unwrap()).unwrap();
    assert_eq!(stored, serde_json::to_value(&attempt).unwrap());

    session_storage().set_item(&key, &serde_json::to_string(&attempt).unwrap()).unwrap();
    assert_eq!(storage::take_pending(&config, &attempt.state), Some(attempt));
}

#[wasm_bindgen_test]
fn malformed_pending_attempts_are_dropped() {
    let config = config("malformed");
    for raw in [
        "not json",
        r#"{"state":"bad","created_at_ms":-1,"return_to":"/"}"#,
        r#"{"state":"bad","created_at_ms":1.5,"return_to":"/"}"#,
        r#"{"state":"bad","created_at_ms":"1","return_to":"/"}"#,
        r#"{"state":"bad","created_at_ms":1}"#,
        r#"{"state":"bad","created_at_ms":1,"return_to":"/","code_verifier":7}"#,
    ] {
        storage::save_pending(&config, &attempt("bad", 1)).unwrap();
        session_storage().set_item(&pending_key("bad"), raw).unwrap();
        assert_eq!(storage::take_pending(&config, &State::from_received("bad".into())), None, "{raw}");
    }
    // Without a verifier field, as serde's default allowed, the attempt reads.
    storage::save_pending(&config, &attempt("plain", 1)).unwrap();
    session_storage().set_item(&pending_key("plain"), r#"{"state":"plain","created_at_ms":1,"return_to":"/"}"#).unwrap();
    assert_eq!(storage::take_pending(&config, &State::from_received("plain".into())), Some(attempt("plain", 1)));
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

#[wasm_bindgen_test]
fn initial_url_prefers_saved_address() {
    let window = web_sys::window().unwrap();
    let key = wasm_bindgen::JsValue::from_str("ionPagesRedirect");
    js_sys::Reflect::set(&window, &key, &"http://127.0.0.1:8080/?x=1#access_token=t".into()).unwrap();

    let initial = location::initial_url().unwrap();

    assert_eq!(initial.url.as_str(), "http://127.0.0.1:8080/?x=1#access_token=t");
    assert!(initial.response_hidden);
    assert!(js_sys::Reflect::get(&window, &key).unwrap().is_undefined());
    let again = location::initial_url().unwrap();
    assert_eq!(Some(again.url), location::current_url());
    assert!(!again.response_hidden);
}

#[wasm_bindgen_test]
fn show_url_replaces_only_a_different_address() {
    let before = location::current_url().unwrap();
    let history = web_sys::window().unwrap().history().unwrap();
    let length = history.length().unwrap();
    history.push_state_with_url(&"marker".into(), "", Some(before.as_str())).unwrap();

    location::show_url(&before).unwrap();
    assert_eq!(history.state().unwrap(), "marker", "the same address must leave the entry as it is");

    let mut target = before.clone();
    target.set_fragment(Some("shown"));
    location::show_url(&target).unwrap();
    assert_eq!(location::current_url().unwrap().fragment(), Some("shown"));
    assert!(history.state().unwrap().is_null());
    assert_eq!(history.length().unwrap(), length + 1);
    location::replace_url(&before).unwrap();
}

#[wasm_bindgen_test]
async fn pkce_challenge_matches_rfc_7636() {
    // RFC 7636 Appendix B, with the digest computed by WebCrypto.
    let digest = crypto::sha256(b"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").await.unwrap();

    assert_eq!(
        ion_pages::auth::pkce::challenge_from_digest(&digest),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[wasm_bindgen_test]
fn generated_code_verifiers_are_fresh() {
    let first = crypto::generate_code_verifier().unwrap();
    let second = crypto::generate_code_verifier().unwrap();

    assert_eq!(first.secret().len(), 43);
    assert!(first.secret().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    assert_ne!(first, second);
}
