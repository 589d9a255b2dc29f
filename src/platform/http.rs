//! HTTP through the browser's `fetch`, called directly: gloo-net and the
//! `http` crate it brings cost more wasm than these two calls need.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What came back from one request.
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
    /// The body as text: `None` when it was not asked for or could not be read.
    pub text: Option<String>,
}

/// A failed call's message: the thrown error's text, else its JSON.
fn message(e: JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "fetch failed".into())
}

/// Sends one request. `Err` is a failure without a response (offline,
/// refused, blocked by CORS, aborted through `signal`); any status, 5xx
/// included, is `Ok`. The body is read only when `want_text` says so.
/// A request with a body does not follow redirects: its status is then 0
/// (a 301 or 302 would resend it as a GET without the body).
pub async fn request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    signal: Option<&web_sys::AbortSignal>,
    want_text: impl Fn(u16) -> bool,
) -> Result<Reply, String> {
    let window = super::dom::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_signal(signal);
    let h = web_sys::Headers::new().map_err(message)?;
    for (k, v) in headers {
        h.set(k, v).map_err(message)?;
    }
    init.set_headers(&h);
    if let Some(b) = body {
        init.set_body(&JsValue::from_str(b));
        init.set_redirect(web_sys::RequestRedirect::Manual);
    }
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(message)?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_request(&request)).await.map_err(message)?.unchecked_into();
    let status = response.status();
    let retry_after = response.headers().get("retry-after").ok().flatten();
    let text = match want_text(status).then(|| response.text()) {
        Some(Ok(p)) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()),
        _ => None,
    };
    Ok(Reply { status, retry_after, text })
}

/// Fetches a same-origin questionnaire as text. Other origins are refused.
pub async fn fetch_survey(url: &str) -> Result<String, String> {
    let base = super::dom::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let resolved = web_sys::Url::new_with_base(url, &base).map_err(|_| format!("'{url}' is not a URL"))?;
    let origin = super::dom::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    if resolved.origin() != origin {
        return Err(format!("'{url}' is not on this site's origin"));
    }
    let reply = request("GET", &resolved.href(), &[], None, None, |_| true).await?;
    if !(200..300).contains(&reply.status) {
        return Err(format!("{url}: HTTP {}", reply.status));
    }
    reply.text.ok_or_else(|| format!("{url}: the questionnaire could not be read"))
}
