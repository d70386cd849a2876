//! ion-pages: sign in to Ion (the TJHSST Intranet) from a static page through
//! the OAuth 2.0 implicit grant, and show what Ion's API returns.

pub mod api;
pub mod auth;
pub mod authorize;
pub mod browser;
pub mod chunk;
pub mod config;
pub mod controller;
pub mod base64url;
pub mod hex;
pub mod route;
mod startup;
pub mod views;

pub use startup::start;
