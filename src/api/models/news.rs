use serde::Deserialize;

/// `/api/announcements[/<id>]`. `content` is HTML that Ion does not always
/// sanitize (only web-form posts are), so it must be sanitized before display.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Announcement {
    pub id: u64,
    #[serde(default)]
    pub url: Option<String>,
    pub title: String,
    pub content: String,
    #[serde(default)]
    pub author: Option<String>,
    /// The posting user's id, when the author is a user.
    #[serde(default)]
    pub user: Option<u64>,
    /// ISO 8601 in UTC with `Z`, microseconds when non-zero.
    pub added: String,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub groups: Vec<u64>,
    #[serde(default)]
    pub pinned: bool,
}

/// `/api/emerg`: `false`/`""` with no emergency, `true` and HTML during one,
/// `null`/`null` when Ion has no source configured.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Emergency {
    pub status: Option<bool>,
    pub message: Option<String>,
}

impl Emergency {
    /// The HTML message to show, when there is an emergency.
    pub fn active_message(&self) -> Option<&str> {
        match (self.status, self.message.as_deref()) {
            (Some(true), Some(message)) if !message.trim().is_empty() => Some(message),
            _ => None,
        }
    }
}
