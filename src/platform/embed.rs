//! Talking to the portal that embeds the form in an iframe: messages go only
//! to the parent origin the questionnaire names (`tanya.embed.parentOrigin`),
//! never to `*`.

use wasm_bindgen::JsCast;

/// Whether the page runs inside a frame.
fn parent() -> Option<web_sys::Window> {
    let w = super::dom::window()?;
    let parent = w.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &w)).then_some(parent)
}

fn post(origin: &str, message: &js_sys::Object) {
    if let Some(p) = parent() {
        let _ = p.post_message(message, origin);
    }
}

fn message(kind: &str, key: &str, value: &wasm_bindgen::JsValue) -> js_sys::Object {
    let m = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&m, &"type".into(), &kind.into());
    let _ = js_sys::Reflect::set(&m, &key.into(), value);
    m
}

thread_local! {
    /// The parent origins told of the page's height; empty until the first
    /// form asks. One observer serves them all, however often forms are
    /// mounted in the page.
    static HEIGHT_TO: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Posts `{type: "tanya:height", height}` now and whenever the page's height
/// changes. The first call installs the page's one `ResizeObserver`; later
/// calls (more forms, or the same form mounted again) only add their origin.
pub fn report_height(origin: &str) {
    let Some(doc) = super::dom::window().and_then(|w| w.document()) else { return };
    let Some(root) = doc.document_element() else { return };
    if parent().is_none() {
        return;
    }
    let (first, added) = HEIGHT_TO.with(|h| {
        let mut h = h.borrow_mut();
        let added = !h.iter().any(|x| x == origin);
        if added {
            h.push(origin.to_string());
        }
        (h.len() == 1 && added, added)
    });
    if !first {
        if added {
            post(origin, &message("tanya:height", "height", &root.scroll_height().into()));
        }
        return;
    }
    let last = std::cell::Cell::new(-1);
    let element = root.clone();
    let send = move || {
        let h = element.scroll_height();
        if h != last.get() {
            last.set(h);
            HEIGHT_TO.with(|to| {
                for o in to.borrow().iter() {
                    post(o, &message("tanya:height", "height", &h.into()));
                }
            });
        }
    };
    send();
    // Kept for the page's life: the observer watches the whole document.
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(send);
    if let Ok(observer) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = doc.body() {
            observer.observe(&body);
        }
    }
    cb.forget();
}

/// Posts `{type: "tanya:submitted", submission_id}` after delivery.
pub fn report_submitted(origin: &str, submission_id: &str) {
    post(origin, &message("tanya:submitted", "submission_id", &submission_id.into()));
}
