//! The HTTP API: `POST /api/submissions`, `GET /api/export.csv`,
//! `GET /api/export.ndjson`, `GET /api/duplicates`.

use crate::report;
use crate::store::{Inserted, NewEntry, Row, Store, StoreError};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use tanya_engine::flow::Flow;
use tanya_engine::schema::Survey;
use tanya_engine::text::Lang;
use tanya_engine::{fingerprint, validate};

/// The largest body accepted.
pub const MAX_BODY: usize = 256 * 1024;

/// What every handler shares.
pub struct App {
    /// Checks of entries running at once: each runs on a blocking thread.
    pub engine: Arc<tokio::sync::Semaphore>,
    /// Where entries go.
    pub store: Arc<dyn Store>,
    /// Served questionnaires by `(id, version)`.
    pub surveys: HashMap<(String, String), Survey>,
    /// Bearer token for the GET endpoints; without one they always answer 401.
    pub token: Option<String>,
    /// The secret the device hash is keyed with before it is stored.
    pub device_key: Vec<u8>,
}

/// Occurs when the collector cannot answer a request it understood: the
/// operator reads why in the log; the client gets a retryable 503 that
/// says nothing of the database.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Occurs when the store fails (a lost connection, a full disk).
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Occurs when the worker thread running the store call panics or is cancelled.
    #[error("worker: {0}")]
    Worker(#[from] tokio::task::JoinError),
}

/// Seconds a client waits before retrying after [`ApiError`].
const RETRY_AFTER_ERROR: &str = "5";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        eprintln!("error: {self}");
        let body = json!({"error": "the service cannot store entries right now; try again shortly"});
        (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, RETRY_AFTER_ERROR)], Json(body))
            .into_response()
    }
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or(0.0)
}

/// How long before its arrival an entry may say it was made: longer than
/// any offline spell a survey round allows.
const ENTERED_WINDOW_MS: f64 = 31.0 * 86_400_000.0;

/// `Retry-After` (seconds) for an entry of a questionnaire version not served here.
const UNSERVED_RETRY_AFTER: &str = "300";

/// When the entry was made: its `meta.submitted_at`, kept within
/// [`ENTERED_WINDOW_MS`] before `received` (and never after it); `received`
/// when it names no time.
fn entered_at(envelope: &Value, received: f64) -> f64 {
    str_at(envelope, &["meta", "submitted_at"])
        .and_then(tanya_engine::expr::date::parse)
        .map_or(received, |t| t.clamp(received - ENTERED_WINDOW_MS, received))
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(k)).and_then(Value::as_str)
}

/// Whether `id` is a UUID in its text form: 8-4-4-4-12 hex digits.
fn is_uuid(id: &str) -> bool {
    id.len() == 36
        && id
            .char_indices()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() })
}

/// Every check of one envelope, in order: JSON, the envelope's fields,
/// the UUID and its key, the questionnaire version, the answers' shape,
/// the rules (as of when the entry was made) and the entry hash. Returns
/// the entry to store, or the response that refuses it.
fn check(app: &App, key: Option<&str>, body: &[u8]) -> Result<Checked, Box<Response>> {
    checks(app, key, body).map_err(Box::new)
}

