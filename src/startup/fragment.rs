//! Changes of the address's fragment after start-up: a new view, or an
//! authorization response pasted into the address bar of an open tab, which
//! changes only the fragment and so arrives without a page load.

use crate::auth::callback::{complete_sign_in, CallbackOutcome};
use crate::auth::redirect::{parse_redirect, without_response};
use crate::browser::{clock, location, storage};
use crate::config::Config;
use crate::route::Route;

/// The content of a changed fragment.
pub(crate) enum FragmentChange {
    /// The view the fragment names.
    Route(Route),
    /// An authorization response, already removed from the address bar, with
    /// the sentence to show when it was rejected.
    Response(Option<String>),
}

/// Reads the current fragment. A response is removed from the address bar at
/// once, which then names `current`, the view shown, again. The response is
/// checked like any other. Every real sign-in returns through a full page
/// load, so a pasted response matches no pending attempt of this page.
pub(crate) fn read_fragment_change(config: &Config, current: &Route) -> Option<FragmentChange> {
    let page_url = location::current_url()?;
    let Some(answer) = parse_redirect(None, page_url.fragment()) else {
        return Some(FragmentChange::Route(Route::parse(page_url.fragment())));
    };
    let mut clean_url = without_response(&page_url);
    clean_url.set_fragment(current.fragment().strip_prefix('#'));
    if let Err(error) = location::replace_url(&clean_url) {
        log::error!("The authorization response could not be removed from the address bar: {error}");
    }
    let callback = complete_sign_in(answer, |state| storage::take_pending(config, state), &config.scope, clock::now_ms());
    let rejection = match callback.outcome {
        CallbackOutcome::Rejected(rejection) => {
            log::warn!("An authorization response arrived in an open page and was rejected: {rejection}");
            Some(rejection.to_string())
        }
        _ => None,
    };
    Some(FragmentChange::Response(rejection))
}
