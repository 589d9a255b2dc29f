//! The PostgreSQL store, for several collector processes behind one database.
//!
//! Nothing here relies on a lock inside the process: the primary key makes a
//! replayed `submission_id` a no-op, and two partial unique indexes (see the
//! migration) allow one unflagged entry per respondent and per device and
//! entry hash. Each insert first tries to store the entry as an original; a
//! conflict means either a replay or a duplicate, told apart by reading the
//! conflicting row back, which READ COMMITTED shows once the other
//! transaction has committed. A new entry costs one statement.

use super::tls::{transport, Transport};
use super::{Inserted, NewEntry, Receipt, Row, Store, StoreError, COLUMNS, FINGERPRINT_COLUMNS};
use postgres::{Client, NoTls};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};
use tanya_engine::schema::DuplicatePolicy;

/// Migrations, in order; the `tanya_migrations` table records which ran.
const MIGRATIONS: &[&str] = &[include_str!("../../migrations/postgres/0001_init.sql")];

/// Any fixed number: the advisory lock that serialises migrations when
/// several collectors start at once.
const MIGRATION_LOCK: i64 = 0x0074_616e_7961;

/// Connections each process keeps at most.
const POOL_SIZE: usize = 16;
/// How long opening a connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request waits for a pooled connection before it fails.
const LEASE_TIMEOUT: Duration = Duration::from_secs(30);

/// A PostgreSQL database reached by URL, with a small connection pool.
pub struct Postgres {
    config: postgres::Config,
    /// TLS for a database on another machine (see `tls.rs`).
    transport: Transport,
    idle: Mutex<Pool>,
    freed: Condvar,
}

/// The pool's idle connections and how many exist in all.
struct Pool {
    idle: Vec<Client>,
    open: usize,
}

/// A connection borrowed from the pool, given back when dropped (also when
/// the work on it panicked); a closed connection is dropped instead.
struct Lease<'a> {
    client: Option<Client>,
    store: &'a Postgres,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Ok(mut pool) = self.store.idle.lock() {
            match self.client.take() {
                Some(c) if !c.is_closed() => pool.idle.push(c),
                _ => pool.open -= 1,
            }
        }
        self.store.freed.notify_one();
    }
}

impl Drop for Postgres {
    /// Each client owns a small runtime, which panics when dropped on an
    /// async thread; the idle clients are dropped on a plain thread instead,
    /// whatever context the store itself ends in.
    fn drop(&mut self) {
        let clients = self.idle.lock().map(|mut p| std::mem::take(&mut p.idle)).unwrap_or_default();
        if !clients.is_empty() {
            let _ = std::thread::spawn(move || drop(clients)).join();
        }
    }
}

impl Postgres {
    /// Connects to `url` and runs the migrations that have not run yet.
    pub fn open(url: &str, ca: Option<&std::path::Path>) -> Result<Postgres, StoreError> {
        let mut config: postgres::Config = url.parse()?;
        let transport = transport(&mut config, ca)?;
        // A database that stops answering must surface as errors (the browser
        // retries), never as requests that hang for good.
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.keepalives(true).keepalives_idle(Duration::from_secs(30));
        if config.get_options().is_none() {
            config.options("-c statement_timeout=30000");
        }
        let store = Postgres {
            config,
            transport,
            idle: Mutex::new(Pool { idle: vec![], open: 0 }),
            freed: Condvar::new(),
        };
        store.with(|c| {
            let mut tx = c.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
            tx.batch_execute(
                "CREATE TABLE IF NOT EXISTS tanya_migrations (
                 version    INTEGER PRIMARY KEY,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            )?;
            let done: i32 =
                tx.query_one("SELECT COALESCE(max(version), 0) FROM tanya_migrations", &[])?.get(0);
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(done).unwrap_or(0)) {
                tx.batch_execute(sql)?;
                let version = i32::try_from(i + 1).unwrap_or(i32::MAX);
                tx.execute("INSERT INTO tanya_migrations (version) VALUES ($1)", &[&version])?;
            }
            tx.commit()?;
            Ok(())
        })?;
        Ok(store)
    }

    /// Runs `work` on a pooled connection.
    fn with<T>(&self, work: impl FnOnce(&mut Client) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut lease = self.lease()?;
        match lease.client.as_mut() {
            Some(c) => work(c),
            None => Err(StoreError::Poisoned),
        }
    }

    /// Borrows an idle connection, opens one while fewer than `POOL_SIZE`
    /// exist, or waits for one to be given back.
    fn lease(&self) -> Result<Lease<'_>, StoreError> {
        let deadline = Instant::now() + LEASE_TIMEOUT;
        let mut pool = self.idle.lock().map_err(|_| StoreError::Poisoned)?;
        loop {
            if let Some(client) = pool.idle.pop() {
                return Ok(Lease { client: Some(client), store: self });
            }
            if pool.open < POOL_SIZE {
                pool.open += 1;
                drop(pool);
                let connected = match &self.transport {
                    Transport::Plain => self.config.connect(NoTls),
                    Transport::Tls(tls) => self.config.connect(tls.clone()),
                };
                return match connected {
                    Ok(client) => Ok(Lease { client: Some(client), store: self }),
                    Err(e) => {
                        if let Ok(mut pool) = self.idle.lock() {
                            pool.open -= 1;
                        }
                        // The slot is free again: a waiting request may try.
                        self.freed.notify_one();
                        Err(e.into())
                    }
                };
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(StoreError::Busy);
            }
            pool = self.freed.wait_timeout(pool, left).map_err(|_| StoreError::Poisoned)?.0;
        }
    }
}

