//! The one error type of the Ion client, built from Ion's failure shapes.

use std::fmt;

use serde::Deserialize;

/// The exact `detail` Ion sends with 403 for a missing, invalid, expired or
/// revoked token. DRF turns the 401 into 403 because Ion's first
/// authenticator (session) has no `WWW-Authenticate` header.
pub const NOT_AUTHENTICATED_DETAIL: &str = "Authentication credentials were not provided.";

/// A failed API call. `Display` is the sentence a person reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// Ion no longer accepts the token (expired or revoked): sign in again.
    NotAuthenticated,
    /// 403 for another reason, with Ion's explanation.
    Forbidden(String),
    /// The session passed its expiry time, so no request was sent.
    SessionExpired,
    /// Ion's same-origin check: an empty 401 for any request from another origin.
    CrossOriginBlocked { ion_origin: String },
    /// The request failed in the browser, but Ion responded to a no-cors probe:
    /// Ion does not let this origin read its responses (CORS).
    OriginNotAllowed { ion_origin: String, page_origin: String },
    /// The request failed and Ion did not respond to a probe either.
    Unreachable { ion_origin: String },
    /// The request failed in the browser, but a CORS request from this origin
    /// to Ion then succeeded. The connection dropped, and a retry may work.
    Interrupted { ion_origin: String },
    NotFound(String),
    /// Any other status, with Ion's message when it sent one.
    Status { status: u16, message: Option<String> },
    /// A 2xx response whose body is not the expected JSON.
    Decode(String),
    /// The view that sent the request went away and aborted it.
    Cancelled,
    /// The request was not sent because the user's input cannot form one;
    /// the text says what to type instead.
    InvalidInput(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotAuthenticated => f.write_str("Ion no longer accepts this sign-in (it expired or was revoked). Sign in again."),
            ApiError::SessionExpired => f.write_str("Your session expired. Sign in again."),
            ApiError::Forbidden(detail) => write!(f, "Ion rejected the request: {detail}"),
            ApiError::CrossOriginBlocked { ion_origin } => write!(
                f,
                "Ion at {ion_origin} blocks requests from this site's origin (it answered 401 with an empty body, \
                 which is Ion's same-origin check). This Ion does not allow browser apps hosted elsewhere."
            ),
            ApiError::OriginNotAllowed { ion_origin, page_origin } => write!(
                f,
                "Ion at {ion_origin} blocks requests from this site's origin ({page_origin}): it is up, but it \
                 does not let pages from this site read its answers (CORS). This Ion does not accept browser \
                 apps hosted here; retrying will not help until Ion's administrators allow this origin."
            ),
            ApiError::Unreachable { ion_origin } => write!(
                f,
                "Could not reach Ion at {ion_origin}. Check your connection and that Ion is up, then retry."
            ),
            ApiError::Interrupted { ion_origin } => write!(
                f,
                "The request to Ion at {ion_origin} failed before a response arrived, but Ion is reachable now. \
                 Retry."
            ),
            ApiError::NotFound(detail) => write!(f, "Ion has no such record: {detail}"),
            ApiError::Status { status, message: Some(message) } => write!(f, "Ion responded with HTTP {status}: {message}"),
            ApiError::Status { status, message: None } => write!(f, "Ion responded with HTTP {status}."),
            ApiError::Decode(reason) => write!(f, "Ion sent a response this app could not read: {reason}"),
            ApiError::Cancelled => f.write_str("The request was cancelled."),
            ApiError::InvalidInput(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ApiError {}

#[derive(Deserialize)]
#[serde(untagged)]
enum ErrorBody {
    Detail { detail: String },
    Details { details: Vec<String> },
    NonField { non_field_errors: Vec<String> },
    Error { error: String },
    List(Vec<String>),
}

/// Ion's message from an error body of any of its shapes: `{"detail"}`,
/// `{"details": […]}`, `{"non_field_errors": […]}`, `{"error"}` or a bare
/// array of strings.
fn message_of(body: &str) -> Option<String> {
    let message = match serde_json::from_str::<ErrorBody>(body).ok()? {
        ErrorBody::Detail { detail } => detail,
        ErrorBody::Details { details: list }
        | ErrorBody::NonField { non_field_errors: list }
        | ErrorBody::List(list) => list.join(" "),
        ErrorBody::Error { error } => error,
    };
    Some(message).filter(|message| !message.trim().is_empty())
}

/// Maps a non-2xx response to an [`ApiError`].
pub fn classify_failure(status: u16, body: &str, ion_origin: &str) -> ApiError {
    let message = message_of(body);
    match status {
        401 if body.trim().is_empty() => ApiError::CrossOriginBlocked { ion_origin: ion_origin.to_owned() },
        403 if message.as_deref() == Some(NOT_AUTHENTICATED_DETAIL) => ApiError::NotAuthenticated,
        403 => ApiError::Forbidden(message.unwrap_or_else(|| "no reason given.".to_owned())),
        404 => ApiError::NotFound(message.unwrap_or_else(|| "not found.".to_owned())),
        _ => ApiError::Status { status, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ION: &str = "http://127.0.0.1:8000";

    #[test]
    fn ion_403_detail_means_not_authenticated() {
        let error = classify_failure(403, r#"{"detail":"Authentication credentials were not provided."}"#, ION);
        assert_eq!(error, ApiError::NotAuthenticated);
    }

    #[test]
    fn other_403_is_forbidden() {
        let error = classify_failure(403, r#"{"detail":"You do not have permission to perform this action."}"#, ION);
        assert_eq!(error, ApiError::Forbidden("You do not have permission to perform this action.".into()));
    }

    #[test]
    fn empty_401_is_same_origin_block() {
        let error = classify_failure(401, "", ION);
        assert_eq!(error, ApiError::CrossOriginBlocked { ion_origin: ION.into() });
        assert!(error.to_string().contains("blocks requests from this site's origin"));
    }

    #[test]
    fn details_list_is_joined() {
        let error = classify_failure(404, r#"{"details":["Object does not exist (in database)."]}"#, ION);
        assert_eq!(error, ApiError::NotFound("Object does not exist (in database).".into()));
    }

    #[test]
    fn bare_array_is_read() {
        let error = classify_failure(400, r#"["Invalid format for date."]"#, ION);
        assert_eq!(error, ApiError::Status { status: 400, message: Some("Invalid format for date.".into()) });
    }

    #[test]
    fn non_field_errors_are_read() {
        let error = classify_failure(400, r#"{"non_field_errors":["Either scheduled_activity, or block."]}"#, ION);
        assert_eq!(error, ApiError::Status { status: 400, message: Some("Either scheduled_activity, or block.".into()) });
    }

    #[test]
    fn html_500_has_no_message() {
        let error = classify_failure(500, "<h1>Server Error (500)</h1>", ION);
        assert_eq!(error, ApiError::Status { status: 500, message: None });
        assert_eq!(error.to_string(), "Ion responded with HTTP 500.");
    }

    #[test]
    fn interrupted_request_asks_for_a_retry() {
        let text = ApiError::Interrupted { ion_origin: ION.to_owned() }.to_string();
        assert!(text.contains(ION), "{text}");
        assert!(text.ends_with("Retry."), "{text}");
    }
}
