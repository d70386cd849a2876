//! Feeds arbitrary text to the redirect parser as query, fragment and a whole
//! URL. It must never panic, and its responses must be consistent.
#![no_main]

use ion_pages::auth::redirect::{parse_redirect, without_response, AuthorizationResponse};
use libfuzzer_sys::fuzz_target;
use url::Url;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (query, fragment) = text.split_once('#').unwrap_or((text, ""));

    for (query, fragment) in [(Some(query), Some(fragment)), (Some(text), None), (None, Some(text))] {
        if let Some(Ok(AuthorizationResponse::Token(answer))) = parse_redirect(query, fragment) {
            assert!(!answer.access_token.secret().is_empty());
        }
    }

    if let Ok(page) = Url::parse(&format!("http://127.0.0.1:8080/?{query}#{fragment}")) {
        // Whatever the response, the cleaned address carries none.
        let cleaned = without_response(&page);
        assert!(parse_redirect(cleaned.query(), cleaned.fragment()).is_none());
    }
});