// The refusal is the response itself, built once on its way out (boxed by `check`).
#[allow(clippy::result_large_err)]
fn checks(app: &App, key: Option<&str>, body: &[u8]) -> Result<Checked, Response> {
    let envelope: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Err(error(StatusCode::BAD_REQUEST, format!("malformed JSON: {e}"))),
    };
    let (Some(survey_id), Some(version), Some(submission_id), Some(answers)) = (
        str_at(&envelope, &["survey", "id"]),
        str_at(&envelope, &["survey", "version"]),
        str_at(&envelope, &["submission_id"]),
        envelope.get("answers").and_then(Value::as_object),
    ) else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "the envelope needs survey.id, survey.version, submission_id and answers",
        ));
    };
    if !is_uuid(submission_id) {
        return Err(error(StatusCode::BAD_REQUEST, "submission_id must be a UUID (8-4-4-4-12 hex digits)"));
    }
    if let Some(key) = key {
        if key != submission_id {
            return Err(error(StatusCode::BAD_REQUEST, "Idempotency-Key differs from submission_id"));
        }
    }
    // A version not deployed here is the operator's to fix: a retryable
    // status, so the form keeps the entry and sends it once it is.
    let Some(survey) = app.surveys.get(&(survey_id.to_string(), version.to_string())) else {
        let report = json!({"errors": [{"question": "", "rule": "survey",
            "message": format!("survey '{survey_id}' version '{version}' is not served here")}]});
        let retry = [(header::RETRY_AFTER, UNSERVED_RETRY_AFTER)];
        return Err((StatusCode::SERVICE_UNAVAILABLE, retry, Json(report)).into_response());
    };
    // A roster answer the form could never produce is refused, located, first.
    let misfits = validate::fit(survey, answers);
    if !misfits.is_empty() {
        return Err((StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "errors": misfits }))).into_response());
    }
    // Rules are checked as of when the entry was made (an entry filled in
    // offline last week is judged by last week's `today()`).
    let received = now_ms();
    let flow = Flow::with_answers(survey, Some(entered_at(&envelope, received)), answers);
    let soft: BTreeSet<String> = survey.tanya.soft_required.iter().cloned().collect();
    let report = validate::all(&flow, Lang::EN, &soft);
    if report.has_blocking() {
        return Err(
            (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "errors": report.entries }))).into_response()
        );
    }
    if str_at(&envelope, &["fingerprint", "entry"])
        .is_some_and(|claimed| claimed != fingerprint::entry(survey, answers))
    {
        return Err(error(StatusCode::UNPROCESSABLE_ENTITY, "fingerprint.entry does not match the answers"));
    }
    // Stored as the form submits them: hidden answers dropped, computed
    // values computed here.
    let kept = flow.accepted(answers);
    let entry = fingerprint::entry(survey, &kept);
    let mut envelope = envelope.clone();
    envelope["answers"] = Value::Object(kept);
    // The device hash is stored keyed with the server's secret, never as sent.
    let device = crate::secret::keyed(
        &app.device_key,
        str_at(&envelope, &["fingerprint", "device"]).unwrap_or_default(),
    );
    if let Some(fp) = envelope.get_mut("fingerprint").and_then(Value::as_object_mut) {
        if fp.contains_key("device") {
            fp.insert("device".into(), Value::from(device.clone()));
        }
    }
    let new = NewEntry {
        submission_id: submission_id.to_string(),
        survey_id: survey_id.to_string(),
        version: version.to_string(),
        received_at: tanya_engine::expr::date::to_iso(received),
        respondent: str_at(&envelope, &["fingerprint", "respondent"]).unwrap_or_default().to_string(),
        device,
        entry,
        similarity: str_at(&envelope, &["fingerprint", "similarity"]).unwrap_or_default().to_string(),
        body: envelope.to_string(),
    };
    let policy = survey.tanya.duplicates;
    let computed = survey.computed_keys().map(str::to_string).collect();
    Ok(Checked { new, policy, stored: envelope, computed })
}

/// Whether the envelope stored first under a submission id (`first`, its
/// stored text) is the one `stored` again: a retry. The answers computed
/// here are left out of the comparison: they are computed as of when the
/// entry was made, and that is its arrival when the device's clock is
/// ahead, so each retry computes a `currentDate()` anew.
fn same_entry(first: &str, stored: &Value, computed: &[String]) -> bool {
    let without = |mut v: Value| {
        if let Some(answers) = v.get_mut("answers").and_then(Value::as_object_mut) {
            answers.retain(|k, _| !computed.contains(k));
        }
        v
    };
    serde_json::from_str::<Value>(first).is_ok_and(|f| without(f) == without(stored.clone()))
}

