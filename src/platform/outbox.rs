//! The outbox in browser storage (IndexedDB, else localStorage, else memory
//! with a visible warning) and its sender. Every rule (when to send,
//! what an answer means) is `tanya_engine::outbox`; this persists and does HTTP.

use crate::platform::{clock, storage};
use idb::DatabaseEvent;
use leptos::prelude::*;
use tanya_engine::outbox::{parse_retry_after, Item, Outcome, TIMEOUT_MS};
use wasm_bindgen::JsValue;

const KEY: &str = "tanya:outbox";
const DB: &str = "tanya";
const STORE: &str = "outbox";

/// Where the outbox is kept: IndexedDB, else localStorage, else memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// Still opening.
    Opening,
    /// IndexedDB (through the `idb` crate), one record per entry.
    IndexedDb,
    /// localStorage, as one JSON array.
    LocalStorage,
    /// Nowhere: lost when the tab closes (the page warns).
    Memory,
}

/// The outbox, mirrored in a signal so the page shows every entry's state.
#[derive(Clone, Copy)]
pub struct Outbox {
    /// The items.
    pub items: RwSignal<Vec<Item>>,
    /// Where they are kept.
    pub backend: RwSignal<Backend>,
    busy: RwSignal<bool>,
}

async fn open_db() -> Result<idb::Database, idb::Error> {
    let factory = idb::Factory::new()?;
    let mut request = factory.open(DB, Some(1))?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            let _ = db.create_object_store(STORE, idb::ObjectStoreParams::new());
        }
    });
    request.await
}

async fn idb_load() -> Result<Vec<Item>, idb::Error> {
    let db = open_db().await?;
    let tx = db.transaction(&[STORE], idb::TransactionMode::ReadOnly)?;
    let values = tx.object_store(STORE)?.get_all(None, None)?.await?;
    db.close();
    Ok(values.iter().filter_map(|v| v.as_string()).filter_map(|t| serde_json::from_str(&t).ok()).collect())
}

async fn idb_save(items: &[Item]) -> Result<(), idb::Error> {
    let db = open_db().await?;
    let tx = db.transaction(&[STORE], idb::TransactionMode::ReadWrite)?;
    let store = tx.object_store(STORE)?;
    for item in items {
        let text = serde_json::to_string(item).unwrap_or_default();
        store.put(&JsValue::from_str(&text), Some(&JsValue::from_str(&item.submission_id)))?.await?;
    }
    tx.commit()?.await?;
    db.close();
    Ok(())
}

impl Outbox {
    /// An empty outbox; [`Outbox::open`] loads what is stored.
    pub fn new() -> Outbox {
        Outbox {
            items: RwSignal::new(Vec::new()),
            backend: RwSignal::new(Backend::Opening),
            busy: RwSignal::new(false),
        }
    }

    /// The page's one outbox. Every form on the page queues into it, however
    /// many are mounted and unmounted: two outboxes would overwrite each
    /// other's stored entries, and an unmounted form's entries must still be
    /// delivered. Its first use must be outside any reactive owner (as in
    /// [`crate::start`] and `mount()`), so that unmounting a form never
    /// disposes it. [`Outbox::start_shared`] opens it.
    pub fn shared() -> Outbox {
        SHARED.with(|cell| *cell.get_or_init(Outbox::new))
    }

    /// The page's one outbox, opened and watched the first time this runs.
    /// It spawns tasks, so it runs inside a mounted view, where the async
    /// executor exists.
    pub fn start_shared() -> Outbox {
        let outbox = Outbox::shared();
        if !STARTED.with(|s| s.replace(true)) {
            outbox.open();
            outbox.watch();
        }
        outbox
    }

    /// Opens IndexedDB (or falls back), loads the stored entries, then flushes.
    pub fn open(&self) {
        let this = *self;
        leptos::task::spawn_local(async move {
            let (backend, items) = match idb_load().await {
                Ok(items) => (Backend::IndexedDb, items),
                Err(_) if storage::local().is_some() => (
                    Backend::LocalStorage,
                    storage::get(KEY).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default(),
                ),
                Err(_) => (Backend::Memory, Vec::new()),
            };
            this.items.update(|current| {
                for stored in items {
                    if !current.iter().any(|x| x.submission_id == stored.submission_id) {
                        current.push(stored);
                    }
                }
            });
            this.backend.set(backend);
            this.persist().await;
            this.flush();
        });
    }

