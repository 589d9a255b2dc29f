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
/// event, which never reports this tab's own writes. Listens until the
/// returned handle is dropped; `None` where there is no window.
pub fn on_other_tab_write(key: String, f: impl Fn(Option<String>) + 'static) -> Option<Listening> {
    use wasm_bindgen::JsCast;
    let window = super::dom::window()?;
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let field = |name: &str| js_sys::Reflect::get(&e, &wasm_bindgen::JsValue::from_str(name)).ok();
        if field("key").and_then(|k| k.as_string()).as_deref() == Some(key.as_str()) {
            f(field("newValue").and_then(|v| v.as_string()));
        }
    });
    let _ = window.add_event_listener_with_callback("storage", cb.as_ref().unchecked_ref());
    Some(Listening { window, cb })
}

/// A `storage` listener, removed when this is dropped.
pub struct Listening {
    window: web_sys::Window,
    cb: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        let _ = self.window.remove_event_listener_with_callback("storage", self.cb.as_ref().unchecked_ref());
    }
}
