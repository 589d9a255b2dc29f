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
