use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use web_sys::RequestMode;

use super::error::{classify_failure, ApiError};
use super::models::Profile;
use crate::auth::session::Session;
use crate::browser::clock;
use crate::config::Config;

/// Calls Ion's API with the session's Bearer token. It cannot be built
/// without a session.
///
/// Requests carry no cookies (`credentials: "omit"` is the fetch default for
/// cross-origin requests), so Ion judges them by the token alone.
#[derive(Clone)]
pub struct IonClient {
    config: Config,
    session: Session,
    page_origin: String,
}

impl IonClient {
    pub fn new(config: Config, session: Session, page_origin: String) -> Self {
        Self { config, session, page_origin }
    }

    /// `GET /api/profile`: the signed-in user.
    ///
    /// # Errors
    /// Any [`ApiError`]; `NotAuthenticated` means the token is no longer valid.
    pub async fn profile(&self) -> Result<Profile, ApiError> {
        self.get_json("api/profile").await
    }

    /// The one place a request to Ion's API is sent.
    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        if self.session.is_expired(clock::now_ms()) {
            return Err(ApiError::SessionExpired);
        }
        let url = self.config.ion_endpoint(path);
        let ion_origin = self.config.ion_origin();

        let request = Request::get(url.as_str())
            .header("Authorization", &format!("Bearer {}", self.session.access_token.secret()))
            .header("Accept", "application/json");
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => {
                log::warn!("GET {} failed before an answer arrived: {error}", url.path());
                return Err(diagnose_failed_request(&self.config, &self.page_origin).await);
            }
        };

        let status = response.status();
        if !(200..300).contains(&status) {
            let body = response.text().await.unwrap_or_default();
            let error = classify_failure(status, &body, &ion_origin);
            log::warn!("GET {} answered {status}: {error}", url.path());
            return Err(error);
        }

        response.json::<T>().await.map_err(|error| {
            log::warn!("GET {} sent a body that did not decode: {error}", url.path());
            ApiError::Decode(error.to_string())
        })
    }
}

/// Tells a CORS refusal from an unreachable server after a request failed in
/// the browser. The browser hides the reason of a failed CORS request, but a
/// `no-cors` request to the same server still completes (with an unreadable
/// answer) when the server is up.
pub async fn diagnose_failed_request(config: &Config, page_origin: &str) -> ApiError {
    let probe = RequestBuilder::new(config.ion_endpoint("api").as_str()).mode(RequestMode::NoCors).send().await;
    let ion_origin = config.ion_origin();
    match probe {
        Ok(_) => ApiError::OriginNotAllowed { ion_origin, page_origin: page_origin.to_owned() },
        Err(_) => ApiError::Unreachable { ion_origin },
    }
}

/// Checks whether Ion lets this origin read its answers, with the open
/// endpoint `GET /api` (no token needed).
///
/// # Errors
/// `CrossOriginBlocked`, `OriginNotAllowed` or `Unreachable`.
pub async fn check_origin_allowed(config: &Config, page_origin: &str) -> Result<(), ApiError> {
    let url = config.ion_endpoint("api");
    match Request::get(url.as_str()).header("Accept", "application/json").send().await {
        Ok(response) if response.status() == 401 => {
            let body = response.text().await.unwrap_or_default();
            Err(classify_failure(401, &body, &config.ion_origin()))
        }
        Ok(_) => Ok(()),
        Err(_) => Err(diagnose_failed_request(config, page_origin).await),
    }
}

/// Asks Ion to revoke the access token (RFC 7009) as this Public client.
///
/// # Errors
/// The reason Ion did not confirm the revocation.
pub async fn revoke_token(config: &Config, session: &Session, page_origin: &str) -> Result<(), ApiError> {
    let url = config.ion_endpoint("oauth/revoke_token/");
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("token", session.access_token.secret())
        .append_pair("token_type_hint", "access_token")
        .append_pair("client_id", &config.client_id)
        .finish();
    let request = Request::post(url.as_str())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form)
        .map_err(|error| ApiError::Decode(error.to_string()))?;
    match request.send().await {
        Ok(response) if (200..300).contains(&response.status()) => Ok(()),
        Ok(response) => {
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            Err(classify_failure(status, &body, &config.ion_origin()))
        }
        Err(error) => {
            log::warn!("The revocation request failed before an answer arrived: {error}");
            Err(diagnose_failed_request(config, page_origin).await)
        }
    }
}
