use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use web_sys::RequestMode;

use super::error::{classify_failure, ApiError};
use super::models::{
    ActivityDetail, ActivitySummary, Announcement, ApiRoot, Block, BlockDetail, Paginated, Profile,
    ScheduleDay, SearchResult, Signup,
};
use crate::auth::session::Session;
use crate::auth::state::AuthState;
use leptos::prelude::GetUntracked;
use crate::browser::clock;
use crate::config::Config;

/// Calls Ion's API. Built with a session, it sends the Bearer token with
/// every request; built with [`IonClient::anonymous`], it can only reach the
/// endpoints Ion leaves open (`/api`, `/api/schedule…`, `/api/emerg`).
///
/// Requests carry no cookies (`credentials: "omit"` is the fetch default for
/// cross-origin requests), so Ion judges them by the token alone.
#[derive(Clone)]
pub struct IonClient {
    config: Config,
    session: Option<Session>,
    page_origin: String,
    /// Aborts every request of this client when its view goes away.
    abort: Option<web_sys::AbortSignal>,
    /// When set, the session is read from here at each request, so a view
    /// keeps working after the session was renewed.
    live: Option<leptos::prelude::RwSignal<AuthState>>,
}

/// An unprocessed response, for the API explorer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    pub status: u16,
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl IonClient {
    pub fn new(config: Config, session: Session, page_origin: String) -> Self {
        Self { config, session: Some(session), page_origin, abort: None, live: None }
    }

    /// Builds a client without a token, for Ion's open endpoints.
    pub fn anonymous(config: Config, page_origin: String) -> Self {
        Self { config, session: None, page_origin, abort: None, live: None }
    }

    /// Builds a client that sends the token of the session `auth` contains at
    /// the time of each request, and none when signed out.
    pub fn live(config: Config, auth: leptos::prelude::RwSignal<AuthState>, page_origin: String) -> Self {
        Self { config, session: None, page_origin, abort: None, live: Some(auth) }
    }

    /// Returns the same client, with every request aborted when `signal` fires.
    pub fn with_abort(mut self, signal: web_sys::AbortSignal) -> Self {
        self.abort = Some(signal);
        self
    }

    /// Sends a `GET` of any path under Ion's base URL and returns the response
    /// whatever its status, for the API explorer.
    ///
    /// # Errors
    /// Only failures without a response (network, CORS, expiry).
    pub async fn get_raw(&self, path: &str) -> Result<RawResponse, ApiError> {
        // JSON first, anything else after it, because the picture endpoint
        // returns 406 to a request that accepts only JSON.
        let response = self.request(path, "application/json, */*;q=0.8").await?;
        let headers: Vec<(String, String)> = response.headers().entries().collect();
        let content_type = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map(|(_, value)| value.clone())
            .unwrap_or_default();
        let bytes = response.binary().await.unwrap_or_default();
        let body = if content_type.contains("json") || content_type.starts_with("text/") {
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            format!("({} bytes of {content_type}, not shown)", bytes.len())
        };
        Ok(RawResponse { status: response.status(), status_text: response.status_text(), headers, body })
    }

    /// `GET /api/profile`: the signed-in user.
    ///
    /// # Errors
    /// Any [`ApiError`]; `NotAuthenticated` means the token is no longer valid.
    pub async fn profile(&self) -> Result<Profile, ApiError> {
        self.get_json("api/profile").await
    }

    /// Reads the response to the `GET /api/profile` that start-up sent before
    /// the client existed (see `startup::prefetch_profile`), like
    /// [`IonClient::profile`] reads its own.
    ///
    /// # Errors
    /// Any [`ApiError`]; `NotAuthenticated` means the token is no longer valid.
    pub async fn profile_prefetched(&self, sent: js_sys::Promise) -> Result<Profile, ApiError> {
        const PATH: &str = "api/profile";
        let sent = crate::browser::fetch::response(sent)
            .await
            .map(gloo_net::http::Response::from)
            .map_err(|error| crate::browser::crypto::describe(&error));
        let response = self.arrived(PATH, sent).await?;
        decode(PATH, self.check_status(PATH, response).await?).await
    }

    /// `GET /api`: the route index (open, but sent with the token like every call).
    pub async fn api_root(&self) -> Result<ApiRoot, ApiError> {
        self.get_json("api").await
    }

    /// `GET /api/profile/<id or username>`.
    pub async fn profile_of(&self, user: &str) -> Result<Profile, ApiError> {
        self.get_json(&format!("api/profile/{}", path_segment(user))).await
    }

    /// `GET /api/profile/<id>/picture`: the photo's bytes. Ion labels them
    /// `image/jpeg` even when it sends its default PNG picture.
    pub async fn picture(&self, user_id: u64) -> Result<Vec<u8>, ApiError> {
        let response = self.send(&format!("api/profile/{user_id}/picture"), "image/*").await?;
        response.binary().await.map_err(|error| ApiError::Decode(error.to_string()))
    }

    /// `GET /api/search/<query>`, first page.
    pub async fn search(&self, query: &str) -> Result<Paginated<SearchResult>, ApiError> {
        self.get_json(&format!("api/search/{}", path_segment(query))).await
    }

    /// `GET /api/announcements?page=<page>` (pages start at 1).
    pub async fn announcements(&self, page: u32) -> Result<Paginated<Announcement>, ApiError> {
        self.get_json(&format!("api/announcements?page={page}")).await
    }

    pub async fn announcement(&self, id: u64) -> Result<Announcement, ApiError> {
        self.get_json(&format!("api/announcements/{id}")).await
    }

    /// `GET /api/blocks?start_date=<YYYY-MM-DD>`: blocks from that date on.
    pub async fn blocks_from(&self, start_date: &str) -> Result<Paginated<Block>, ApiError> {
        self.get_json(&format!("api/blocks?start_date={}", path_segment(start_date))).await
    }

    pub async fn block(&self, id: u64) -> Result<BlockDetail, ApiError> {
        self.get_json(&format!("api/blocks/{id}")).await
    }

    pub async fn activities(&self) -> Result<Paginated<ActivitySummary>, ApiError> {
        self.get_json("api/activities").await
    }

    pub async fn activity(&self, id: u64) -> Result<ActivityDetail, ApiError> {
        self.get_json(&format!("api/activities/{id}")).await
    }

    /// `GET /api/signups/user`: the user's signups this school year.
    pub async fn signups(&self) -> Result<Vec<Signup>, ApiError> {
        self.get_json("api/signups/user").await
    }

    /// `GET /api/schedule/<YYYY-MM-DD>`. Ion makes up a "NO SCHOOL" day when
    /// none is stored.
    pub async fn schedule_day(&self, date: &str) -> Result<ScheduleDay, ApiError> {
        self.get_json(&format!("api/schedule/{}", path_segment(date))).await
    }

    /// Follows `next` links from `first` and returns every result, up to
    /// `max_pages` pages.
    ///
    /// # Errors
    /// The first failing page, or `Decode` when a `next` link leaves Ion's
    /// origin: the token is never sent anywhere else.
    pub async fn all_pages<T: DeserializeOwned>(&self, first: Paginated<T>, max_pages: usize) -> Result<Vec<T>, ApiError> {
        let mut results = first.results;
        let mut next = first.next;
        let mut pages = 1;
        while let Some(link) = next {
            if pages >= max_pages {
                break;
            }
            let path = self.path_on_ion(&link)?;
            let page: Paginated<T> = self.get_json(&path).await?;
            results.extend(page.results);
            next = page.next;
            pages += 1;
        }
        Ok(results)
    }

    /// Turns an absolute link from an Ion response into a path relative to
    /// Ion's base URL, after checking that it points at Ion.
    fn path_on_ion(&self, link: &str) -> Result<String, ApiError> {
        let url = url::Url::parse(link).map_err(|_| ApiError::Decode(format!("Ion sent the invalid link {link}")))?;
        relative_to(&self.config.ion_base, &url)
            .ok_or_else(|| ApiError::Decode(format!("Ion sent a link to another server ({link}); it was not followed")))
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        decode(path, self.send(path, "application/json").await?).await
    }

    /// Sends a GET and maps every non-2xx response to an [`ApiError`].
    async fn send(&self, path: &str, accept: &str) -> Result<gloo_net::http::Response, ApiError> {
        let response = self.request(path, accept).await?;
        self.check_status(path, response).await
    }

    /// Maps a non-2xx response to an [`ApiError`].
    async fn check_status(
        &self,
        path: &str,
        response: gloo_net::http::Response,
    ) -> Result<gloo_net::http::Response, ApiError> {
        let status = response.status();
        if !(200..300).contains(&status) {
            let body = response.text().await.unwrap_or_default();
            let error = classify_failure(status, &body, &self.config.ion_origin());
            log::warn!("GET {path} returned {status}: {error}");
            return Err(error);
        }
        Ok(response)
    }

    /// The one place a request to Ion's API is sent: checks expiry and adds
    /// the Bearer header when there is a session.
    async fn request(&self, path: &str, accept: &str) -> Result<gloo_net::http::Response, ApiError> {
        let mut request = Request::get(self.config.ion_endpoint(path).as_str()).header("Accept", accept);
        let live_session = self.live.and_then(|auth| match auth.get_untracked() {
            AuthState::SignedIn(session) => Some(session),
            _ => None,
        });
        if let Some(session) = live_session.as_ref().or(self.session.as_ref()) {
            if session.is_expired(clock::now_ms()) {
                return Err(ApiError::SessionExpired);
            }
            request = request.header("Authorization", &format!("Bearer {}", session.access_token.secret()));
        }
        let request = request.abort_signal(self.abort.as_ref());
        let sent = request.send().await.map_err(|error| error.to_string());
        self.arrived(path, sent).await
    }

    /// Explains a request that got no response (see [`diagnose_failed_request`]).
    async fn arrived(
        &self,
        path: &str,
        sent: Result<gloo_net::http::Response, String>,
    ) -> Result<gloo_net::http::Response, ApiError> {
        match sent {
            Ok(response) => Ok(response),
            Err(_) if self.abort.as_ref().is_some_and(web_sys::AbortSignal::aborted) => Err(ApiError::Cancelled),
            Err(error) => {
                log::warn!("GET {path} failed before a response arrived: {error}");
                Err(diagnose_failed_api_request(&self.config, &self.page_origin).await)
            }
        }
    }
}