fn receipt(row: &postgres::Row) -> Result<Receipt, StoreError> {
    Ok(Receipt { id: row.try_get(0)?, received_at: row.try_get(1)? })
}

/// Stores `e` flagged as a duplicate of `first` (or unflagged when `None`);
/// `false` when a unique index refused it.
fn try_insert(c: &mut Client, e: &NewEntry, first: Option<&str>) -> Result<bool, StoreError> {
    let n = c.execute(
        &format!(
            "INSERT INTO submissions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT DO NOTHING"
        ),
        &[
            &e.submission_id,
            &e.survey_id,
            &e.version,
            &e.received_at,
            &e.respondent,
            &e.device,
            &e.entry,
            &e.similarity,
            &first,
            &e.body,
        ],
    )?;
    Ok(n == 1)
}

/// A stored entry's receipt and body, as a replay of it gets them.
fn by_id(c: &mut Client, id: &str) -> Result<Option<Inserted>, StoreError> {
    c.query_opt("SELECT submission_id, received_at, body FROM submissions WHERE submission_id = $1", &[&id])?
        .map(|r| Ok(Inserted::Replayed(receipt(&r)?, r.try_get(2)?)))
        .transpose()
}

/// The unflagged entry `e` duplicates: by respondent id, or by device and
/// entry hash; the earlier when both exist.
fn first_of(c: &mut Client, e: &NewEntry) -> Result<Option<Receipt>, StoreError> {
    let rows = c.query(
        "SELECT submission_id, received_at FROM submissions
         WHERE survey_id = $1 AND duplicate_of IS NULL
           AND ((respondent = $2 AND respondent <> '')
                OR (device = $3 AND entry = $4 AND device <> '' AND entry <> ''))
         ORDER BY received_at, submission_id LIMIT 1",
        &[&e.survey_id, &e.respondent, &e.device, &e.entry],
    )?;
    rows.first().map(receipt).transpose()
}

/// The unflagged entry of the same respondent id, if any.
fn first_by_respondent(c: &mut Client, e: &NewEntry) -> Result<Option<Receipt>, StoreError> {
    if e.respondent.is_empty() {
        return Ok(None);
    }
    c.query_opt(
        "SELECT submission_id, received_at FROM submissions
         WHERE survey_id = $1 AND respondent = $2 AND duplicate_of IS NULL",
        &[&e.survey_id, &e.respondent],
    )?
    .map(|r| receipt(&r))
    .transpose()
}

impl Store for Postgres {
    fn insert(&self, e: &NewEntry, policy: DuplicatePolicy) -> Result<Inserted, StoreError> {
        self.with(|c| insert(c, e, policy))
    }

    fn fingerprints(&self) -> Result<Vec<Row>, StoreError> {
        self.with(fingerprints)
    }

    fn page(&self, after: Option<&(String, String)>, limit: usize) -> Result<Vec<Row>, StoreError> {
        self.with(|c| {
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = match after {
                Some((at, id)) => c.query(
                    &format!(
                        "SELECT {COLUMNS} FROM submissions WHERE (received_at, submission_id) > ($1, $2)
                         ORDER BY received_at, submission_id LIMIT $3"
                    ),
                    &[at, id, &limit],
                )?,
                None => c.query(
                    &format!(
                        "SELECT {COLUMNS} FROM submissions ORDER BY received_at, submission_id LIMIT $1"
                    ),
                    &[&limit],
                )?,
            };
            rows.iter().map(row).collect()
        })
    }
}

/// Stores an entry once; see [`Store::insert`] and this module's note.
fn insert(c: &mut Client, e: &NewEntry, policy: DuplicatePolicy) -> Result<Inserted, StoreError> {
    // The common case, a new entry, is one statement.
    if try_insert(c, e, None)? {
        return Ok(Inserted::Created(Receipt {
            id: e.submission_id.clone(),
            received_at: e.received_at.clone(),
        }));
    }
    // A unique index refused it: the same id stored meanwhile, or a duplicate.
    if let Some(replayed) = by_id(c, &e.submission_id)? {
        return Ok(replayed);
    }
    // Only the same respondent id is refused under `block`: the same
    // device and answers may be two people on one phone model.
    if policy == DuplicatePolicy::Block {
        if let Some(r) = first_by_respondent(c, e)? {
            return Ok(Inserted::Duplicate(r));
        }
    }
    let first = first_of(c, e)?.ok_or(StoreError::Vanished)?;
    if try_insert(c, e, Some(&first.id))? {
        return Ok(Inserted::Created(Receipt {
            id: e.submission_id.clone(),
            received_at: e.received_at.clone(),
        }));
    }
    by_id(c, &e.submission_id)?.ok_or(StoreError::Vanished)
}

/// A stored row, from the ten columns in their usual order.
fn row(r: &postgres::Row) -> Result<Row, StoreError> {
    Ok(Row {
        entry: NewEntry {
            submission_id: r.try_get(0)?,
            survey_id: r.try_get(1)?,
            version: r.try_get(2)?,
            received_at: r.try_get(3)?,
            respondent: r.try_get(4)?,
            device: r.try_get(5)?,
            entry: r.try_get(6)?,
            similarity: r.try_get(7)?,
            body: r.try_get(9)?,
        },
        duplicate_of: r.try_get(8)?,
    })
}

/// Every stored entry, oldest first, without its body.
fn fingerprints(c: &mut Client) -> Result<Vec<Row>, StoreError> {
    let rows = c.query(
        &format!("SELECT {FINGERPRINT_COLUMNS} FROM submissions ORDER BY received_at, submission_id"),
        &[],
    )?;
    rows.iter().map(row).collect()
}
