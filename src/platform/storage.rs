//! Browser storage (localStorage), which some in-app browsers refuse.

/// localStorage, if the browser lets this page write to it.
pub fn local() -> Option<web_sys::Storage> {
    let s = super::dom::window()?.local_storage().ok()??;
    let probe = "tanya:probe";
    s.set_item(probe, "1").ok()?;
    s.remove_item(probe).ok()?;
    Some(s)
}

/// Reads a key.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

/// Writes a key; false when storage is unavailable or full.
pub fn set(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes a key.
pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

/// Calls `f` with `key`'s new text whenever another tab of this origin
/// writes it (`None` when it removes it), through the browser's `storage`
/// event, which never reports this tab's own writes. Lives as long as the
/// page: `f` must cope with a form that has since gone.
pub fn on_other_tab_write(key: String, f: impl Fn(Option<String>) + 'static) {
    use wasm_bindgen::JsCast;
    let Some(w) = super::dom::window() else { return };
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let field = |name: &str| js_sys::Reflect::get(&e, &wasm_bindgen::JsValue::from_str(name)).ok();
        if field("key").and_then(|k| k.as_string()).as_deref() == Some(key.as_str()) {
            f(field("newValue").and_then(|v| v.as_string()));
        }
    });
    let _ = w.add_event_listener_with_callback("storage", cb.as_ref().unchecked_ref());
    cb.forget();
}
