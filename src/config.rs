//! The app's configuration: which Ion to use and how this client is registered
//! there. A host sets it in `<meta>` tags of the served `index.html`, so it can
//! change without a rebuild, and it is never read from the page's own URL (a
//! crafted link must not be able to point the sign-in at another server).

use std::fmt;

use url::Url;

/// `<meta name>` of each setting.
pub const ION_URL_SETTING: &str = "ion-pages:ion-url";
pub const CLIENT_ID_SETTING: &str = "ion-pages:client-id";
pub const REDIRECT_URI_SETTING: &str = "ion-pages:redirect-uri";
pub const SCOPE_SETTING: &str = "ion-pages:scope";
pub const GRANT_SETTING: &str = "ion-pages:grant";

/// The OAuth grant the app uses, as registered for it on Ion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Grant {
    /// `response_type=token` (RFC 6749 section 4.2): the default this app is
    /// built around. Ion serves it only to applications stored as implicit.
    Implicit,
    /// `response_type=code` with PKCE (RFC 7636): the only grant Ion's
    /// registration page offers a Public client today.
    Code,
}

/// Scope requested when the host sets none. Ion's API checks no scope, and
/// `read` is the least a client can ask for.
pub const DEFAULT_SCOPE: &str = "read";

/// The settings as found in the page, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawSettings {
    pub ion_url: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub grant: Option<String>,
    /// The page's Content-Security-Policy `<meta>` tag, if it has one.
    pub content_security_policy: Option<String>,
}

/// Validated configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Ion's base URL, always ending in `/` so that joins keep its path.
    pub ion_base: Url,
    pub client_id: String,
    /// The redirect URI sent with every authorization request. Ion compares it
    /// byte for byte with the registered one.
    pub redirect_uri: Url,
    /// Space-separated scope tokens.
    pub scope: String,
    pub grant: Grant,
}

