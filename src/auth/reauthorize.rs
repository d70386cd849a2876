//! The loop breaker for automatic re-authorization: when Ion rejects the
//! token, the app signs in again by itself at most once per cooldown, so a
//! server that keeps rejecting new tokens cannot trap the browser in a loop.

/// Minimum time between two automatic re-authorizations in one tab.
pub const AUTO_REAUTHORIZE_COOLDOWN_MS: u64 = 5 * 60 * 1000;

/// Whether an automatic re-authorization may start now, given when the last
/// one started (if ever).
pub fn auto_reauthorize_allowed(last_started_ms: Option<u64>, now_ms: u64) -> bool {
    match last_started_ms {
        None => true,
        // A time in the future means the clock moved back; refuse rather
        // than risk a loop.
        Some(last) => now_ms >= last && now_ms - last >= AUTO_REAUTHORIZE_COOLDOWN_MS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_reauthorization_is_allowed() {
        assert!(auto_reauthorize_allowed(None, 0));
    }

    #[test]
    fn second_within_cooldown_is_refused() {
        assert!(!auto_reauthorize_allowed(Some(1_000), 1_000 + AUTO_REAUTHORIZE_COOLDOWN_MS - 1));
    }

    #[test]
    fn allowed_again_after_cooldown() {
        assert!(auto_reauthorize_allowed(Some(1_000), 1_000 + AUTO_REAUTHORIZE_COOLDOWN_MS));
    }

    #[test]
    fn clock_moved_back_is_refused() {
        assert!(!auto_reauthorize_allowed(Some(10_000), 5_000));
    }
}
