//! Media queries as signals.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// True while the viewport is narrower than 600 px; follows resizes.
pub fn narrow() -> ReadSignal<bool> {
    let query = super::dom::window().and_then(|w| w.match_media("(max-width: 599px)").ok().flatten());
    let (get, set) = signal(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(q) = query {
        let q2 = q.clone();
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || set.set(q2.matches()));
        let _ = q.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
        cb.forget();
    }
    get
}
