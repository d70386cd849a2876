//! The authorization request of the implicit grant (RFC 6749 §4.2.1).

use url::Url;

use super::secret::State;
use crate::config::Config;

/// Whether Ion should show its consent page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// Ion's default (`force`): the consent page every time.
    Consent,
    /// `approval_prompt=auto`: django-oauth-toolkit skips the consent page
    /// while the user holds an unexpired token of this app for the same
    /// scopes, which makes renewing before expiry a single redirect.
    Auto,
}

/// The response type the authorization request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseType<'a> {
    /// `response_type=token`: the implicit grant.
    Token,
    /// `response_type=code` with the PKCE S256 `code_challenge`.
    Code { challenge: &'a str },
}

/// Builds the URL of `{ion}/oauth/authorize/` that starts a sign-in.
///
/// Parameters are form-encoded, so a space in the scope becomes `+`, which
/// django-oauth-toolkit decodes as a space.
pub fn authorization_url(config: &Config, state: &State, prompt: Prompt, response: ResponseType<'_>) -> Url {
    let mut url = config.ion_endpoint("oauth/authorize/");
    {
        let mut query = url.query_pairs_mut();
        let response_type = match response {
            ResponseType::Token => "token",
            ResponseType::Code { .. } => "code",
        };
        query
            .append_pair("response_type", response_type)
            .append_pair("client_id", &config.client_id)
            .append_pair("redirect_uri", config.redirect_uri.as_str())
            .append_pair("scope", &config.scope)
            .append_pair("state", state.secret());
        if let ResponseType::Code { challenge } = response {
            query.append_pair("code_challenge", challenge).append_pair("code_challenge_method", "S256");
        }
        if prompt == Prompt::Auto {
            query.append_pair("approval_prompt", "auto");
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config {
            ion_base: Url::parse("http://127.0.0.1:8000/").unwrap(),
            client_id: "ion-pages-local".into(),
            redirect_uri: Url::parse("http://127.0.0.1:8080/app/").unwrap(),
            scope: "read write".into(),
            grant: crate::config::Grant::Implicit,
        }
    }

    fn pairs(url: &Url) -> Vec<(String, String)> {
        url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
    }

    #[test]
    fn authorization_url_has_every_parameter() {
        let state = State::from_received("abc123".into());
        let url = authorization_url(&config(), &state, Prompt::Consent, ResponseType::Token);

        assert_eq!(url.origin().ascii_serialization(), "http://127.0.0.1:8000");
        assert_eq!(url.path(), "/oauth/authorize/");
        assert_eq!(
            pairs(&url),
            vec![
                ("response_type".into(), "token".into()),
                ("client_id".into(), "ion-pages-local".into()),
                ("redirect_uri".into(), "http://127.0.0.1:8080/app/".into()),
                ("scope".into(), "read write".into()),
                ("state".into(), "abc123".into()),
            ]
        );
    }

    #[test]
    fn authorization_url_encodes_space_as_plus() {
        let url = authorization_url(&config(), &State::from_received("s".into()), Prompt::Consent, ResponseType::Token);
        assert!(url.query().unwrap().contains("scope=read+write"));
        assert!(url.query().unwrap().contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fapp%2F"));
    }

    #[test]
    fn auto_prompt_adds_approval_prompt() {
        let url = authorization_url(&config(), &State::from_received("s".into()), Prompt::Auto, ResponseType::Token);
        assert_eq!(pairs(&url).last(), Some(&("approval_prompt".to_owned(), "auto".to_owned())));
    }

    #[test]
    fn code_request_carries_challenge() {
        let response = ResponseType::Code { challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" };
        let url = authorization_url(&config(), &State::from_received("s".into()), Prompt::Consent, response);
        let pairs = pairs(&url);
        assert_eq!(pairs[0], ("response_type".to_owned(), "code".to_owned()));
        assert!(pairs.contains(&("code_challenge".to_owned(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".to_owned())));
        assert!(pairs.contains(&("code_challenge_method".to_owned(), "S256".to_owned())));
    }

    #[test]
    fn authorization_url_keeps_ion_subpath() {
        let mut config = config();
        config.ion_base = Url::parse("https://example.org/ion/").unwrap();
        let url = authorization_url(&config, &State::from_received("s".into()), Prompt::Consent, ResponseType::Token);
        assert_eq!(url.path(), "/ion/oauth/authorize/");
    }
}