/// An entry that passed every check, ready to store.
struct Checked {
    new: NewEntry,
    policy: tanya_engine::schema::DuplicatePolicy,
    /// The envelope as stored, to tell a retry from a reused id.
    stored: Value,
    /// The answer keys the collector computes for this questionnaire (see
    /// [`same_entry`]): left out on both sides, present or not.
    computed: Vec<String>,
}

/// `POST /api/submissions`: the checks run on a blocking thread, at most
/// [`App::engine`] at once, so a large or slow entry never holds up the
/// server's own threads.
pub async fn submit(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let json_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| {
        t.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json_type {
        return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
    }
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string);
    let Ok(permit) = app.engine.clone().acquire_owned().await else {
        return error(StatusCode::SERVICE_UNAVAILABLE, "the collector is shutting down");
    };
    let worker = app.clone();
    let checked = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        check(&worker, key.as_deref(), &body)
    })
    .await;
    let Checked { new, policy, stored: envelope, computed } = match checked {
        Ok(Ok(c)) => c,
        Ok(Err(refusal)) => return *refusal,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let store = app.store.clone();
    match tokio::task::spawn_blocking(move || store.insert(&new, policy)).await {
        Ok(Ok(Inserted::Created(r))) => (StatusCode::CREATED, Json(r)).into_response(),
        // A retry stores what the first attempt stored; anything else is a
        // reused id, and acknowledging it would drop this entry unseen.
        Ok(Ok(Inserted::Replayed(r, first))) if same_entry(&first, &envelope, &computed) => {
            (StatusCode::OK, Json(r)).into_response()
        }
        Ok(Ok(Inserted::Replayed(r, _))) => {
            let message = format!("submission_id {} was already used for a different entry", r.id);
            let errors = json!([{"question": "", "rule": "submission_id", "message": message}]);
            (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"errors": errors, "first": r}))).into_response()
        }
        // A refusal, never 409: a form (and any client) may read 409 as
        // "already stored", and this entry is not stored. The `duplicate`
        // rule lets the form tell the respondent why, and keep the entry.
        Ok(Ok(Inserted::Duplicate(r))) => {
            let message = format!(
                "this respondent already sent an entry ({} at {}); the survey accepts one per respondent",
                r.id, r.received_at
            );
            let errors =
                json!([{"question": "", "rule": tanya_engine::outbox::DUPLICATE_RULE, "message": message}]);
            (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"errors": errors, "first": r}))).into_response()
        }
        Ok(Err(e)) => ApiError::from(e).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

fn authorized(app: &App, headers: &HeaderMap) -> bool {
    let Some(token) = app.token.as_deref().filter(|t| !t.is_empty()) else { return false };
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| same_secret(given.as_bytes(), token.as_bytes()))
}

