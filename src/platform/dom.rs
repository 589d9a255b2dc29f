//! DOM helpers.

use wasm_bindgen::JsCast;

/// The element with `id`, if the page has one.
pub fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into::<web_sys::HtmlElement>().ok()
}

/// Moves focus to the element with `id` once the current render has landed.
pub fn focus_soon(id: &'static str) {
    let Some(w) = web_sys::window() else { return };
    let f = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(e) = element_by_id(id) {
            let _ = e.focus();
            e.scroll_into_view();
        }
    });
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
}

/// Scrolls the page to the top (after a page change).
pub fn scroll_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Sets `<html lang>` so screen readers read the right language.
pub fn set_document_lang(code: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", code);
    }
}
