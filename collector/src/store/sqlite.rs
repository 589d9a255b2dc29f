//! The embedded default store: one SQLite file in WAL mode, written with
//! `synchronous=FULL` so an acknowledged entry survives a power cut.
//!
//! Every commit waits for the disk, so entries are committed in groups: one
//! writer thread takes every insert waiting at that moment, runs them in
//! order in one transaction, commits once, and only then answers each. An
//! entry is still acknowledged only after the commit that holds it.

use super::{Inserted, NewEntry, Receipt, Row, Store, StoreError, COLUMNS, FINGERPRINT_COLUMNS};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use tanya_engine::schema::DuplicatePolicy;

/// One insert for the writer: the entry, its policy, and where to answer.
type Job = (NewEntry, DuplicatePolicy, SyncSender<Result<Inserted, StoreError>>);

/// The most inserts one commit holds.
const GROUP: usize = 256;

/// The embedded default: one SQLite file in WAL mode.
pub struct Sqlite {
    conn: Arc<Mutex<Connection>>,
    /// The writer thread's queue; the thread ends when this is dropped.
    writer: Mutex<Sender<Job>>,
}

/// Migrations, in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[include_str!("../../migrations/sqlite/0001_init.sql")];

impl Sqlite {
    /// Opens (creating on first start) the database file and runs migrations.
    pub fn open(path: &Path) -> Result<Sqlite, StoreError> {
        // Created readable by its owner only: it holds every answer. (SQLite
        // gives its -wal and -shm files the same permissions.)
        if !path.exists() {
            use std::os::unix::fs::OpenOptionsExt;
            let created = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path);
            if let Err(e) = created.map(drop) {
                if e.kind() != std::io::ErrorKind::AlreadyExists {
                    return Err(StoreError::Io(e.to_string()));
                }
            }
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit reaches the disk before the entry is acknowledged,
        // so a power cut cannot lose an entry the phone has let go of
        // (NORMAL in WAL mode may lose the last commits).
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let done: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(done).unwrap_or(0)) {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        let conn = Arc::new(Mutex::new(conn));
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let shared = conn.clone();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || write_groups(&shared, &rx))
            .map_err(|e| StoreError::Io(format!("the writer thread: {e}")))?;
        Ok(Sqlite { conn, writer: Mutex::new(tx) })
    }
}

/// The writer thread: each turn takes the inserts waiting (at most
/// [`GROUP`]), runs them in one transaction in arrival order, commits, then
/// answers each; a failed commit fails them all, so none is acknowledged.
fn write_groups(conn: &Mutex<Connection>, rx: &Receiver<Job>) {
    while let Ok(first) = rx.recv() {
        let mut jobs = vec![first];
        while jobs.len() < GROUP {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let results: Result<Vec<Result<Inserted, StoreError>>, StoreError> = (|| {
            let mut conn = conn.lock().map_err(|_| StoreError::Poisoned)?;
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let each = jobs.iter().map(|(e, policy, _)| insert_in(&tx, e, *policy)).collect();
            tx.commit()?;
            Ok(each)
        })();
        match results {
            Ok(each) => {
                for ((_, _, reply), result) in jobs.into_iter().zip(each) {
                    let _ = reply.send(result);
                }
            }
            Err(e) => {
                let message = e.to_string();
                for (_, _, reply) in jobs {
                    let _ = reply.send(Err(StoreError::Io(format!("commit failed: {message}"))));
                }
            }
        }
    }
}

/// A stored row, from the ten columns in their usual order.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        entry: NewEntry {
            submission_id: r.get(0)?,
            survey_id: r.get(1)?,
            version: r.get(2)?,
            received_at: r.get(3)?,
            respondent: r.get(4)?,
            device: r.get(5)?,
            entry: r.get(6)?,
            similarity: r.get(7)?,
            body: r.get(9)?,
        },
        duplicate_of: r.get(8)?,
    })
}

fn receipt(row: &rusqlite::Row<'_>) -> rusqlite::Result<Receipt> {
    Ok(Receipt { id: row.get(0)?, received_at: row.get(1)? })
}

/// Stores an entry once inside the writer's transaction; see [`Store::insert`].
fn insert_in(tx: &Transaction<'_>, e: &NewEntry, policy: DuplicatePolicy) -> Result<Inserted, StoreError> {
    let replay = tx
        .query_row(
            "SELECT submission_id, received_at, body FROM submissions WHERE submission_id = ?1",
            [&e.submission_id],
            |row| Ok((receipt(row)?, row.get(2)?)),
        )
        .optional()?;
    if let Some((r, body)) = replay {
        return Ok(Inserted::Replayed(r, body));
    }
    // Two indexed look-ups (an OR across them would scan the table).
    let by_respondent = if e.respondent.is_empty() {
        None
    } else {
        tx.query_row(
            "SELECT submission_id, received_at FROM submissions
             WHERE survey_id = ?1 AND respondent = ?2 AND duplicate_of IS NULL
             ORDER BY received_at, submission_id LIMIT 1",
            params![e.survey_id, e.respondent],
            receipt,
        )
        .optional()?
    };
    let by_device = if e.device.is_empty() || e.entry.is_empty() {
        None
    } else {
        tx.query_row(
            "SELECT submission_id, received_at FROM submissions
             WHERE survey_id = ?1 AND device = ?2 AND entry = ?3 AND duplicate_of IS NULL
             ORDER BY received_at, submission_id LIMIT 1",
            params![e.survey_id, e.device, e.entry],
            receipt,
        )
        .optional()?
    };
    // Only the same respondent id is refused under `block`: the same
    // device and answers may be two people on one phone model.
    if let (Some(r), DuplicatePolicy::Block) = (&by_respondent, policy) {
        return Ok(Inserted::Duplicate(r.clone()));
    }
    let first = match (by_respondent, by_device) {
        (Some(a), Some(b)) => Some(if (&b.received_at, &b.id) < (&a.received_at, &a.id) { b } else { a }),
        (a, b) => a.or(b),
    };
    tx.execute(
        &format!("INSERT INTO submissions ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        params![
            e.submission_id,
            e.survey_id,
            e.version,
            e.received_at,
            e.respondent,
            e.device,
            e.entry,
            e.similarity,
            first.map(|r| r.id),
            e.body
        ],
    )?;
    Ok(Inserted::Created(Receipt { id: e.submission_id.clone(), received_at: e.received_at.clone() }))
}

impl Store for Sqlite {
    fn insert(&self, e: &NewEntry, policy: DuplicatePolicy) -> Result<Inserted, StoreError> {
        let (reply, answer) = sync_channel(1);
        let queued = self.writer.lock().map_err(|_| StoreError::Poisoned)?.send((e.clone(), policy, reply));
        queued.map_err(|_| StoreError::Io("the writer thread has stopped".into()))?;
        answer.recv().map_err(|_| StoreError::Io("the writer thread has stopped".into()))?
    }

    fn fingerprints(&self) -> Result<Vec<Row>, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {FINGERPRINT_COLUMNS} FROM submissions ORDER BY received_at, submission_id"
        ))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn page(&self, after: Option<&(String, String)>, limit: usize) -> Result<Vec<Row>, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let (at, id) = after.cloned().unwrap_or_default();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM submissions
             WHERE ?1 = 0 OR (received_at, submission_id) > (?2, ?3)
             ORDER BY received_at, submission_id LIMIT ?4"
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![after.is_some(), at, id, limit], row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
