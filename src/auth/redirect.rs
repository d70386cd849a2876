//! Parsing of the authorization server's response when it sends the browser back
//! to the redirect URI (RFC 6749 §4.2.2 and §4.2.2.1).
//!
//! A token always arrives in the fragment. Errors may arrive in either part:
//! django-oauth-toolkit 3.0.1, which Ion runs, appends `?error=…` to the
//! redirect URI for `access_denied`, `invalid_scope` and `unauthorized_client`
//! instead of using the fragment. Both parts are `application/x-www-form-urlencoded`.

use std::fmt;

use url::{form_urlencoded, Url};

use super::error_code::OAuthErrorCode;
use super::secret::{AccessToken, AuthorizationCode, State};

/// Token lifetime Ion grants when the response carries no `expires_in`: the
/// django-oauth-toolkit default of 36000 s, which Ion does not override.
pub const DEFAULT_EXPIRES_IN_SECS: u64 = 36_000;

/// Longest lifetime accepted from a response (one year), so that the expiry
/// arithmetic cannot overflow on hostile input.
const MAX_EXPIRES_IN_SECS: u64 = 365 * 24 * 3600;

/// Longest value accepted for any parameter. Ion's tokens have 30 characters
/// and this app's `state` has 64.
const MAX_VALUE_LEN: usize = 2048;

/// Parameters that belong to an authorization response. Only these are read,
/// checked for duplicates and removed from the address bar; others are left
/// alone.
const RESPONSE_PARAMETERS: [&str; 9] = [
    "access_token",
    "token_type",
    "expires_in",
    "scope",
    "state",
    "error",
    "error_description",
    "error_uri",
    "code",
];

/// A successful implicit-grant response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImplicitTokenResponse {
    pub access_token: AccessToken,
    pub expires_in_secs: u64,
    /// The granted scope, when the server sent one.
    pub scope: Option<String>,
    pub state: Option<State>,
}

/// An error response (RFC 6749 §4.2.2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse {
    pub error: OAuthErrorCode,
    /// Text chosen by the server; shown only as plain text.
    pub description: Option<String>,
    pub state: Option<State>,
}

/// An authorization-code response (RFC 6749 section 4.1.2), in the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeResponse {
    pub code: AuthorizationCode,
    pub state: Option<State>,
}

/// The authorization server's response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorizationResponse {
    Token(ImplicitTokenResponse),
    Code(CodeResponse),
    Error(ErrorResponse),
}

impl AuthorizationResponse {
    pub fn state(&self) -> Option<&State> {
        match self {
            AuthorizationResponse::Token(answer) => answer.state.as_ref(),
            AuthorizationResponse::Code(answer) => answer.state.as_ref(),
            AuthorizationResponse::Error(answer) => answer.state.as_ref(),
        }
    }
}

/// A response that cannot be used. `Display` is the sentence shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectError {
    DuplicateParameter(&'static str),
    /// Both the query and the fragment carry a response.
    ResponseInQueryAndFragment,
    MissingAccessToken,
    /// The token contains characters a Bearer token cannot have (RFC 6750 §2.1).
    InvalidAccessToken,
    MissingTokenType,
    UnsupportedTokenType(String),
    InvalidExpiresIn(String),
    /// The response carries both a token and a code.
    UnexpectedAnswer,
    /// The authorization code is empty or has characters a code cannot have.
    InvalidCode,
    ValueTooLong(&'static str),
}

impl fmt::Display for RedirectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedirectError::DuplicateParameter(name) => {
                write!(f, "Ion's response contained the parameter \"{name}\" more than once, so it was not trusted.")
            }
            RedirectError::ResponseInQueryAndFragment => {
                f.write_str("The address contained two authorization responses at once, so neither was trusted.")
            }
            RedirectError::MissingAccessToken => f.write_str("Ion's response did not contain an access token."),
            RedirectError::InvalidAccessToken => {
                f.write_str("Ion's response contained an access token with characters a Bearer token cannot have.")
            }
            RedirectError::MissingTokenType => f.write_str("Ion's response did not say what type of token it issued."),
            RedirectError::UnsupportedTokenType(kind) => {
                write!(f, "Ion issued a token of type \"{kind}\", but this app can only use Bearer tokens.")
            }
            RedirectError::InvalidExpiresIn(value) => {
                write!(f, "Ion's response gave the token lifetime \"{value}\", which is not a number of seconds.")
            }
            RedirectError::UnexpectedAnswer => {
                f.write_str("Ion's response contained both an access token and an authorization code, so it was not trusted.")
            }
            RedirectError::InvalidCode => f.write_str("Ion's response contained an invalid authorization code."),
            RedirectError::ValueTooLong(name) => write!(f, "Ion's response contained an overlong \"{name}\"."),
        }
    }
}

impl std::error::Error for RedirectError {}

/// The response parameters of one part of the URL, at most one value each.
#[derive(Default)]
struct ResponseParameters {
    values: [Option<String>; RESPONSE_PARAMETERS.len()],
}

