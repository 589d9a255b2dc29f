//! Offering an entry to the respondent as a file.

use tanya_engine::outbox::Item;

/// Offers the entry's body as a JSON file download.
pub fn download(item: &Item) {
    use wasm_bindgen::JsCast;
    let Some(doc) = super::dom::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&item.body.clone().into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(&format!("tanya-{}.json", item.submission_id));
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
