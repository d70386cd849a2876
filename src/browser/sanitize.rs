//! Sanitizing HTML from Ion (announcement content, the emergency message)
//! before it is put into the page.
//!
//! The sanitizer is DOMPurify (npm `dompurify`, maintained by Cure53): it
//! parses with the browser's own HTML parser, so it costs about 9 KB of
//! brotli-compressed JavaScript, loaded only when a view first needs it.
//! Rust sanitizers (ammonia with html5ever) would add several hundred KB of
//! WebAssembly to the first load.
//!
//! The policy on top of DOMPurify's defaults (which already drop scripts,
//! event handlers and `javascript:` URLs): no iframes, forms, styles or
//! embedded objects; links only to http(s) and mailto, opening in a new tab
//! with `rel="noopener noreferrer"`; images only from Ion's origin.
//!
//! DOMPurify parses into an inert document of this page, so the page's
//! Content-Security-Policy reports the inline handlers and styles of hostile
//! HTML as blocked while it sanitizes; none of them survives into the page.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
let purify = null;

export async function sanitize_html(html, ionOrigin) {
  if (purify === null) {
    const module = await import(new URL("../../purify.es.mjs", import.meta.url).href);
    purify = module.default;
  }
  const fragment = purify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ["iframe", "frame", "form", "input", "button", "select", "textarea", "style", "object", "embed", "link", "meta", "base", "svg", "math"],
    FORBID_ATTR: ["style", "srcset", "formaction", "action"],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.:-]|$))/i,
  });
  for (const link of fragment.querySelectorAll("a")) {
    const href = link.getAttribute("href") || "";
    if (/^\s*(javascript|data|vbscript):/i.test(href)) link.removeAttribute("href");
    link.setAttribute("target", "_blank");
    link.setAttribute("rel", "noopener noreferrer");
  }
  for (const image of fragment.querySelectorAll("img")) {
    // A relative address is relative to Ion, where the HTML was written, so
    // it is made absolute on Ion's origin rather than on this page's.
    let source = null;
    try {
      source = new URL(image.getAttribute("src") || "", ionOrigin + "/");
    } catch (error) {
      source = null;
    }
    if (source !== null && source.origin === ionOrigin && /^https?:$/.test(source.protocol)) {
      image.setAttribute("src", source.href);
    } else {
      const note = document.createElement("span");
      note.className = "ip-removed";
      note.textContent = "[image from another site not shown]";
      image.replaceWith(note);
    }
  }
  const holder = document.createElement("div");
  holder.appendChild(fragment);
  return holder.innerHTML;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn sanitize_html(html: &str, ion_origin: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Returns `html` with everything outside the policy removed, ready to be
/// set as `innerHTML`.
///
/// # Errors
/// A sentence when the sanitizer could not load; the caller then shows the
/// content as plain text, never unsanitized.
pub async fn sanitize(html: &str, ion_origin: &str) -> Result<String, String> {
    let promise = sanitize_html(html, ion_origin).map_err(|error| super::crypto::describe(&error))?;
    let cleaned = JsFuture::from(promise).await.map_err(|error| {
        let reason = super::crypto::describe(&error);
        log::error!("The HTML sanitizer failed: {reason}");
        format!("The HTML sanitizer could not load ({reason}).")
    })?;
    cleaned.as_string().ok_or_else(|| "The HTML sanitizer returned no text.".to_owned())
}

/// Plain text of an HTML fragment, for fields such as a schedule's day name
/// (`"NO SCHOOL<br>"`) that are shown as text.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for character in html.chars() {
        match character {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    let collapsed: Vec<&str> = text.split_whitespace().collect();
    collapsed.join(" ").replace("&amp;", "&").replace("&nbsp;", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_to_text_strips_tags() {
        assert_eq!(html_to_text("NO SCHOOL<br>"), "NO SCHOOL");
        assert_eq!(html_to_text("<b>Anchor</b>  Day &amp; more"), "Anchor Day & more");
    }
}
