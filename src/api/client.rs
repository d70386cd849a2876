use gloo_net::http::Request;
use serde::de::DeserializeOwned;

use super::error::{classify_failure, ApiError};
use super::models::Profile;
use crate::auth::secret::AccessToken;
use crate::config::Config;

/// Calls Ion's API with a Bearer token.
///
/// Requests carry no cookies (`credentials: "omit"` is the fetch default for
/// cross-origin requests), so Ion judges them by the token alone.
#[derive(Clone)]
pub struct IonClient {
    config: Config,
    token: AccessToken,
    page_origin: String,
}

impl IonClient {
    pub fn new(config: Config, token: AccessToken, page_origin: String) -> Self {
        Self { config, token, page_origin }
    }

    /// `GET /api/profile`: the signed-in user.
    ///
    /// # Errors
    /// Any [`ApiError`]; `NotAuthenticated` means the token is no longer valid.
    pub async fn profile(&self) -> Result<Profile, ApiError> {
        self.get_json("api/profile").await
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let url = self.config.ion_endpoint(path);
        let ion_origin = self.config.ion_origin();

        let response = Request::get(url.as_str())
            .header("Authorization", &format!("Bearer {}", self.token.secret()))
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|error| {
                log::warn!("GET {} failed before an answer arrived: {error}", url.path());
                ApiError::Network { ion_origin: ion_origin.clone(), page_origin: self.page_origin.clone() }
            })?;

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