/// Decodes a successful response's JSON body.
async fn decode<T: DeserializeOwned>(path: &str, response: gloo_net::http::Response) -> Result<T, ApiError> {
    response.json::<T>().await.map_err(|error| {
        log::warn!("GET {path} sent a body that did not decode: {error}");
        ApiError::Decode(error.to_string())
    })
}

/// Percent-encodes one path segment (a username, a search query, a date).
fn path_segment(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>().replace('+', "%20")
}

/// The path and query of `link` relative to `base`, when `link` is on the
/// same origin and under the same path.
pub(crate) fn relative_to(base: &url::Url, link: &url::Url) -> Option<String> {
    if link.origin() != base.origin() {
        return None;
    }
    let relative = link.path().strip_prefix(base.path())?;
    Some(match link.query() {
        Some(query) => format!("{relative}?{query}"),
        None => relative.to_owned(),
    })
}

/// Tells a CORS refusal from an unreachable server after a request failed in
/// the browser. The browser hides the reason of a failed CORS request, but a
/// `no-cors` request to the same server still completes (with an unreadable
/// response) when the server is up.
///
/// NOTE: a connection that drops once while Ion is up also reads as a CORS
/// refusal here. Requests under `/api` check for that first, in
/// `diagnose_failed_api_request`. The token and revocation requests do not,
/// because CORS on `/oauth/` can differ from `/api` (django-oauth-toolkit's
/// per-application allowed origins).
pub async fn diagnose_failed_request(config: &Config, page_origin: &str) -> ApiError {
    let probe = RequestBuilder::new(config.ion_endpoint("api").as_str()).mode(RequestMode::NoCors).send().await;
    let ion_origin = config.ion_origin();
    match probe {
        Ok(_) => ApiError::OriginNotAllowed { ion_origin, page_origin: page_origin.to_owned() },
        Err(_) => ApiError::Unreachable { ion_origin },
    }
}

