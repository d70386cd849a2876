//! Requests to Ion's token endpoint, `{ion}/oauth/token/`, as a Public
//! client: no client secret, the `client_id` in the form.

use gloo_net::http::Request;

use super::client::diagnose_failed_request;
use crate::auth::callback::CodeExchange;
use crate::auth::secret::RefreshToken;
use crate::auth::token_response::{parse_token_response, TokenError, TokenRequest, TokenResponse};
use crate::config::Config;

/// Exchanges an authorization code and its PKCE verifier for tokens.
///
/// # Errors
/// A [`TokenError`]; `InvalidGrant` when the code expired or was used.
pub async fn exchange_code(config: &Config, exchange: &CodeExchange, page_origin: &str) -> Result<TokenResponse, TokenError> {
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "authorization_code")
        .append_pair("code", exchange.code.secret())
        .append_pair("redirect_uri", config.redirect_uri.as_str())
        .append_pair("client_id", &config.client_id)
        .append_pair("code_verifier", exchange.verifier.secret())
        .finish();
    post_form(config, TokenRequest::Code, form, page_origin).await
}

/// Trades a refresh token for new tokens. django-oauth-toolkit rotates the
/// refresh token, so the old one stops working once this succeeds.
///
/// # Errors
/// A [`TokenError`]; `InvalidGrant` when the refresh token is no longer valid.
pub async fn refresh(config: &Config, refresh_token: &RefreshToken, page_origin: &str) -> Result<TokenResponse, TokenError> {
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "refresh_token")
        .append_pair("refresh_token", refresh_token.secret())
        .append_pair("client_id", &config.client_id)
        .append_pair("scope", &config.scope)
        .finish();
    post_form(config, TokenRequest::Refresh, form, page_origin).await
}

async fn post_form(
    config: &Config,
    request: TokenRequest,
    form: String,
    page_origin: &str,
) -> Result<TokenResponse, TokenError> {
    let url = config.ion_endpoint("oauth/token/");
    let sent = Request::post(url.as_str())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(form)
        .map_err(|error| TokenError::Transport(format!("The token request could not be built: {error}")))?
        .send()
        .await;
    let response = match sent {
        Ok(response) => response,
        Err(error) => {
            log::warn!("The token request failed before a response arrived: {error}");
            return Err(TokenError::Transport(diagnose_failed_request(config, page_origin).await.to_string()));
        }
    };
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    let result = parse_token_response(request, status, &body);
    if let Err(error) = &result {
        log::warn!("The token endpoint answered {status}: {error}");
    }
    result
}
