use crate::auth::secret::{State, STATE_RANDOM_BYTES};

/// Generates a fresh `state` from `crypto.getRandomValues`.
///
/// # Errors
/// A message for the user when the browser offers no cryptographic random
/// source (very old browsers); no sign-in can start safely without one.
pub fn generate_state() -> Result<State, String> {
    let crypto = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .ok_or_else(|| "This browser has no cryptographic random number generator, so a sign-in cannot start safely.".to_owned())?;

    let mut bytes = [0u8; STATE_RANDOM_BYTES];
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(|error| {
        log::error!("crypto.getRandomValues failed: {error:?}");
        "The browser refused to generate random numbers, so a sign-in cannot start safely.".to_owned()
    })?;
    Ok(State::from_random_bytes(&bytes))
}
