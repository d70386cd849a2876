//! Where the user returns after signing in: the page where sign-in started,
//! kept with the attempt and never taken from the response.

use url::Url;

/// The part of `page` to return to: path, query and fragment.
pub fn return_path(page: &Url) -> String {
    let mut path = page.path().to_owned();
    if let Some(query) = page.query() {
        path.push('?');
        path.push_str(query);
    }
    if let Some(fragment) = page.fragment() {
        path.push('#');
        path.push_str(fragment);
    }
    path
}

/// Resolves a stored return path against the page's own address. Returns
/// `None` unless the result stays on the page's origin, so that a tampered
/// value (`//evil.example`, `https://…`) cannot send the user elsewhere.
pub fn resolve_return_path(page: &Url, stored: &str) -> Option<Url> {
    if !stored.starts_with('/') || stored.starts_with("//") || stored.starts_with("/\\") {
        return None;
    }
    let target = page.join(stored).ok()?;
    (target.origin() == page.origin()).then_some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("http://127.0.0.1:8080/site/").unwrap()
    }

    #[test]
    fn return_path_keeps_query_and_fragment() {
        let url = Url::parse("http://127.0.0.1:8080/site/?tab=2#/announcements").unwrap();
        assert_eq!(return_path(&url), "/site/?tab=2#/announcements");
    }

    #[test]
    fn same_origin_path_resolves() {
        let target = resolve_return_path(&page(), "/site/?tab=2#/x").unwrap();
        assert_eq!(target.as_str(), "http://127.0.0.1:8080/site/?tab=2#/x");
    }

    #[test]
    fn foreign_targets_are_rejected() {
        for stored in ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "", "site/"] {
            assert_eq!(resolve_return_path(&page(), stored), None, "{stored}");
        }
    }
}
