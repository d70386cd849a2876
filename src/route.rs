//! The views and their addresses. Routes live in the fragment (`#/today`),
//! so the app needs no server-side rewrite on any static host, and the
//! return path kept with a sign-in attempt brings the user back to the view.

/// One view of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Profile,
    /// Another user's profile, by id or username.
    Person(String),
    Today,
    Eighth,
    Announcements { page: u32 },
    Search(String),
    Explorer(String),
    /// An app address (`#/…`) that names no view, kept as written (without
    /// `#/`) to show it back to the user.
    NotFound(String),
}

impl Route {
    /// Reads a fragment such as `/announcements?page=2` (without `#`).
    /// An empty fragment is the default view. So is one that does not start
    /// with `/`, because it may be an anchor of a page the app is embedded
    /// in. An unknown path after `/` is [`Route::NotFound`].
    pub fn parse(fragment: Option<&str>) -> Route {
        let fragment = fragment.unwrap_or("");
        let is_app_address = fragment.starts_with('/');
        let fragment = fragment.trim_start_matches('/');
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let parameter = |name: &str| {
            url::form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == name).map(|(_, value)| value.into_owned())
        };
        let mut segments = path.split('/');
        match (segments.next().unwrap_or(""), segments.next()) {
            ("people", Some(user)) if !user.is_empty() => Route::Person(percent_decode(user)),
            ("today", _) => Route::Today,
            ("eighth", _) => Route::Eighth,
            ("announcements", _) => Route::Announcements {
                page: parameter("page").and_then(|page| page.parse().ok()).filter(|page| *page >= 1).unwrap_or(1),
            },
            ("search", _) => Route::Search(parameter("q").unwrap_or_default()),
            ("explorer", _) => Route::Explorer(parameter("path").unwrap_or_else(|| "api".to_owned())),
            ("" | "profile", _) => Route::Profile,
            _ if is_app_address => Route::NotFound(percent_decode(fragment)),
            _ => Route::Profile,
        }
    }

    /// The fragment for this route, starting with `#`.
    pub fn fragment(&self) -> String {
        let query = |name: &str, value: &str| {
            url::form_urlencoded::Serializer::new(String::new()).append_pair(name, value).finish()
        };
        match self {
            Route::Profile => "#/profile".to_owned(),
            Route::Person(user) => format!("#/people/{}", query("", user).trim_start_matches('=')),
            Route::Today => "#/today".to_owned(),
            Route::Eighth => "#/eighth".to_owned(),
            Route::Announcements { page } => format!("#/announcements?page={page}"),
            Route::Search(text) => format!("#/search?{}", query("q", text)),
            Route::Explorer(path) => format!("#/explorer?{}", query("path", path)),
            Route::NotFound(path) => format!("#/{path}"),
        }
    }

    /// Whether the view needs a signed-in user. The schedule is open on Ion.
    pub fn needs_sign_in(&self) -> bool {
        !matches!(self, Route::Today)
    }
}

fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={text}").as_bytes()).next().map(|(_, value)| value.into_owned()).unwrap_or_default()
}

/// Checks a path typed into the API explorer: relative, under `api`, with no
/// way to climb out of it. Returns it without a leading slash.
///
/// # Errors
/// The sentence to show next to the input.
pub fn explorer_path(input: &str) -> Result<String, String> {
    let path = input.trim().trim_start_matches('/');
    let (route, _) = path.split_once('?').unwrap_or((path, ""));
    if path.is_empty() {
        return Err("Type a path under /api, such as /api/profile.".to_owned());
    }
    if path.contains("://") || path.starts_with('/') || path.contains('\\') || path.contains('#') {
        return Err(format!("\"{input}\" is not a path on Ion. Type a path such as /api/profile."));
    }
    if !(route == "api" || route.starts_with("api/")) {
        return Err(format!("\"{input}\" is outside /api. The explorer only reads Ion's API."));
    }
    if route.split('/').any(|segment| segment == ".." || segment == "." || segment.to_ascii_lowercase().contains("%2e")) {
        return Err(format!("\"{input}\" climbs out of /api with \"..\", which the explorer does not allow."));
    }
    Ok(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        for route in [
            Route::Profile,
            Route::Person("2027jdoe".into()),
            Route::Person("Zoë Ñ".into()),
            Route::Today,
            Route::Eighth,
            Route::Announcements { page: 3 },
            Route::Search("jane doe".into()),
            Route::Explorer("api/blocks?page=2".into()),
        ] {
            let fragment = route.fragment();
            assert_eq!(Route::parse(fragment.strip_prefix('#')), route, "{fragment}");
        }
    }

    #[test]
    fn unknown_fragment_is_profile() {
        assert_eq!(Route::parse(None), Route::Profile);
        assert_eq!(Route::parse(Some("")), Route::Profile);
        assert_eq!(Route::parse(Some("/")), Route::Profile);
        assert_eq!(Route::parse(Some("/profile")), Route::Profile);
        assert_eq!(Route::parse(Some("section-2")), Route::Profile);
        assert_eq!(Route::parse(Some("/announcements?page=0")), Route::Announcements { page: 1 });
    }

    #[test]
    fn unknown_app_address_is_not_found() {
        assert_eq!(Route::parse(Some("/nonexistent")), Route::NotFound("nonexistent".into()));
        assert_eq!(Route::parse(Some("/people")), Route::NotFound("people".into()));
        assert_eq!(Route::parse(Some("/Today")), Route::NotFound("Today".into()));
        assert_eq!(Route::parse(Some("/caf%C3%A9?x=1")), Route::NotFound("café?x=1".into()));
    }

    #[test]
    fn explorer_paths_stay_under_api() {
        assert_eq!(explorer_path("/api/profile"), Ok("api/profile".into()));
        assert_eq!(explorer_path("api/blocks?page=2"), Ok("api/blocks?page=2".into()));
        for bad in ["", "https://evil.example/api", "//evil.example/api", "oauth/token/", "api/../oauth/token/", "api/%2e%2e/x", "api\\x"] {
            assert!(explorer_path(bad).is_err(), "{bad}");
        }
    }
}
