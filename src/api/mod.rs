//! The Ion API client. Calls that need a token go through [`IonClient`],
//! which exists only with a session; every call checks the status and maps
//! Ion's failure shapes to [`ApiError`].

pub mod client;
pub mod error;
pub mod models;
pub mod token;

pub use client::{check_origin_allowed, diagnose_failed_request, revoke_token, IonClient};
pub use error::ApiError;
