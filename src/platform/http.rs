//! HTTP through gloo-net.

/// Fetches a same-origin questionnaire as text. Other origins are refused.
pub async fn fetch_survey(url: &str) -> Result<String, String> {
    let base = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let resolved = web_sys::Url::new_with_base(url, &base).map_err(|_| format!("'{url}' is not a URL"))?;
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    if resolved.origin() != origin {
        return Err(format!("'{url}' is not on this site's origin"));
    }
    let resp = gloo_net::http::Request::get(&resolved.href()).send().await.map_err(|e| e.to_string())?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    resp.text().await.map_err(|e| e.to_string())
}