/// Whether two secrets are equal, in time that does not depend on where
/// they differ: both are hashed, and the digests compared without stopping
/// at the first difference.
fn same_secret(given: &[u8], secret: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    let (a, b) = (Sha256::digest(given), Sha256::digest(secret));
    a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Entries read from the store per query while exporting.
const EXPORT_PAGE: usize = 1000;

/// Where an entry stands in the store's order: `(received_at, submission_id)`.
type Cursor = (String, String);

/// Reads the stored entries page by page, handing each page to `each`
/// (which returns false to stop), up to and including `until` when given.
/// Returns the cursor of the last entry read.
fn each_page(
    store: &dyn Store,
    until: Option<&Cursor>,
    mut each: impl FnMut(&[Row]) -> bool,
) -> Result<Option<Cursor>, StoreError> {
    let mut after: Option<Cursor> = None;
    loop {
        let mut page = store.page(after.as_ref(), EXPORT_PAGE)?;
        let full = page.len() == EXPORT_PAGE;
        if let Some(end) = until {
            page.retain(|r| (&r.entry.received_at, &r.entry.submission_id) <= (&end.0, &end.1));
        }
        let Some(last) = page.last() else { return Ok(after) };
        after = Some((last.entry.received_at.clone(), last.entry.submission_id.clone()));
        let reached_end = until.is_some_and(|end| after.as_ref() == Some(end));
        if !each(&page) || !full || reached_end {
            return Ok(after);
        }
    }
}

/// `GET /api/export.csv`: one row per entry, streamed. A first pass over
/// the store finds the columns; the second sends the rows as it reads them,
/// so memory stays one page deep however large the round. The second pass
/// stops where the first ended: an entry stored in between could carry an
/// answer without a column, and waits for the next export.
pub async fn export(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if !authorized(&app, &headers) {
        return error(StatusCode::UNAUTHORIZED, "a bearer token is required");
    }
    let store = app.store.clone();
    let mut layout = report::CsvLayout::new(&app.surveys);
    let learned = tokio::task::spawn_blocking(move || {
        each_page(store.as_ref(), None, |rows| {
            rows.iter().for_each(|r| layout.learn(r));
            true
        })
        .map(|end| (layout, end))
    })
    .await;
    let (layout, end) = match learned {
        Ok(Ok(learned)) => learned,
        Ok(Err(e)) => return ApiError::from(e).into_response(),
        Err(e) => return ApiError::from(e).into_response(),
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, StoreError>>(4);
    let store = app.store.clone();
    tokio::task::spawn_blocking(move || {
        if tx.blocking_send(Ok(layout.header())).is_err() {
            return;
        }
        // Nothing stored at the first pass: the header alone.
        let Some(end) = end else { return };
        let sent = each_page(store.as_ref(), Some(&end), |rows| {
            let chunk: String = rows.iter().map(|r| layout.line(r)).collect();
            tx.blocking_send(Ok(chunk)).is_ok()
        });
        if let Err(e) = sent {
            // The status is already 200: cutting the stream short tells the client.
            let _ = tx.blocking_send(Err(e));
        }
    });
    let chunks = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|c| (c, rx)) });
    // Answers never stay in a browser's or a proxy's cache.
    let headers = [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CACHE_CONTROL, "no-store")];
    (headers, axum::body::Body::from_stream(chunks)).into_response()
}

/// `GET /api/export.ndjson`: one JSON object per line and entry, streamed
/// page by page: the entry's columns and its answers in their nested
/// shape (rosters as SurveyJS stores them), with meta, fingerprint and quality.
pub async fn export_ndjson(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if !authorized(&app, &headers) {
        return error(StatusCode::UNAUTHORIZED, "a bearer token is required");
    }
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, StoreError>>(4);
    let store = app.store.clone();
    tokio::task::spawn_blocking(move || {
        let sent = each_page(store.as_ref(), None, |rows| {
            let chunk: String = rows.iter().map(report::ndjson_line).collect();
            tx.blocking_send(Ok(chunk)).is_ok()
        });
        if let Err(e) = sent {
            let _ = tx.blocking_send(Err(e));
        }
    });
    let chunks = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|c| (c, rx)) });
    let headers =
        [(header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8"), (header::CACHE_CONTROL, "no-store")];
    (headers, axum::body::Body::from_stream(chunks)).into_response()
}

/// `GET /api/duplicates?distance=N`: exact and near-duplicate clusters per survey.
pub async fn duplicates(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if !authorized(&app, &headers) {
        return error(StatusCode::UNAUTHORIZED, "a bearer token is required");
    }
    let distance: u32 = q.get("distance").and_then(|d| d.parse().ok()).unwrap_or(3).min(64);
    let store = app.store.clone();
    match tokio::task::spawn_blocking(move || store.fingerprints()).await {
        Ok(Ok(rows)) => {
            ([(header::CACHE_CONTROL, "no-store")], Json(report::clusters(&rows, distance))).into_response()
        }
        Ok(Err(e)) => ApiError::from(e).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}
