//! Thin wrappers over the Web APIs the app uses. Decisions live in `auth`,
//! `config` and `api`; these functions only move values in and out of the
//! browser.

pub mod clock;
pub mod crypto;
pub mod dom;
pub mod fetch;
pub mod location;
pub mod meta;
pub mod sanitize;
pub mod keystore;
pub mod storage;
pub mod time;
