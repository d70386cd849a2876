//! The views, one file per view.
//!
//! The first page's parts (`frame`, `sign_in`, `not_found`, `config_error`,
//! `emergency`) are built with plain DOM calls, so that the main module
//! needs no Leptos. The other views are Leptos components, in the chunk
//! (see `crate::chunk`).

pub mod announcements;
pub mod app;
pub mod common;
pub mod config_error;
pub mod eighth;
pub mod emergency;
pub mod explorer;
pub mod frame;
pub mod not_found;
pub mod profile;
pub mod search;
pub mod session_bar;
pub mod sign_in;
pub mod today;
