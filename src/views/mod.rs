//! Leptos components, one file per view.

pub mod announcements;
pub mod app;
pub mod common;
pub mod config_error;
pub mod eighth;
pub mod emergency;
pub mod explorer;
pub mod nav;
pub mod not_found;
pub mod profile;
pub mod search;
pub mod session_bar;
pub mod sign_in;
pub mod today;
