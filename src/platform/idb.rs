//! The outbox's IndexedDB store: one record per entry, keyed by its
//! submission id, written all or nothing. web-sys directly: the `idb` crate
//! cost 5 KB gzip (ARCHITECTURE.md).

use tanya_engine::outbox::Item;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const DB: &str = "tanya";
const STORE: &str = "outbox";

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
    let factory =
        super::dom::window().ok_or("no window")?.indexed_db()?.ok_or("IndexedDB is not available")?;
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

pub async fn load() -> Result<Vec<Item>, JsValue> {
    let db = open_db().await?;
    let read = async {
        let store = db.transaction_with_str(STORE)?.object_store(STORE)?;
        wait(&store.get_all()?).await
    };
    let values = read.await;
    db.close();
    let values: js_sys::Array = values?.unchecked_into();
    Ok(values.iter().filter_map(|v| v.as_string()).filter_map(|t| Item::parse(&t).ok()).collect())
}

/// Writes every item in one transaction and waits until it is committed.
/// All or nothing: if one write is refused, the transaction is aborted, so
/// the database never holds half a save while the caller falls back.
pub async fn save(items: &[Item]) -> Result<(), JsValue> {
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
                let text = item.to_text();
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

/// Deletes the entries named by `ids` in one transaction.
pub async fn remove(ids: &[String]) -> Result<(), JsValue> {
    let db = open_db().await?;
    let write = async {
        let tx = db.transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)?;
        let store = tx.object_store(STORE)?;
        for id in ids {
            wait(&store.delete(&JsValue::from_str(id))?).await?;
        }
        Ok::<(), JsValue>(())
    };
    let result = write.await;
    db.close();
    result
}
