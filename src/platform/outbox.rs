//! The outbox in browser storage (IndexedDB, else localStorage, else memory
//! with a visible warning) and its sender. Every rule (when to send,
//! what an answer means) is `tanya_engine::outbox`; this persists and does HTTP.

use crate::platform::{clock, storage};
use leptos::prelude::*;
use tanya_engine::outbox::{merge_further, merge_stored, parse_retry_after, Item, Outcome, TIMEOUT_MS};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const KEY: &str = "tanya:outbox";
const DB: &str = "tanya";
const STORE: &str = "outbox";
/// The Web Lock every tab of this origin takes to send.
const LOCK: &str = "tanya:outbox";

/// Where the outbox is kept: IndexedDB, else localStorage, else memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// Still opening.
    Opening,
    /// IndexedDB, one record per entry.
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

/// Waits for an IndexedDB request and gives its result. The promise's own
/// resolve and reject are the handlers, so no Rust closure is left behind.
async fn wait(request: &web_sys::IdbRequest) -> Result<JsValue, JsValue> {
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(done).await?;
    request.result()
}

/// Opens the database, creating the store on first use.
async fn open_db() -> Result<web_sys::IdbDatabase, JsValue> {
    let factory = web_sys::window().ok_or("no window")?.indexed_db()?.ok_or("IndexedDB is not available")?;
    let request = factory.open_with_u32(DB, 1)?;
    let on_upgrade = {
        let request = request.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Ok(db) = request.result() {
                let _ = db.unchecked_into::<web_sys::IdbDatabase>().create_object_store(STORE);
            }
        })
    };
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let opened = wait(&request).await;
    request.set_onupgradeneeded(None);
    Ok(opened?.unchecked_into())
}

async fn idb_load() -> Result<Vec<Item>, JsValue> {
    let db = open_db().await?;
    let read = async {
        let store = db.transaction_with_str(STORE)?.object_store(STORE)?;
        wait(&store.get_all()?).await
    };
    let values = read.await;
    db.close();
    let values: js_sys::Array = values?.unchecked_into();
    Ok(values.iter().filter_map(|v| v.as_string()).filter_map(|t| serde_json::from_str(&t).ok()).collect())
}

/// Writes every item in one transaction and waits until it is committed.
/// All or nothing: if one write is refused, the transaction is aborted, so
/// the database never holds half a save while the caller falls back.
async fn idb_save(items: &[Item]) -> Result<(), JsValue> {
    let db = open_db().await?;
    let write = async {
        let tx = db.transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)?;
        let committed = js_sys::Promise::new(&mut |resolve, reject| {
            tx.set_oncomplete(Some(&resolve));
            tx.set_onerror(Some(&reject));
            tx.set_onabort(Some(&reject));
        });
        let queued = (|| -> Result<(), JsValue> {
            let store = tx.object_store(STORE)?;
            for item in items {
                let text = serde_json::to_string(item).unwrap_or_default();
                store.put_with_key(&JsValue::from_str(&text), &JsValue::from_str(&item.submission_id))?;
            }
            Ok(())
        })();
        if let Err(e) = queued {
            let _ = tx.abort();
            return Err(e);
        }
        JsFuture::from(committed).await.map(|_| ())
    };
    let result = write.await;
    db.close();
    result
}

