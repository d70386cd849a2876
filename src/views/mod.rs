//! Leptos components, one file per view.

pub mod app;
pub mod config_error;
pub mod profile;
pub mod session_bar;
pub mod sign_in;
