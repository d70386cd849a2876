//! The "not configured" page: which setting is wrong and how to fix it.

use leptos::prelude::*;

use crate::config::{ConfigError, CLIENT_ID_SETTING, GRANT_SETTING, ION_URL_SETTING, SCOPE_SETTING};

#[component]
pub fn ConfigErrorPage(error: ConfigError, suggested_redirect_uri: String) -> impl IntoView {
    let opened_from_file = matches!(error, ConfigError::OpenedFromFile { .. });
    let example = format!(
        "<meta name=\"{ION_URL_SETTING}\" content=\"https://ion.tjhsst.edu\">\n\
         <meta name=\"{CLIENT_ID_SETTING}\" content=\"YOUR_CLIENT_ID\">\n\
         <meta name=\"{SCOPE_SETTING}\" content=\"read\">\n\
         <meta name=\"{GRANT_SETTING}\" content=\"implicit\">"
    );

    view! {
        <div class="ion-pages">
            <main class="ip-main">
                <section class="ip-card" aria-labelledby="ip-config-heading">
                    <h1 id="ip-config-heading">"ion-pages is not configured"</h1>
                    <p class="ip-message ip-error" role="alert" data-testid="config-error">{error.to_string()}</p>
                    {(!opened_from_file).then(|| view! {
                        <p>
                            "Register this exact redirect URI for your application on Ion "
                            "(Ion compares it byte for byte, trailing slash and port included):"
                        </p>
                        <pre class="ip-code" data-testid="redirect-uri-to-register">{suggested_redirect_uri.clone()}</pre>
                        <p>"The settings are <meta> tags in the <head> of index.html, for example:"</p>
                        <pre class="ip-code">{example.clone()}</pre>
                        <p>
                            "Set " <code>{GRANT_SETTING}</code> " to " <code>"code"</code> " when your application's "
                            "page on Ion shows the grant type \"Authorization code\", which is the only one Ion's "
                            "registration page offers today; keep " <code>"implicit"</code> " for an application Ion "
                            "stores with the implicit grant."
                        </p>
                    })}
                </section>
            </main>
        </div>
    }
}
