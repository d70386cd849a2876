use super::*;

/// The expected outcome of a case, in a form that is easy to write in a table.
#[derive(Debug, PartialEq)]
enum Expected {
    Nothing,
    Token { token: &'static str, expires_in: u64, scope: Option<&'static str>, state: Option<&'static str> },
    Error { code: &'static str, description: Option<&'static str>, state: Option<&'static str> },
    Code { code: &'static str, state: Option<&'static str> },
    Rejected(RedirectError),
}

fn run(query: Option<&str>, fragment: Option<&str>) -> Expected {
    match parse_redirect(query, fragment) {
        None => Expected::Nothing,
        Some(Err(error)) => Expected::Rejected(error),
        Some(Ok(AuthorizationResponse::Token(answer))) => Expected::Token {
            token: Box::leak(answer.access_token.secret().to_owned().into_boxed_str()),
            expires_in: answer.expires_in_secs,
            scope: answer.scope.map(|s| &*Box::leak(s.into_boxed_str())),
            state: answer.state.map(|s| &*Box::leak(s.secret().to_owned().into_boxed_str())),
        },
        Some(Ok(AuthorizationResponse::Code(answer))) => Expected::Code {
            code: Box::leak(answer.code.secret().to_owned().into_boxed_str()),
            state: answer.state.map(|s| &*Box::leak(s.secret().to_owned().into_boxed_str())),
        },
        Some(Ok(AuthorizationResponse::Error(answer))) => Expected::Error {
            code: Box::leak(answer.error.as_str().to_owned().into_boxed_str()),
            description: answer.description.map(|s| &*Box::leak(s.into_boxed_str())),
            state: answer.state.map(|s| &*Box::leak(s.secret().to_owned().into_boxed_str())),
        },
    }
}

fn token(token: &'static str, expires_in: u64, scope: Option<&'static str>, state: Option<&'static str>) -> Expected {
    Expected::Token { token, expires_in, scope, state }
}

fn error(code: &'static str, description: Option<&'static str>, state: Option<&'static str>) -> Expected {
    Expected::Error { code, description, state }
}

#[test]
fn redirect_parser_table() {
    let long_token = "a".repeat(MAX_VALUE_LEN + 1);
    let long_fragment = format!("access_token={long_token}&token_type=Bearer&state=s");
    let long_state = format!("access_token=t&token_type=Bearer&state={}", "s".repeat(MAX_VALUE_LEN + 1));
    let many_unknown = format!("{}access_token=t&token_type=Bearer&state=s", "x=1&".repeat(5000));

    let cases: Vec<(&str, Option<&str>, Option<&str>, Expected)> = vec![
        // Ordinary visits.
        ("no query or fragment", None, None, Expected::Nothing),
        ("empty parts", Some(""), Some(""), Expected::Nothing),
        ("unrelated query", Some("tab=profile&x=1"), None, Expected::Nothing),
        ("unrelated fragment", None, Some("section-2"), Expected::Nothing),
        // Well-formed responses, in Ion's exact order.
        (
            "ion fragment",
            None,
            Some("access_token=AbC123xyz&expires_in=36000&token_type=Bearer&scope=read+write&state=st4te"),
            token("AbC123xyz", 36000, Some("read write"), Some("st4te")),
        ),
        (
            "parameters in another order",
            None,
            Some("state=s&scope=read&token_type=Bearer&expires_in=10&access_token=t"),
            token("t", 10, Some("read"), Some("s")),
        ),
        ("token type lowercase", None, Some("access_token=t&token_type=bearer&state=s"), token("t", 36000, None, Some("s"))),
        ("token type uppercase", None, Some("access_token=t&token_type=BEARER&state=s"), token("t", 36000, None, Some("s"))),
        ("missing expires_in defaults", None, Some("access_token=t&token_type=Bearer"), token("t", 36000, None, None)),
        ("zero expires_in", None, Some("access_token=t&token_type=Bearer&expires_in=0"), token("t", 0, None, None)),
        (
            "huge expires_in is capped",
            None,
            Some("access_token=t&token_type=Bearer&expires_in=99999999999999999"),
            token("t", MAX_EXPIRES_IN_SECS, None, None),
        ),
        (
            "percent-encoded scope",
            None,
            Some("access_token=t&token_type=Bearer&scope=read%20write%20openid&state=s"),
            token("t", 36000, Some("read write openid"), Some("s")),
        ),
        (
            "percent-encoded state",
            None,
            Some("access_token=t&token_type=Bearer&state=a%2Bb%3Dc"),
            token("t", 36000, None, Some("a+b=c")),
        ),
        ("plus in state is a space", None, Some("access_token=t&token_type=Bearer&state=a+b"), token("t", 36000, None, Some("a b"))),
        (
            "token with b64 characters",
            None,
            Some("access_token=ab-._~%2B%2Fcd%3D%3D&token_type=Bearer"),
            token("ab-._~+/cd==", 36000, None, None),
        ),
        (
            "unknown parameters ignored",
            None,
            Some("access_token=t&token_type=Bearer&foo=bar&foo=baz&state=s"),
            token("t", 36000, None, Some("s")),
        ),
        ("empty pairs ignored", None, Some("&&access_token=t&&token_type=Bearer&&"), token("t", 36000, None, None)),
        (
            "unrelated query kept beside fragment token",
            Some("tab=1"),
            Some("access_token=t&token_type=Bearer&state=s"),
            token("t", 36000, None, Some("s")),
        ),
        ("many unknown parameters", None, Some(many_unknown.as_str()), token("t", 36000, None, Some("s"))),
        // Errors, where Ion puts them (query) and where RFC 6749 puts them (fragment).
        ("access denied in query", Some("error=access_denied&state=s"), None, error("access_denied", None, Some("s"))),
        ("invalid scope in query", Some("error=invalid_scope&state=s"), None, error("invalid_scope", None, Some("s"))),
        (
            "unauthorized client in query",
            Some("error=unauthorized_client&state=s"),
            None,
            error("unauthorized_client", None, Some("s")),
        ),
        (
            "error in fragment with description",
            None,
            Some("error=server_error&error_description=Try+again+%3Cb%3Elater%3C%2Fb%3E&state=s"),
            error("server_error", Some("Try again <b>later</b>"), Some("s")),
        ),
        ("unknown error code", Some("error=slow_down&state=s"), None, error("slow_down", None, Some("s"))),
        ("error without state", Some("error=access_denied"), None, error("access_denied", None, None)),
        ("empty description dropped", Some("error=access_denied&error_description="), None, error("access_denied", None, None)),
        (
            "error wins over token in same part",
            None,
            Some("access_token=t&token_type=Bearer&error=access_denied&state=s"),
            error("access_denied", None, Some("s")),
        ),
        // Missing pieces.
        ("state alone", None, Some("state=s"), Expected::Rejected(RedirectError::MissingAccessToken)),
        ("empty token", None, Some("access_token=&token_type=Bearer"), Expected::Rejected(RedirectError::MissingAccessToken)),
        ("no token type", None, Some("access_token=t&state=s"), Expected::Rejected(RedirectError::MissingTokenType)),
        (
            "mac token type",
            None,
            Some("access_token=t&token_type=mac"),
            Expected::Rejected(RedirectError::UnsupportedTokenType("mac".into())),
        ),
        (
            "empty token type",
            None,
            Some("access_token=t&token_type="),
            Expected::Rejected(RedirectError::UnsupportedTokenType(String::new())),
        ),
        (
            "negative expires_in",
            None,
            Some("access_token=t&token_type=Bearer&expires_in=-5"),
            Expected::Rejected(RedirectError::InvalidExpiresIn("-5".into())),
        ),
        (
            "fractional expires_in",
            None,
            Some("access_token=t&token_type=Bearer&expires_in=1.5"),
            Expected::Rejected(RedirectError::InvalidExpiresIn("1.5".into())),
        ),
        ("authorization code in query", Some("code=abc123&state=s"), None, Expected::Code { code: "abc123", state: Some("s") }),
        ("empty authorization code", Some("code=&state=s"), None, Expected::Rejected(RedirectError::InvalidCode)),
        ("code with newline", Some("code=a%0Ab&state=s"), None, Expected::Rejected(RedirectError::InvalidCode)),
        (
            "token and code together",
            None,
            Some("access_token=t&token_type=Bearer&code=c&state=s"),
            Expected::Rejected(RedirectError::UnexpectedAnswer),
        ),
        // Duplicates and conflicts.
        (
            "duplicate token",
            None,
            Some("access_token=a&access_token=b&token_type=Bearer"),
            Expected::Rejected(RedirectError::DuplicateParameter("access_token")),
        ),
        (
            "duplicate state",
            None,
            Some("access_token=a&token_type=Bearer&state=1&state=2"),
            Expected::Rejected(RedirectError::DuplicateParameter("state")),
        ),
        (
            "duplicate error",
            Some("error=access_denied&error=server_error"),
            None,
            Expected::Rejected(RedirectError::DuplicateParameter("error")),
        ),
        (
            "duplicate empty state",
            Some("error=access_denied&state=&state="),
            None,
            Expected::Rejected(RedirectError::DuplicateParameter("state")),
        ),
        (
            "answers in both parts",
            Some("error=access_denied&state=s"),
            Some("access_token=t&token_type=Bearer&state=s"),
            Expected::Rejected(RedirectError::ResponseInQueryAndFragment),
        ),
        // Hostile characters and lengths.
        (
            "token with space",
            None,
            Some("access_token=a+b&token_type=Bearer"),
            Expected::Rejected(RedirectError::InvalidAccessToken),
        ),
        (
            "token with newline",
            None,
            Some("access_token=a%0D%0AX-Evil%3A+1&token_type=Bearer"),
            Expected::Rejected(RedirectError::InvalidAccessToken),
        ),
        (
            "token of padding only",
            None,
            Some("access_token=%3D%3D&token_type=Bearer"),
            Expected::Rejected(RedirectError::InvalidAccessToken),
        ),
        ("token with non-ascii", None, Some("access_token=t%C3%A9&token_type=Bearer"), Expected::Rejected(RedirectError::InvalidAccessToken)),
        ("overlong token", None, Some(long_fragment.as_str()), Expected::Rejected(RedirectError::ValueTooLong("access_token"))),
        ("overlong state", None, Some(long_state.as_str()), Expected::Rejected(RedirectError::ValueTooLong("state"))),
        (
            "invalid percent escape kept literally",
            None,
            Some("access_token=t&token_type=Bearer&state=%zz"),
            token("t", 36000, None, Some("%zz")),
        ),
        (
            "invalid utf-8 replaced",
            Some("error=access_denied&error_description=%FF"),
            None,
            error("access_denied", Some("\u{FFFD}"), None),
        ),
        (
            "html in error code is only text",
            Some("error=%3Cscript%3E&state=s"),
            None,
            error("<script>", None, Some("s")),
        ),
    ];

    assert!(cases.len() >= 40, "the table should cover at least 40 cases");
    for (name, query, fragment, expected) in cases {
        assert_eq!(run(query, fragment), expected, "case: {name}");
    }
}

#[test]
fn parser_never_panics_on_byte_soup() {
    // A cheap deterministic sweep; the fuzz target explores further.
    let alphabet = ["=", "&", "%", "%2", "+", "#", "?", "access_token", "state", "error", "token_type", "é", "\0", "=="];
    let mut seed: u32 = 12345;
    for _ in 0..5000 {
        let mut input = String::new();
        for _ in 0..(seed % 12) {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            input.push_str(alphabet[(seed as usize >> 8) % alphabet.len()]);
        }
        let _ = parse_redirect(Some(&input), Some(&input));
        let _ = parse_redirect(None, Some(&input));
    }
}

#[test]
fn without_answer_drops_answer_fragment() {
    let page = Url::parse("http://127.0.0.1:8080/app/#access_token=t&token_type=Bearer&state=s").unwrap();
    assert_eq!(without_response(&page).as_str(), "http://127.0.0.1:8080/app/");
}

#[test]
fn without_answer_keeps_unrelated_query() {
    let page = Url::parse("http://127.0.0.1:8080/?tab=2&error=access_denied&state=s&x=y").unwrap();
    assert_eq!(without_response(&page).as_str(), "http://127.0.0.1:8080/?tab=2&x=y");
}

#[test]
fn without_answer_removes_empty_query() {
    let page = Url::parse("http://127.0.0.1:8080/?error=access_denied&state=s").unwrap();
    assert_eq!(without_response(&page).as_str(), "http://127.0.0.1:8080/");
}

#[test]
fn without_answer_keeps_plain_fragment() {
    let page = Url::parse("http://127.0.0.1:8080/?error=access_denied#section").unwrap();
    assert_eq!(without_response(&page).as_str(), "http://127.0.0.1:8080/#section");
}