    /// Whether entries survive a closed tab.
    pub fn persistent(&self) -> bool {
        !matches!(self.backend.get(), Backend::Memory)
    }

    async fn persist(&self) {
        let items = self.items.get_untracked();
        match self.backend.get_untracked() {
            Backend::IndexedDb => {
                if idb_save(&items).await.is_err() && storage::local().is_some() {
                    self.backend.set(Backend::LocalStorage);
                    storage::set(KEY, &serde_json::to_string(&items).unwrap_or_default());
                }
            }
            Backend::LocalStorage => {
                storage::set(KEY, &serde_json::to_string(&items).unwrap_or_default());
            }
            Backend::Opening | Backend::Memory => {}
        }
    }

    /// Adds an entry, saves it, and sends what is due.
    pub fn push(&self, item: Item) {
        self.items.update(|i| {
            if !i.iter().any(|x| x.submission_id == item.submission_id) {
                i.push(item);
            }
        });
        let this = *self;
        leptos::task::spawn_local(async move {
            this.persist().await;
            this.flush();
        });
    }

    /// Puts a rejected entry back in the queue and sends it.
    pub fn retry(&self, id: &str) {
        self.items.update(|i| i.iter_mut().filter(|x| x.submission_id == id).for_each(Item::retry));
        self.flush();
    }

    /// Sends every due entry, one request each, saving each state change.
    pub fn flush(&self) {
        if self.busy.get_untracked() || self.backend.get_untracked() == Backend::Opening {
            return;
        }
        self.busy.set(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            let now = clock::now_ms();
            let due: Vec<String> = this.items.with_untracked(|i| {
                i.iter().filter(|x| x.is_due(now)).map(|x| x.submission_id.clone()).collect()
            });
            for id in due {
                this.items
                    .update(|i| i.iter_mut().filter(|x| x.submission_id == id).for_each(|x| x.start(now)));
                this.persist().await;
                let Some(item) =
                    this.items.with_untracked(|i| i.iter().find(|x| x.submission_id == id).cloned())
                else {
                    continue;
                };
                let outcome = send(&item).await;
                let jitter = js_sys::Math::random();
                this.items.update(|i| {
                    i.iter_mut()
                        .filter(|x| x.submission_id == id)
                        .for_each(|x| x.finish(&outcome, clock::now_ms(), jitter))
                });
                this.persist().await;
                let notify = this.items.with_untracked(|i| {
                    i.iter()
                        .find(|x| {
                            x.submission_id == id
                                && matches!(x.state, tanya_engine::outbox::State::Delivered { .. })
                        })
                        .and_then(|x| x.notify.clone())
                });
                if let Some(origin) = notify {
                    crate::platform::embed::report_submitted(&origin, &id);
                }
            }
            this.busy.set(false);
        });
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

impl Default for Outbox {
    fn default() -> Self {
        Outbox::new()
    }
}

thread_local! {
    static SHARED: std::cell::OnceCell<Outbox> = const { std::cell::OnceCell::new() };
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// One attempt, with the 30 s timeout.
async fn send(item: &Item) -> Outcome {
    use futures_util::future::{select, Either};
    let request = async {
        let mut headers: Vec<(&str, &str)> =
            vec![("Content-Type", "application/json"), ("Idempotency-Key", &item.submission_id)];
        headers.extend(item.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let method = if item.method == "PUT" { "PUT" } else { "POST" };
        // A 2xx body is not needed; any other carries the refusal's reason.
        let sent = crate::platform::http::request(method, &item.url, &headers, Some(&item.body), |status| {
            !(200..300).contains(&status)
        });
        match sent.await {
            Ok(reply) => Outcome::Response {
                status: reply.status,
                retry_after: reply.retry_after.and_then(|h| parse_retry_after(&h, clock::now_ms())),
                body: reply.text,
            },
            Err(e) => Outcome::NetworkError(e),
        }
    };
    let timeout = sleep(TIMEOUT_MS as i32);
    match select(Box::pin(request), Box::pin(timeout)).await {
        Either::Left((outcome, _)) => outcome,
        Either::Right(_) => Outcome::Timeout,
    }
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
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
