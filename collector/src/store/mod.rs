//! Storage behind a small trait: SQLite, the embedded default, and
//! PostgreSQL, for several collectors behind one database.

mod postgres;
mod sqlite;
mod tls;

pub use self::postgres::Postgres;
pub use self::sqlite::Sqlite;
use serde::Serialize;
use tanya_engine::schema::DuplicatePolicy;

/// A stored row's columns, in the order both stores' `row` functions read.
const COLUMNS: &str =
    "submission_id, survey_id, version, received_at, respondent, device, entry, similarity, duplicate_of, body";

/// The same columns with the body left empty, for reports that need only
/// the fingerprints.
const FINGERPRINT_COLUMNS: &str =
    "submission_id, survey_id, version, received_at, respondent, device, entry, similarity, duplicate_of, '' AS body";

/// What the collector acknowledges: the entry's id and when it arrived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// The entry's `submission_id`.
    pub id: String,
    /// When it was first stored, ISO 8601.
    pub received_at: String,
}

/// An entry to store, already validated.
#[derive(Clone, Debug)]
pub struct NewEntry {
    /// The entry's UUID.
    pub submission_id: String,
    /// Survey id.
    pub survey_id: String,
    /// Survey version.
    pub version: String,
    /// Arrival time, ISO 8601.
    pub received_at: String,
    /// Random per-survey browser id.
    pub respondent: String,
    /// Device hash.
    pub device: String,
    /// Entry hash.
    pub entry: String,
    /// SimHash, 16 hex digits.
    pub similarity: String,
    /// The envelope as received, its answers as kept ([`tanya_engine::flow::Flow::accepted`]).
    pub body: String,
}

/// A stored entry: what was inserted, and whether it duplicates an earlier one.
#[derive(Clone, Debug)]
pub struct Row {
    /// The entry as stored.
    pub entry: NewEntry,
    /// The first entry this one duplicates, when the policy let it in flagged.
    pub duplicate_of: Option<String>,
}

/// How an insert went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// A new entry (possibly flagged as a duplicate under `warn` or `allow`).
    Created(Receipt),
    /// The same `submission_id` again: the first receipt and the body
    /// stored then (the caller tells a retry from a reused id); nothing stored.
    Replayed(Receipt, String),
    /// The same respondent id again, refused under `block`: the first entry's receipt.
    Duplicate(Receipt),
}

/// Occurs when the database fails.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Occurs when SQLite returns an error.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Occurs when PostgreSQL returns an error or the connection fails.
    #[error("database: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// Occurs when the connection pool cannot be built or hand out a
    /// connection for a reason other than PostgreSQL's own error.
    #[error("database pool: {0}")]
    Pool(String),
    /// Occurs when every pooled connection stayed busy for the whole wait.
    #[error("database: no connection came free in time")]
    Busy,
    /// Occurs when the database file cannot be created.
    #[error("database file: {0}")]
    Io(String),
    /// Occurs when the connection lock was poisoned by a panic.
    #[error("database lock poisoned")]
    Poisoned,
    /// Occurs when TLS to the database cannot be set up, or the URL turns it
    /// off for a database on another machine.
    #[error("database TLS: {0}")]
    Tls(String),
    /// Occurs when a conflicting row named by a unique index cannot be found again.
    #[error("database: an insert conflicted with a row that is not there")]
    Vanished,
}

/// Where entries are kept.
pub trait Store: Send + Sync {
    /// Stores an entry once: a replayed id returns the first receipt. A
    /// duplicate (same respondent id, or same device and entry hash) is
    /// stored flagged with the first entry's id, except that `block` refuses
    /// the same respondent id: the same device and answers is evidence, not
    /// proof (two people on one phone model may answer alike).
    fn insert(&self, entry: &NewEntry, policy: DuplicatePolicy) -> Result<Inserted, StoreError>;
    /// Every stored entry, oldest first, with its body left empty: the
    /// duplicate report needs only the fingerprints, and a national round's
    /// bodies run to gigabytes (the export pages through them instead).
    fn fingerprints(&self) -> Result<Vec<Row>, StoreError>;
    /// Up to `limit` entries with bodies, oldest first, strictly after the
    /// `(received_at, submission_id)` cursor: the export reads a national
    /// round page by page instead of all at once.
    fn page(&self, after: Option<&(String, String)>, limit: usize) -> Result<Vec<Row>, StoreError>;
}

/// Opens the store `db` names: a `postgres://` (or `postgresql://`) URL, or
/// otherwise a SQLite file path. Migrations run before it returns.
pub fn open(db: &str, ca: Option<&std::path::Path>) -> Result<std::sync::Arc<dyn Store>, StoreError> {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        Ok(std::sync::Arc::new(Postgres::open(db, ca)?))
    } else {
        Ok(std::sync::Arc::new(Sqlite::open(std::path::Path::new(db))?))
    }
}
