//! The OAuth 2.0 implicit grant as Ion runs it, with no browser calls: time
//! and randomness come in as arguments so that all of it is tested natively.

pub mod callback;
pub mod error_code;
pub mod pkce;
pub mod reauthorize;
pub mod redirect;
pub mod request;
pub mod return_path;
pub mod secret;
pub mod session;
pub mod state;
pub mod token_response;