impl ResponseParameters {
    fn parse(part: &str) -> Result<Self, RedirectError> {
        let mut parameters = ResponseParameters::default();
        for (name, value) in form_urlencoded::parse(part.as_bytes()) {
            let Some(index) = RESPONSE_PARAMETERS.iter().position(|known| *known == name) else {
                continue;
            };
            let known = RESPONSE_PARAMETERS[index];
            if parameters.values[index].is_some() {
                return Err(RedirectError::DuplicateParameter(known));
            }
            if value.len() > MAX_VALUE_LEN {
                return Err(RedirectError::ValueTooLong(known));
            }
            parameters.values[index] = Some(value.into_owned());
        }
        Ok(parameters)
    }

    fn take(&mut self, name: &str) -> Option<String> {
        let index = RESPONSE_PARAMETERS.iter().position(|known| *known == name)?;
        self.values[index].take()
    }

    fn is_response(&self) -> bool {
        self.values.iter().any(Option::is_some)
    }
}

/// Reads the authorization response from the query and fragment of the URL the
/// browser came back to. Neither part starts with its `?` or `#`.
///
/// Returns `None` when the URL carries no response parameter at all (an ordinary
/// visit).
///
/// # Errors
/// A [`RedirectError`] when a response is present but cannot be used.
pub fn parse_redirect(query: Option<&str>, fragment: Option<&str>) -> Option<Result<AuthorizationResponse, RedirectError>> {
    let from_query = query.map(ResponseParameters::parse);
    let from_fragment = fragment.map(ResponseParameters::parse);

    let is_response = |part: &Option<Result<ResponseParameters, RedirectError>>| match part {
        Some(Ok(parameters)) => parameters.is_response(),
        Some(Err(_)) => true,
        None => false,
    };
    let chosen = match (is_response(&from_query), is_response(&from_fragment)) {
        (false, false) => return None,
        (true, true) => return Some(Err(RedirectError::ResponseInQueryAndFragment)),
        (true, false) => from_query,
        (false, true) => from_fragment,
    };
    let parameters = match chosen {
        Some(Ok(parameters)) => parameters,
        Some(Err(error)) => return Some(Err(error)),
        None => return None,
    };
    Some(response_from(parameters))
}

fn response_from(mut parameters: ResponseParameters) -> Result<AuthorizationResponse, RedirectError> {
    let state = parameters.take("state").map(State::from_received);

    if let Some(error) = parameters.take("error") {
        return Ok(AuthorizationResponse::Error(ErrorResponse {
            error: OAuthErrorCode::parse(&error),
            description: parameters.take("error_description").filter(|text| !text.is_empty()),
            state,
        }));
    }

    let code = parameters.take("code");
    let Some(access_token) = parameters.take("access_token") else {
        return match code {
            Some(code) if is_code_syntax(&code) => {
                Ok(AuthorizationResponse::Code(CodeResponse { code: AuthorizationCode::new(code), state }))
            }
            Some(_) => Err(RedirectError::InvalidCode),
            None => Err(RedirectError::MissingAccessToken),
        };
    };
    if code.is_some() {
        return Err(RedirectError::UnexpectedAnswer);
    }
    if access_token.is_empty() {
        return Err(RedirectError::MissingAccessToken);
    }
    if !is_bearer_token_syntax(&access_token) {
        return Err(RedirectError::InvalidAccessToken);
    }

    match parameters.take("token_type") {
        None => return Err(RedirectError::MissingTokenType),
        Some(kind) if !kind.eq_ignore_ascii_case("bearer") => return Err(RedirectError::UnsupportedTokenType(kind)),
        Some(_) => {}
    }

    let expires_in_secs = match parameters.take("expires_in") {
        None => DEFAULT_EXPIRES_IN_SECS,
        Some(value) => match value.parse::<u64>() {
            Ok(seconds) => seconds.min(MAX_EXPIRES_IN_SECS),
            Err(_) => return Err(RedirectError::InvalidExpiresIn(value)),
        },
    };

    Ok(AuthorizationResponse::Token(ImplicitTokenResponse {
        access_token: AccessToken::new(access_token),
        expires_in_secs,
        scope: parameters.take("scope"),
        state,
    }))
}

/// RFC 6749 appendix A.11: `code = 1*VSCHAR`, printable ASCII.
fn is_code_syntax(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|b| (0x20..=0x7e).contains(&b))
}

/// RFC 6750 §2.1: `b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
fn is_bearer_token_syntax(token: &str) -> bool {
    let body = token.trim_end_matches('=');
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/'))
}

/// Returns `page` without the response: the fragment is dropped when it carried
/// response parameters, and those parameters are removed from the query. Other
/// query parameters are kept in order.
pub fn without_response(page: &Url) -> Url {
    let mut cleaned = page.clone();

    let fragment_has_answer = page
        .fragment()
        .map(|fragment| {
            form_urlencoded::parse(fragment.as_bytes()).any(|(name, _)| RESPONSE_PARAMETERS.contains(&name.as_ref()))
        })
        .unwrap_or(false);
    if fragment_has_answer {
        cleaned.set_fragment(None);
    }

    if let Some(query) = page.query() {
        let kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .filter(|(name, _)| !RESPONSE_PARAMETERS.contains(&name.as_ref()))
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        if kept.is_empty() {
            cleaned.set_query(None);
        } else {
            cleaned.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    cleaned
}

#[cfg(test)]
mod tests;
