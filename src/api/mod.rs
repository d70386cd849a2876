//! The Ion API client. It exists only with a session's access token, and every
//! call goes through one private send helper.

mod client;
pub mod error;
pub mod models;

pub use client::IonClient;
pub use error::ApiError;
