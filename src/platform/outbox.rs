//! The outbox in browser storage (IndexedDB, else localStorage, else memory
//! with a visible warning) and its sender. Every rule (when to send,
//! what an answer means) is `tanya_engine::outbox`; this persists and does
//! HTTP, with `idb` (the store), `locks` (one sending tab) and `download`.

use crate::platform::{clock, idb, locks, storage};
use leptos::prelude::*;
use tanya_engine::outbox::{
    merge_further, merge_stored, parse_retry_after, prune_delivered, Item, Outcome, TIMEOUT_MS,
};

const KEY: &str = "tanya:outbox";

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

/// Deletes the entries named by `ids` from the localStorage array.
fn local_remove(ids: &[String]) {
    let mut all = local_load();
    let before = all.len();
    all.retain(|x| !ids.contains(&x.submission_id));
    if all.len() != before {
        storage::set(KEY, &serde_json::to_string(&all).unwrap_or_default());
    }
}

/// Asks the browser to keep this site's storage under pressure
/// (`navigator.storage.persist()`), where it can: an entry waits there.
fn ask_persistent_storage() {
    let Some(w) = super::dom::window() else { return };
    let storage = js_sys::Reflect::get(&w.navigator(), &"storage".into()).unwrap_or_default();
    if let Ok(persist) = js_sys::Reflect::get(&storage, &"persist".into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&persist) {
            let _ = f.call0(&storage);
        }
    }
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
            let (backend, stored) = match idb::load().await {
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
            Backend::IndexedDb => idb::load().await.unwrap_or_default(),
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
            Backend::IndexedDb if idb::save(&items).await.is_ok() => return true,
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
    /// stored, or, when it could only be kept in memory, once the endpoint
    /// has it (until then the draft is its only lasting copy).
    pub fn push(&self, item: Item, then: impl FnOnce() + 'static) {
        ask_persistent_storage();
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
    /// and sends what is due. An entry kept in memory only runs `then` once
    /// it is delivered; refused, it never does (the draft stays a copy).
    fn save_then_flush(&self, id: String, then: impl FnOnce() + 'static) {
        let this = *self;
        leptos::task::spawn_local(async move {
            while this.backend.get_untracked() == Backend::Opening {
                clock::sleep(50).await;
            }
            if this.save(std::slice::from_ref(&id)).await {
                then();
                this.flush();
                return;
            }
            this.flush();
            loop {
                // Delivered: Some(true); refused: Some(false); on its way: None.
                let outcome = this.items.with_untracked(|i| {
                    i.iter().find(|x| x.submission_id == id).map(|x| match x.state {
                        tanya_engine::outbox::State::Delivered { .. } => Some(true),
                        tanya_engine::outbox::State::Refused { .. } => Some(false),
                        _ => None,
                    })
                });
                match outcome {
                    Some(Some(true)) => return then(),
                    Some(None) => clock::sleep(1000).await,
                    // Refused, or gone.
                    _ => return,
                }
            }
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
            locks::exclusively(this.send_due()).await;
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
        // A delivered entry's record goes once every tab has seen it.
        let gone = self.items.with_untracked(|i| prune_delivered(&mut i.clone(), now));
        if !gone.is_empty() {
            self.items.update(|i| i.retain(|x| !gone.contains(&x.submission_id)));
            match self.backend.get_untracked() {
                Backend::IndexedDb => {
                    let _ = idb::remove(&gone).await;
                }
                Backend::LocalStorage => local_remove(&gone),
                Backend::Opening | Backend::Memory => {}
            }
        }
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
            let jitter = super::clock::random();
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
        let Some(w) = super::dom::window() else { return };
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
    let timeout = clock::sleep(TIMEOUT_MS as i32);
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
