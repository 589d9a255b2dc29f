//! The embedded default store: one SQLite file in WAL mode.

use super::{Inserted, NewEntry, Receipt, Row, Store, StoreError, COLUMNS, FINGERPRINT_COLUMNS};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;
use std::sync::Mutex;
use tanya_engine::schema::DuplicatePolicy;

/// The embedded default: one SQLite file in WAL mode.
pub struct Sqlite {
    conn: Mutex<Connection>,
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
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let done: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(done).unwrap_or(0)) {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        Ok(Sqlite { conn: Mutex::new(conn) })
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

impl Store for Sqlite {
    fn insert(&self, e: &NewEntry, policy: DuplicatePolicy) -> Result<Inserted, StoreError> {
        let mut conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
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
        tx.commit()?;
        Ok(Inserted::Created(Receipt { id: e.submission_id.clone(), received_at: e.received_at.clone() }))
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
