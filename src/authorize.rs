//! Starting a sign-in: stores the attempt for this tab and sends the browser
//! to Ion's authorization endpoint. It needs no Leptos, so the sign-in page
//! of the first load can call it from the main module.

use crate::auth::pkce::challenge_from_digest;
use crate::auth::request::{authorization_url, Prompt, ResponseType};
use crate::auth::return_path::return_path;
use crate::auth::session::PendingAttempt;
use crate::browser::{clock, crypto, location, storage};
use crate::config::{Config, Grant};

/// Stores a fresh `state` (and, for the code grant, a PKCE verifier) for
/// this tab and sends the browser to Ion.
///
/// # Errors
/// The sentence to show when the attempt cannot start safely.
pub async fn start_sign_in(config: &Config, prompt: Prompt) -> Result<(), String> {
    let state = crypto::generate_state()?;
    let code_verifier = match config.grant {
        Grant::Implicit => None,
        Grant::Code => Some(crypto::generate_code_verifier()?),
    };
    let challenge = match &code_verifier {
        None => None,
        Some(verifier) => {
            let digest = crypto::sha256(verifier.secret().as_bytes()).await.map_err(|error| {
                log::error!("The PKCE challenge could not be computed: {error}");
                "This browser could not compute the sign-in's PKCE challenge (WebCrypto failed).".to_owned()
            })?;
            Some(challenge_from_digest(&digest))
        }
    };
    let return_to = location::current_url().map(|url| return_path(&url)).unwrap_or_else(|| "/".to_owned());
    let attempt = PendingAttempt { state: state.clone(), created_at_ms: clock::now_ms(), return_to, code_verifier };
    storage::save_pending(config, &attempt).map_err(|error| {
        log::error!("The sign-in attempt could not be stored: {error}");
        format!(
            "The sign-in cannot start because {error}. Allow site data for this page in the browser's \
             settings and try again."
        )
    })?;

    let response = match &challenge {
        Some(challenge) => ResponseType::Code { challenge },
        None => ResponseType::Token,
    };
    let url = authorization_url(config, &state, prompt, response);
    log::info!("Sending the browser to Ion's authorization endpoint {}", url.path());
    location::navigate_to(&url).map_err(|error| {
        log::error!("Navigation to Ion failed: {error}");
        "The browser did not open Ion's sign-in page. Try again.".to_owned()
    })
}
