//! Time and randomness, read here and passed into the engine as values.

/// Now, in epoch milliseconds.
pub fn now_ms() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now()
    } else {
        // Rendered natively (`tanya site`): the machine's clock.
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_millis() as f64)
    }
}

/// A random number in [0, 1): the browser's, or a fixed one where there is
/// no browser (page 1 rendered natively is the same for everyone).
pub fn random() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Math::random()
    } else {
        0.5
    }
}

/// A random 64-bit seed (for the random choice order).
pub fn seed() -> u64 {
    let hi = (random() * 4_294_967_296.0) as u64;
    let lo = (random() * 4_294_967_296.0) as u64;
    (hi << 32) | lo
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = super::dom::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
