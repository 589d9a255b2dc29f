//! The Web Locks API: one tab of an origin sends at a time.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The Web Lock every tab of this origin takes to send.
const LOCK: &str = "tanya:outbox";

thread_local! {
    /// Set once the Web Locks API has refused a request.
    static NO_LOCKS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work` while holding this origin's outbox lock (the Web Locks API),
/// so two tabs never send at the same time. While another tab holds it,
/// this flush is skipped; the next tick tries again. Where the API is
/// missing or refuses (an opaque origin), `work` runs unlocked, and a
/// refusal is remembered so it is not asked again.
pub async fn exclusively(work: impl std::future::Future<Output = ()>) {
    use futures_util::future::{select, Either};
    let api = (!NO_LOCKS.get())
        .then(web_sys::window)
        .flatten()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("locks")).ok())
        .filter(JsValue::is_object)
        .and_then(|locks| {
            let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request")).ok()?;
            Some((locks, request.dyn_into::<js_sys::Function>().ok()?))
        });
    let Some((locks, request)) = api else { return work.await };
    let (mut release, mut grant) = (None, None);
    let held = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
    let granted = js_sys::Promise::new(&mut |resolve, _| grant = Some(resolve));
    let (Some(release), Some(grant)) = (release, grant) else { return work.await };
    // Called with the lock, or with null when another tab has it; the lock
    // is held until `held` settles.
    let on_grant = Closure::once_into_js(move |lock: JsValue| {
        let _ = grant.call1(&JsValue::NULL, &JsValue::from_bool(!lock.is_null()));
        held
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE);
    let requested = match request.call3(&locks, &JsValue::from_str(LOCK), &options, &on_grant) {
        Ok(p) => JsFuture::from(js_sys::Promise::from(p)),
        Err(_) => {
            NO_LOCKS.set(true);
            return work.await;
        }
    };
    match select(JsFuture::from(granted), requested).await {
        Either::Left((Ok(got), _)) if got.as_bool() == Some(true) => work.await,
        // Another tab is sending.
        Either::Left(_) => {}
        // Settled without calling back: the request was refused.
        Either::Right(_) => {
            NO_LOCKS.set(true);
            work.await;
        }
    }
    let _ = release.call0(&JsValue::NULL);
}
