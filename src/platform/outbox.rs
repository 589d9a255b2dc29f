//! The outbox in browser storage and its sender. Every rule (when to send,
//! what an answer means) is `tanya_engine::outbox`; this persists and does HTTP.

use crate::platform::{clock, storage};
use leptos::prelude::*;
use tanya_engine::outbox::{parse_retry_after, Item, Outcome, TIMEOUT_MS};

const KEY: &str = "tanya:outbox";

/// The outbox, mirrored in a signal so the page shows every entry's state.
#[derive(Clone, Copy)]
pub struct Outbox {
    /// The items.
    pub items: RwSignal<Vec<Item>>,
    /// False when storage is refused: entries live in memory only.
    pub persistent: bool,
}

impl Outbox {
    /// Loads the stored outbox.
    pub fn load() -> Outbox {
        let items = storage::get(KEY).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
        Outbox { items: RwSignal::new(items), persistent: storage::local().is_some() }
    }

    fn save(&self) {
        let text = self.items.with_untracked(|i| serde_json::to_string(i).unwrap_or_default());
        storage::set(KEY, &text);
    }

    /// Re-reads storage (another tab may have sent something).
    fn refresh(&self) {
        if let Some(items) = storage::get(KEY).and_then(|t| serde_json::from_str::<Vec<Item>>(&t).ok()) {
            self.items.set(items);
        }
    }

    /// Adds an entry and sends what is due.
    pub fn push(&self, item: Item) {
        self.items.update(|i| {
            if !i.iter().any(|x| x.submission_id == item.submission_id) {
                i.push(item);
            }
        });
        self.save();
        self.flush();
    }

    /// Puts a rejected entry back in the queue and sends it.
    pub fn retry(&self, id: &str) {
        self.items.update(|i| i.iter_mut().filter(|x| x.submission_id == id).for_each(Item::retry));
        self.save();
        self.flush();
    }

    /// Sends every due entry, one request each.
    pub fn flush(&self) {
        self.refresh();
        let now = clock::now_ms();
        let due: Vec<String> = self.items.with_untracked(|i| {
            i.iter().filter(|x| x.is_due(now)).map(|x| x.submission_id.clone()).collect()
        });
        for id in due {
            self.items.update(|i| i.iter_mut().filter(|x| x.submission_id == id).for_each(|x| x.start(now)));
            self.save();
            let this = *self;
            leptos::task::spawn_local(async move {
                let Some(item) =
                    this.items.with_untracked(|i| i.iter().find(|x| x.submission_id == id).cloned())
                else {
                    return;
                };
                let outcome = send(&item).await;
                let jitter = js_sys::Math::random();
                this.items.update(|i| {
                    i.iter_mut()
                        .filter(|x| x.submission_id == id)
                        .for_each(|x| x.finish(&outcome, clock::now_ms(), jitter))
                });
                this.save();
            });
        }
    }

    /// Flushes on `online` and every few seconds while the page is open.
    pub fn watch(&self) {
        use wasm_bindgen::JsCast;
        let Some(w) = web_sys::window() else { return };
        let this = *self;
        let on_online = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || this.flush());
        let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        on_online.forget();
        let tick = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || this.flush());
        let _ =
            w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 3_000);
        tick.forget();
    }
}

/// One attempt, with the 30 s timeout.
async fn send(item: &Item) -> Outcome {
    use futures_util::future::{select, Either};
    let request = async {
        let mut req = gloo_net::http::RequestBuilder::new(&item.url)
            .method(if item.method == "PUT" {
                gloo_net::http::Method::PUT
            } else {
                gloo_net::http::Method::POST
            })
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", &item.submission_id);
        for (k, v) in &item.headers {
            req = req.header(k, v);
        }
        let req = match req.body(item.body.clone()) {
            Ok(r) => r,
            Err(e) => return Outcome::NetworkError(e.to_string()),
        };
        match req.send().await {
            Ok(resp) => {
                let retry_after =
                    resp.headers().get("retry-after").and_then(|h| parse_retry_after(&h, clock::now_ms()));
                let status = resp.status();
                let body = if (200..300).contains(&status) {
                    String::new()
                } else {
                    resp.text().await.unwrap_or_default()
                };
                Outcome::Response { status, retry_after, body }
            }
            Err(e) => Outcome::NetworkError(e.to_string()),
        }
    };
    let timeout = gloo_timers_sleep(TIMEOUT_MS as i32);
    match select(Box::pin(request), Box::pin(timeout)).await {
        Either::Left((outcome, _)) => outcome,
        Either::Right(_) => Outcome::Timeout,
    }
}

/// Resolves after `ms` milliseconds.
async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Offers the entry's body as a JSON file download.
pub fn download(item: &Item) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
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
