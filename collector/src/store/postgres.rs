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
use deadpool_postgres::{Manager, ManagerConfig, Pool, PoolError, RecyclingMethod, TimeoutType};
use std::time::Duration;
use tanya_engine::schema::DuplicatePolicy;
use tokio_postgres::types::ToSql;
use tokio_postgres::NoTls;

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

/// A connection from the pool, with its cache of prepared statements.
type Client = deadpool_postgres::Object;

/// A PostgreSQL database reached by URL, through a deadpool connection pool.
///
/// The [`Store`] trait is synchronous: the server calls it from
/// `spawn_blocking`, and tests and the bench from plain threads. The pool's
/// connections run on the store's own small runtime, and each call blocks
/// on it, which is allowed on any thread that is not itself async.
pub struct Postgres {
    pool: Pool,
    /// Drives the connections; `None` only while the store is dropped.
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Postgres {
    /// A runtime dropped on an async thread panics; shutting it down in the
    /// background does not, whatever context the store itself ends in.
    fn drop(&mut self) {
        self.pool.close();
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

impl Postgres {
    /// Connects to `url` and runs the migrations that have not run yet.
    pub fn open(url: &str, ca: Option<&std::path::Path>) -> Result<Postgres, StoreError> {
        let mut config: tokio_postgres::Config = url.parse()?;
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
        // Fast recycling: a connection that closed is replaced, and a live
        // one costs no query to hand out again.
        let manager_config = ManagerConfig { recycling_method: RecyclingMethod::Fast };
        let manager = match transport {
            Transport::Plain => Manager::from_config(config, NoTls, manager_config),
            Transport::Tls(tls) => Manager::from_config(config, tls, manager_config),
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("tanya-postgres")
            .enable_all()
            .build()
            .map_err(|e| StoreError::Io(format!("starting the database runtime: {e}")))?;
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .wait_timeout(Some(LEASE_TIMEOUT))
            .create_timeout(Some(CONNECT_TIMEOUT))
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|e| StoreError::Pool(e.to_string()))?;
        let store = Postgres { pool, runtime: Some(runtime) };
        store.block_on(async {
            let mut c = store.client().await?;
            let tx = c.transaction().await?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
            tx.batch_execute(
                "CREATE TABLE IF NOT EXISTS tanya_migrations (
                 version    INTEGER PRIMARY KEY,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            )
            .await?;
            let done: i32 =
                tx.query_one("SELECT COALESCE(max(version), 0) FROM tanya_migrations", &[]).await?.get(0);
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(done).unwrap_or(0)) {
                tx.batch_execute(sql).await?;
                let version = i32::try_from(i + 1).unwrap_or(i32::MAX);
                tx.execute("INSERT INTO tanya_migrations (version) VALUES ($1)", &[&version]).await?;
            }
            tx.commit().await?;
            Ok(())
        })?;
        Ok(store)
    }

    /// Runs `work` to completion on the store's runtime.
    fn block_on<T>(
        &self,
        work: impl std::future::Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        match &self.runtime {
            Some(rt) => rt.block_on(work),
            None => Err(StoreError::Pool("the store is closed".into())),
        }
    }

    /// A pooled connection: an idle one, a new one while fewer than
    /// `POOL_SIZE` exist, or the next one given back within `LEASE_TIMEOUT`.
    async fn client(&self) -> Result<Client, StoreError> {
        self.pool.get().await.map_err(|e| match e {
            PoolError::Timeout(TimeoutType::Wait) => StoreError::Busy,
            PoolError::Backend(e) => StoreError::Postgres(e),
            other => StoreError::Pool(other.to_string()),
        })
    }
}

/// Runs one statement through the connection's statement cache, so a
/// statement is parsed once per connection, not once per request.
async fn execute(c: &Client, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, StoreError> {
    let statement = c.prepare_cached(sql).await?;
    Ok(c.execute(&statement, params).await?)
}

/// Runs one query through the connection's statement cache.
async fn query(
    c: &Client,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<tokio_postgres::Row>, StoreError> {
    let statement = c.prepare_cached(sql).await?;
    Ok(c.query(&statement, params).await?)
}

fn receipt(row: &tokio_postgres::Row) -> Result<Receipt, StoreError> {
    Ok(Receipt { id: row.try_get(0)?, received_at: row.try_get(1)? })
}

/// Stores `e` flagged as a duplicate of `first` (or unflagged when `None`);
/// `false` when a unique index refused it.
async fn try_insert(c: &Client, e: &NewEntry, first: Option<&str>) -> Result<bool, StoreError> {
    let n = execute(
        c,
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
    )
    .await?;
    Ok(n == 1)
}

/// A stored entry's receipt and body, as a replay of it gets them.
async fn by_id(c: &Client, id: &str) -> Result<Option<Inserted>, StoreError> {
    query(c, "SELECT submission_id, received_at, body FROM submissions WHERE submission_id = $1", &[&id])
        .await?
        .first()
        .map(|r| Ok(Inserted::Replayed(receipt(r)?, r.try_get(2)?)))
        .transpose()
}

/// The unflagged entry `e` duplicates: by respondent id, or by device and
/// entry hash; the earlier when both exist.
async fn first_of(c: &Client, e: &NewEntry) -> Result<Option<Receipt>, StoreError> {
    let rows = query(
        c,
        "SELECT submission_id, received_at FROM submissions
         WHERE survey_id = $1 AND duplicate_of IS NULL
           AND ((respondent = $2 AND respondent <> '')
                OR (device = $3 AND entry = $4 AND device <> '' AND entry <> ''))
         ORDER BY received_at, submission_id LIMIT 1",
        &[&e.survey_id, &e.respondent, &e.device, &e.entry],
    )
    .await?;
    rows.first().map(receipt).transpose()
}

/// The unflagged entry of the same respondent id, if any.
async fn first_by_respondent(c: &Client, e: &NewEntry) -> Result<Option<Receipt>, StoreError> {
    if e.respondent.is_empty() {
        return Ok(None);
    }
    query(
        c,
        "SELECT submission_id, received_at FROM submissions
         WHERE survey_id = $1 AND respondent = $2 AND duplicate_of IS NULL",
        &[&e.survey_id, &e.respondent],
    )
    .await?
    .first()
    .map(receipt)
    .transpose()
}

impl Store for Postgres {
    fn insert(&self, e: &NewEntry, policy: DuplicatePolicy) -> Result<Inserted, StoreError> {
        self.block_on(async { insert(&self.client().await?, e, policy).await })
    }

    fn fingerprints(&self) -> Result<Vec<Row>, StoreError> {
        self.block_on(async {
            let c = self.client().await?;
            let sql =
                format!("SELECT {FINGERPRINT_COLUMNS} FROM submissions ORDER BY received_at, submission_id");
            query(&c, &sql, &[]).await?.iter().map(row).collect()
        })
    }

    fn page(&self, after: Option<&(String, String)>, limit: usize) -> Result<Vec<Row>, StoreError> {
        self.block_on(async {
            let c = self.client().await?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = match after {
                Some((at, id)) => {
                    let sql = format!(
                        "SELECT {COLUMNS} FROM submissions WHERE (received_at, submission_id) > ($1, $2)
                         ORDER BY received_at, submission_id LIMIT $3"
                    );
                    query(&c, &sql, &[at, id, &limit]).await?
                }
                None => {
                    let sql = format!(
                        "SELECT {COLUMNS} FROM submissions ORDER BY received_at, submission_id LIMIT $1"
                    );
                    query(&c, &sql, &[&limit]).await?
                }
            };
            rows.iter().map(row).collect()
        })
    }
}

/// Stores an entry once; see [`Store::insert`] and this module's note.
async fn insert(c: &Client, e: &NewEntry, policy: DuplicatePolicy) -> Result<Inserted, StoreError> {
    let created =
        || Inserted::Created(Receipt { id: e.submission_id.clone(), received_at: e.received_at.clone() });
    // The common case, a new entry, is one statement.
    if try_insert(c, e, None).await? {
        return Ok(created());
    }
    // A unique index refused it: the same id stored meanwhile, or a duplicate.
    if let Some(replayed) = by_id(c, &e.submission_id).await? {
        return Ok(replayed);
    }
    // Only the same respondent id is refused under `block`: the same
    // device and answers may be two people on one phone model.
    if policy == DuplicatePolicy::Block {
        if let Some(r) = first_by_respondent(c, e).await? {
            return Ok(Inserted::Duplicate(r));
        }
    }
    let first = first_of(c, e).await?.ok_or(StoreError::Vanished)?;
    if try_insert(c, e, Some(&first.id)).await? {
        return Ok(created());
    }
    by_id(c, &e.submission_id).await?.ok_or(StoreError::Vanished)
}

/// A stored row, from the ten columns in their usual order.
fn row(r: &tokio_postgres::Row) -> Result<Row, StoreError> {
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