/// Explains a request under `/api` that failed in the browser. When a CORS
/// request to Ion's open `GET /api` now succeeds, Ion is up and lets this
/// origin read its responses, so the connection dropped and a retry may work.
/// Otherwise the cause is the one [`check_origin_allowed`] finds.
async fn diagnose_failed_api_request(config: &Config, page_origin: &str) -> ApiError {
    match check_origin_allowed(config, page_origin).await {
        Ok(()) => ApiError::Interrupted { ion_origin: config.ion_origin() },
        Err(error) => error,
    }
}

/// Checks whether Ion lets this origin read its responses, with the open
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
            log::warn!("The revocation request failed before a response arrived: {error}");
            Err(diagnose_failed_request(config, page_origin).await)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    #[test]
    fn next_link_on_ion_becomes_relative() {
        let base = Url::parse("http://127.0.0.1:8000/").unwrap();
        let link = Url::parse("http://127.0.0.1:8000/api/announcements?page=2").unwrap();
        assert_eq!(relative_to(&base, &link).as_deref(), Some("api/announcements?page=2"));
    }

    #[test]
    fn next_link_elsewhere_is_refused() {
        let base = Url::parse("http://127.0.0.1:8000/ion/").unwrap();
        for link in ["http://evil.example/api/x", "http://127.0.0.1:8001/ion/api", "http://127.0.0.1:8000/other/api"] {
            assert_eq!(relative_to(&base, &Url::parse(link).unwrap()), None, "{link}");
        }
    }

    #[test]
    fn path_segment_encodes_reserved_characters() {
        assert_eq!(path_segment("a b/c?d#é"), "a%20b%2Fc%3Fd%23%C3%A9");
    }
}