/// The entries kept in localStorage, as one JSON array.
fn local_load() -> Vec<Item> {
    storage::get(KEY).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// Writes `items` into the localStorage array, leaving the other entries
/// in it. False when localStorage is missing or full.
fn local_save(items: &[Item]) -> bool {
    let mut all = local_load();
    merge_stored(&mut all, items.to_vec());
    storage::set(KEY, &serde_json::to_string(&all).unwrap_or_default())
}

/// Runs `work` while holding this origin's outbox lock (the Web Locks API),
/// so two tabs never send at the same time. While another tab holds it,
/// this flush is skipped; the next tick tries again. Where the API is
/// missing or refuses (an opaque origin), `work` runs unlocked, and a
/// refusal is remembered so it is not asked again.
async fn exclusively(work: impl std::future::Future<Output = ()>) {
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
    /// Entries that went to localStorage because IndexedDB refused a write
    /// are moved back, each store's copy kept where it is further along.
    pub fn open(&self) {
        let this = *self;
        leptos::task::spawn_local(async move {
            let mut moved = Vec::new();
            let (backend, stored) = match idb_load().await {
                Ok(mut items) => {
                    let local = local_load();
                    moved.extend(local.iter().map(|x| x.submission_id.clone()));
                    merge_further(&mut items, local);
                    (Backend::IndexedDb, items)
                }
                Err(_) if storage::local().is_some() => (Backend::LocalStorage, local_load()),
                Err(_) => (Backend::Memory, Vec::new()),
            };
            this.backend.set(backend);
            if this.refresh(stored).await
                && this.save(&moved).await
                && this.backend.get_untracked() == Backend::IndexedDb
            {
                storage::remove(KEY);
            }
            this.flush();
        });
    }

    /// Whether entries survive a closed tab.
    pub fn persistent(&self) -> bool {
        !matches!(self.backend.get(), Backend::Memory)
    }

    /// What storage holds now, which other tabs may have changed.
    async fn stored(&self) -> Vec<Item> {
        match self.backend.get_untracked() {
            Backend::IndexedDb => idb_load().await.unwrap_or_default(),
            Backend::LocalStorage => local_load(),
            Backend::Opening | Backend::Memory => Vec::new(),
        }
    }

    /// Stores this page's copy of the entries named by `ids`, and only those:
    /// other tabs' changes to other entries stay as they are. False when
    /// they could not be stored; the outbox is then in memory only, and the
    /// page says so.
    async fn save(&self, ids: &[String]) -> bool {
        let items: Vec<Item> = self
            .items
            .with_untracked(|i| i.iter().filter(|x| ids.contains(&x.submission_id)).cloned().collect());
        if items.is_empty() {
            return true;
        }
        let stored = match self.backend.get_untracked() {
            Backend::IndexedDb if idb_save(&items).await.is_ok() => return true,
            // IndexedDB refused (a full disk): every entry moves to localStorage.
            Backend::IndexedDb => {
                self.backend.set(Backend::LocalStorage);
                local_save(&self.items.get_untracked())
            }
            Backend::LocalStorage => local_save(&items),
            Backend::Opening | Backend::Memory => false,
        };
        if !stored {
            self.backend.set(Backend::Memory);
        }
        stored
    }

    /// Adds an entry and sends what is due. `then` runs once the entry is
    /// stored; not when it could only be kept in memory.
    pub fn push(&self, item: Item, then: impl FnOnce() + 'static) {
        let id = item.submission_id.clone();
        self.items.update(|i| {
            if !i.iter().any(|x| x.submission_id == item.submission_id) {
                i.push(item);
            }
        });
        self.save_then_flush(id, then);
    }

    /// Puts a rejected entry back in the queue, saves it, and sends it.
    pub fn retry(&self, id: &str) {
        self.items.update(|i| i.iter_mut().filter(|x| x.submission_id == id).for_each(Item::retry));
        self.save_then_flush(id.to_string(), || {});
    }

    /// Once storage is open, saves entry `id`, runs `then` if it was stored,
    /// and sends what is due.
    fn save_then_flush(&self, id: String, then: impl FnOnce() + 'static) {
        let this = *self;
        leptos::task::spawn_local(async move {
            while this.backend.get_untracked() == Backend::Opening {
                sleep(50).await;
            }
            if this.save(&[id]).await {
                then();
            }
            this.flush();
        });
    }

    /// Sends every due entry, one request each, saving each state change.
    /// It holds the origin's outbox lock and first reads storage again, so
    /// of two open tabs only one sends an entry, and neither sends one the
    /// other has delivered.
    pub fn flush(&self) {
        if self.busy.get_untracked() || self.backend.get_untracked() == Backend::Opening {
            return;
        }
        self.busy.set(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            exclusively(this.send_due()).await;
            this.busy.set(false);
        });
    }

    /// Brings in what storage holds (see [`merge_stored`]) and stores what
    /// it lacks. The signal is only written when something changed, so the
    /// page is not rebuilt on every tick.
    async fn refresh(&self, stored: Vec<Item>) -> bool {
        let mut items = self.items.get_untracked();
        let unstored = merge_stored(&mut items, stored);
        if self.items.with_untracked(|old| *old != items) {
            self.items.set(items);
        }
        self.save(&unstored).await
    }

    async fn send_due(&self) {
        self.refresh(self.stored().await).await;
        let now = clock::now_ms();
        let due: Vec<String> = self.items.with_untracked(|i| {
            i.iter().filter(|x| x.is_due(now)).map(|x| x.submission_id.clone()).collect()
        });
        for id in due {
            let this_one = std::slice::from_ref(&id);
            let started = clock::now_ms();
            self.items
                .update(|i| i.iter_mut().filter(|x| x.submission_id == id).for_each(|x| x.start(started)));
            self.save(this_one).await;
            let Some(item) = self.items.with_untracked(|i| i.iter().find(|x| x.submission_id == id).cloned())
            else {
                continue;
            };
            let outcome = send(&item).await;
            let jitter = js_sys::Math::random();
            self.items.update(|i| {
                i.iter_mut()
                    .filter(|x| x.submission_id == id)
                    .for_each(|x| x.finish(&outcome, clock::now_ms(), jitter))
            });
            self.save(this_one).await;
            let parent_origin = self.items.with_untracked(|i| {
                i.iter()
                    .find(|x| {
                        x.submission_id == id
                            && matches!(x.state, tanya_engine::outbox::State::Delivered { .. })
                    })
                    .and_then(|x| x.parent_origin.clone())
            });
            if let Some(origin) = parent_origin {
                crate::platform::embed::report_submitted(&origin, &id);
            }
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

impl Default for Outbox {
    fn default() -> Self {
        Outbox::new()
    }
}

thread_local! {
    static SHARED: std::cell::OnceCell<Outbox> = const { std::cell::OnceCell::new() };
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set once the Web Locks API has refused a request.
    static NO_LOCKS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// One attempt, with the 30 s timeout. A request that times out is
/// aborted: its connection is closed rather than left open beside the
/// retry (the endpoint may still have received it; the key covers that).
async fn send(item: &Item) -> Outcome {
    use futures_util::future::{select, Either};
    let abort = web_sys::AbortController::new().ok();
    let signal = abort.as_ref().map(|a| a.signal());
    let request = async {
        let mut headers: Vec<(&str, &str)> =
            vec![("Content-Type", "application/json"), ("Idempotency-Key", &item.submission_id)];
        headers.extend(item.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let method = if item.method == "PUT" { "PUT" } else { "POST" };
        // A 2xx body is not needed; any other carries the refusal's reason.
        let sent = crate::platform::http::request(
            method,
            &item.url,
            &headers,
            Some(&item.body),
            signal.as_ref(),
            |status| !(200..300).contains(&status),
        );
        match sent.await {
            Ok(reply) => Outcome::Response {
                status: reply.status,
                retry_after: reply.retry_after.and_then(|h| parse_retry_after(&h, clock::now_ms())),
                body: reply.text.unwrap_or_default(),
            },
            Err(e) => Outcome::NetworkError(e),
        }
    };
    let timeout = sleep(TIMEOUT_MS as i32);
    let raced = select(Box::pin(request), Box::pin(timeout)).await;
    match raced {
        Either::Left((outcome, _)) => outcome,
        Either::Right(_) => {
            if let Some(a) = abort {
                a.abort();
            }
            Outcome::Timeout
        }
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