/// The reason the configuration cannot be used. `Display` is the sentence shown on
/// the "not configured" screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    Missing { setting: &'static str, example: &'static str },
    Invalid { setting: &'static str, value: String, reason: String },
    /// A page opened from disk has no web origin, so Ion cannot redirect to it.
    OpenedFromFile { page_url: String },
    /// The page's Content-Security-Policy does not allow requests to Ion.
    PolicyBlocksIon { ion_origin: String },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Missing { setting, example } => write!(
                f,
                "The setting \"{setting}\" is missing. Add <meta name=\"{setting}\" content=\"{example}\"> \
                 to the <head> of index.html."
            ),
            ConfigError::Invalid { setting, value, reason } => write!(
                f,
                "The setting \"{setting}\" has the invalid value \"{value}\": {reason} \
                 Correct its <meta> tag in index.html."
            ),
            ConfigError::PolicyBlocksIon { ion_origin } => write!(
                f,
                "The Content-Security-Policy <meta> tag of index.html does not allow connections to Ion at \
                 {ion_origin}, so no request to Ion could succeed. Add {ion_origin} to its connect-src and \
                 img-src, or run `python3 scripts/csp.py DIR` on the built site to rewrite it."
            ),
            ConfigError::OpenedFromFile { page_url } => write!(
                f,
                "This page was opened from a file ({page_url}), and Ion can only send a sign-in back to \
                 an http or https address. Serve the folder with a web server, for example \
                 `python3 -m http.server --bind 127.0.0.1 8080`, and open it from there."
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Validates the raw settings against the page's address.
    ///
    /// # Errors
    /// The first missing or invalid setting, or [`ConfigError::OpenedFromFile`]
    /// when the page has no http(s) address to return to.
    pub fn from_settings(raw: &RawSettings, page_url: &Url) -> Result<Config, ConfigError> {
        let ion_base = parse_ion_url(raw.ion_url.as_deref())?;
        let client_id = parse_client_id(raw.client_id.as_deref())?;
        let redirect_uri = parse_redirect_uri(raw.redirect_uri.as_deref(), page_url)?;
        let scope = parse_scope(raw.scope.as_deref())?;
        let grant = parse_grant(raw.grant.as_deref())?;
        let config = Config { ion_base, client_id, redirect_uri, scope, grant };
        if let Some(policy) = &raw.content_security_policy {
            if !policy_allows_connection(policy, &config.ion_origin()) {
                return Err(ConfigError::PolicyBlocksIon { ion_origin: config.ion_origin() });
            }
        }
        Ok(config)
    }

    /// The origin of Ion, as a browser would print it (`https://ion.tjhsst.edu`).
    pub fn ion_origin(&self) -> String {
        self.ion_base.origin().ascii_serialization()
    }

    /// Joins a path such as `oauth/authorize/` or `api/profile` onto Ion's base URL.
    pub fn ion_endpoint(&self, path: &str) -> Url {
        // The base always ends in '/', and the paths used here are fixed
        // relative paths, so the join cannot fail.
        self.ion_base.join(path).unwrap_or_else(|_| self.ion_base.clone())
    }
}

/// The redirect URI a page at `page_url` uses when none is configured: its own
/// address without query or fragment.
pub fn default_redirect_uri(page_url: &Url) -> Url {
    let mut uri = page_url.clone();
    uri.set_query(None);
    uri.set_fragment(None);
    uri
}

/// Whether a Content-Security-Policy lets the page `fetch` from `origin`:
/// `connect-src`, or `default-src` when there is none, names the origin or `*`.
pub fn policy_allows_connection(policy: &str, origin: &str) -> bool {
    let directive = |name: &str| {
        policy
            .split(';')
            .map(|part| part.split_whitespace().collect::<Vec<_>>())
            .find(|tokens| tokens.first().is_some_and(|first| first.eq_ignore_ascii_case(name)))
    };
    let Some(sources) = directive("connect-src").or_else(|| directive("default-src")) else {
        return true;
    };
    sources[1..]
        .iter()
        .any(|source| *source == "*" || source.trim_end_matches('/').eq_ignore_ascii_case(origin))
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

fn parse_ion_url(value: Option<&str>) -> Result<Url, ConfigError> {
    let setting = ION_URL_SETTING;
    let Some(value) = non_empty(value) else {
        return Err(ConfigError::Missing { setting, example: "https://ion.tjhsst.edu" });
    };
    let invalid = |reason: &str| ConfigError::Invalid {
        setting,
        value: value.to_owned(),
        reason: reason.to_owned(),
    };

    let mut url = Url::parse(value)
        .map_err(|_| invalid("it is not an absolute URL such as https://ion.tjhsst.edu."))?;
    if url.scheme() != "https" && url.scheme() != "http" {
        return Err(invalid("Ion's address must start with https:// (or http:// for a local server)."));
    }
    if url.host_str().is_none() {
        return Err(invalid("the URL has no host name."));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("Ion's address must not carry a query or a fragment."));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("Ion's address must not contain a user name or password."));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn parse_client_id(value: Option<&str>) -> Result<String, ConfigError> {
    let setting = CLIENT_ID_SETTING;
    let Some(value) = non_empty(value) else {
        return Err(ConfigError::Missing { setting, example: "the client id Ion shows for your application" });
    };
    // django-oauth-toolkit generates 40 letters and digits; anything printable
    // without spaces is accepted so that hand-set ids keep working.
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) || value.len() > 100 {
        return Err(ConfigError::Invalid {
            setting,
            value: value.to_owned(),
            reason: "a client id has no spaces and at most 100 characters. Copy it from your application's page on Ion."
                .to_owned(),
        });
    }
    Ok(value.to_owned())
}

fn parse_redirect_uri(value: Option<&str>, page_url: &Url) -> Result<Url, ConfigError> {
    let setting = REDIRECT_URI_SETTING;
    let Some(value) = non_empty(value) else {
        if page_url.scheme() != "http" && page_url.scheme() != "https" {
            return Err(ConfigError::OpenedFromFile { page_url: page_url.as_str().to_owned() });
        }
        return Ok(default_redirect_uri(page_url));
    };
    let invalid = |reason: &str| ConfigError::Invalid {
        setting,
        value: value.to_owned(),
        reason: reason.to_owned(),
    };

    let url = Url::parse(value).map_err(|_| invalid("it is not an absolute URL."))?;
    if url.scheme() != "https" && url.scheme() != "http" {
        return Err(invalid("Ion accepts only http and https redirect URIs."));
    }
    if url.fragment().is_some() {
        return Err(invalid("a redirect URI must not contain a fragment (RFC 6749 section 3.1.2)."));
    }
    if url.origin() != page_url.origin() && (page_url.scheme() == "http" || page_url.scheme() == "https") {
        return Err(invalid(&format!(
            "it is on another origin than this page ({}), so the sign-in could not be completed here.",
            page_url.origin().ascii_serialization()
        )));
    }
    Ok(url)
}

fn parse_grant(value: Option<&str>) -> Result<Grant, ConfigError> {
    match non_empty(value) {
        None | Some("implicit") => Ok(Grant::Implicit),
        Some("code") => Ok(Grant::Code),
        Some(other) => Err(ConfigError::Invalid {
            setting: GRANT_SETTING,
            value: other.to_owned(),
            reason: "use \"implicit\" when Ion stores your application with the implicit grant, or \"code\" when \
                     Ion's registration page shows \"Authorization code\" (every application registered today)."
                .to_owned(),
        }),
    }
}

fn parse_scope(value: Option<&str>) -> Result<String, ConfigError> {
    let Some(value) = non_empty(value) else {
        return Ok(DEFAULT_SCOPE.to_owned());
    };
    // RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
    let valid_token = |token: &str| token.bytes().all(|b| b == 0x21 || (0x23..=0x5b).contains(&b) || (0x5d..=0x7e).contains(&b));
    let tokens: Vec<&str> = value.split(' ').filter(|token| !token.is_empty()).collect();
    if !tokens.iter().all(|token| valid_token(token)) {
        return Err(ConfigError::Invalid {
            setting: SCOPE_SETTING,
            value: value.to_owned(),
            reason: "scopes are separated by single spaces and may not contain quotes, backslashes or other characters \
                     outside printable ASCII. Ion offers read, write, openid, profile, email and groups."
                .to_owned(),
        });
    }
    Ok(tokens.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("http://127.0.0.1:8080/app/?tab=1#top").unwrap()
    }

    fn settings(ion_url: &str, client_id: &str) -> RawSettings {
        RawSettings {
            ion_url: Some(ion_url.into()),
            client_id: Some(client_id.into()),
            ..RawSettings::default()
        }
    }

    #[test]
    fn valid_settings_use_defaults() {
        let config = Config::from_settings(&settings("https://ion.tjhsst.edu", "abc123"), &page()).unwrap();
        assert_eq!(config.ion_base.as_str(), "https://ion.tjhsst.edu/");
        assert_eq!(config.client_id, "abc123");
        assert_eq!(config.redirect_uri.as_str(), "http://127.0.0.1:8080/app/");
        assert_eq!(config.scope, "read");
    }

    #[test]
    fn ion_url_gets_trailing_slash_and_keeps_path() {
        let config = Config::from_settings(&settings("http://127.0.0.1:8000/ion", "abc"), &page()).unwrap();
        assert_eq!(config.ion_endpoint("oauth/authorize/").as_str(), "http://127.0.0.1:8000/ion/oauth/authorize/");
        assert_eq!(config.ion_origin(), "http://127.0.0.1:8000");
    }

    #[test]
    fn missing_ion_url_names_setting() {
        let raw = RawSettings { client_id: Some("abc".into()), ..RawSettings::default() };
        let error = Config::from_settings(&raw, &page()).unwrap_err();
        assert!(matches!(error, ConfigError::Missing { setting: ION_URL_SETTING, .. }));
        assert!(error.to_string().contains("ion-pages:ion-url"));
    }

    #[test]
    fn blank_client_id_is_missing() {
        let error = Config::from_settings(&settings("https://ion.tjhsst.edu", "   "), &page()).unwrap_err();
        assert!(matches!(error, ConfigError::Missing { setting: CLIENT_ID_SETTING, .. }));
    }

    #[test]
    fn invalid_ion_urls_are_rejected() {
        for value in ["ion.tjhsst.edu", "ftp://ion.tjhsst.edu", "https://ion.tjhsst.edu/?x=1", "https://u:p@ion.tjhsst.edu"] {
            let error = Config::from_settings(&settings(value, "abc"), &page()).unwrap_err();
            match error {
                ConfigError::Invalid { setting, value: shown, .. } => {
                    assert_eq!(setting, ION_URL_SETTING);
                    assert_eq!(shown, value);
                }
                other => panic!("{value}: expected Invalid, got {other:?}"),
            }
        }
    }

    #[test]
    fn client_id_with_space_is_invalid() {
        let error = Config::from_settings(&settings("https://ion.tjhsst.edu", "abc def"), &page()).unwrap_err();
        assert!(matches!(error, ConfigError::Invalid { setting: CLIENT_ID_SETTING, .. }));
    }

    #[test]
    fn redirect_uri_with_fragment_is_invalid() {
        let mut raw = settings("https://ion.tjhsst.edu", "abc");
        raw.redirect_uri = Some("http://127.0.0.1:8080/#cb".into());
        let error = Config::from_settings(&raw, &page()).unwrap_err();
        assert!(matches!(error, ConfigError::Invalid { setting: REDIRECT_URI_SETTING, .. }));
    }

    #[test]
    fn redirect_uri_on_other_origin_is_invalid() {
        let mut raw = settings("https://ion.tjhsst.edu", "abc");
        raw.redirect_uri = Some("https://evil.example/".into());
        let error = Config::from_settings(&raw, &page()).unwrap_err();
        assert!(matches!(error, ConfigError::Invalid { setting: REDIRECT_URI_SETTING, .. }));
    }

    #[test]
    fn configured_redirect_uri_is_kept_exactly() {
        let mut raw = settings("https://ion.tjhsst.edu", "abc");
        raw.redirect_uri = Some("http://127.0.0.1:8080/app/callback?x=1".into());
        let config = Config::from_settings(&raw, &page()).unwrap();
        assert_eq!(config.redirect_uri.as_str(), "http://127.0.0.1:8080/app/callback?x=1");
    }

    #[test]
    fn page_from_file_is_reported() {
        let file_page = Url::parse("file:///home/student/dist/index.html").unwrap();
        let error = Config::from_settings(&settings("https://ion.tjhsst.edu", "abc"), &file_page).unwrap_err();
        assert!(matches!(error, ConfigError::OpenedFromFile { .. }));
        assert!(error.to_string().contains("http.server"));
    }

    #[test]
    fn policy_must_allow_ion() {
        let mut raw = settings("https://ion.tjhsst.edu", "abc");
        raw.content_security_policy = Some("default-src 'none'; connect-src 'self' http://127.0.0.1:8000".into());
        let error = Config::from_settings(&raw, &page()).unwrap_err();
        assert_eq!(error, ConfigError::PolicyBlocksIon { ion_origin: "https://ion.tjhsst.edu".into() });
        assert!(error.to_string().contains("connect-src"));
    }

    #[test]
    fn policy_checks_follow_csp_rules() {
        let ion = "https://ion.tjhsst.edu";
        assert!(policy_allows_connection("connect-src 'self' https://ion.tjhsst.edu", ion));
        assert!(policy_allows_connection("connect-src https://ion.tjhsst.edu/", ion));
        assert!(policy_allows_connection("default-src *", ion));
        assert!(policy_allows_connection("script-src 'self'", ion));
        assert!(!policy_allows_connection("default-src 'self'", ion));
        assert!(!policy_allows_connection("default-src *; connect-src 'self'", ion));
        assert!(!policy_allows_connection("connect-src https://ion.tjhsst.edu.evil.example", ion));
    }

    #[test]
    fn grant_defaults_to_implicit() {
        let config = Config::from_settings(&settings("https://ion.tjhsst.edu", "abc"), &page()).unwrap();
        assert_eq!(config.grant, Grant::Implicit);
    }

    #[test]
    fn grant_code_is_accepted_and_others_rejected() {
        let mut raw = settings("https://ion.tjhsst.edu", "abc");
        raw.grant = Some("code".into());
        assert_eq!(Config::from_settings(&raw, &page()).unwrap().grant, Grant::Code);
        raw.grant = Some("password".into());
        let error = Config::from_settings(&raw, &page()).unwrap_err();
        assert!(matches!(error, ConfigError::Invalid { setting: GRANT_SETTING, .. }));
    }

    #[test]
    fn scope_is_normalised_and_checked() {
        let mut raw = settings("https://ion.tjhsst.edu", "abc");
        raw.scope = Some("  read   write ".into());
        assert_eq!(Config::from_settings(&raw, &page()).unwrap().scope, "read write");
        raw.scope = Some("read \"write\"".into());
        let error = Config::from_settings(&raw, &page()).unwrap_err();
        assert!(matches!(error, ConfigError::Invalid { setting: SCOPE_SETTING, .. }));
    }
}
