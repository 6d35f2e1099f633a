//! Database layer: one connection type over PostgreSQL and SQLite, an r2d2 pool that picks the
//! backend from the URL scheme, per-backend pragmas and embedded per-backend migrations.

mod errors;
pub mod fast_time;
pub mod fts;
pub mod schema;
mod schema_activities;
mod schema_coordination;
mod schema_dashboard;
mod schema_groups;
mod schema_plans;
mod schema_search;
mod schema_suggestions;
pub mod sqlite_setup;
mod turns;

use std::ops::{Deref, DerefMut};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::R2D2Connection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::DatabaseUrl;
pub use errors::{is_connection_lost, is_unavailable};
pub use turns::Turns;

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// A pooled connection: the connection itself (`&mut conn` reaches it through `Deref`), whether
/// it was found dead, and when it was last handed back.
pub struct PoolConnection {
    conn: DbConnection,
    broken: bool,
    last_used: Instant,
}

impl PoolConnection {
    fn new(conn: DbConnection) -> Self {
        PoolConnection {
            conn,
            broken: false,
            last_used: Instant::now(),
        }
    }

    /// The pool closes it when it comes back instead of lending it again.
    pub fn mark_broken(&mut self) {
        self.broken = true;
    }
}

impl Deref for PoolConnection {
    type Target = DbConnection;

    fn deref(&self) -> &DbConnection {
        &self.conn
    }
}

impl DerefMut for PoolConnection {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.conn
    }
}

/// A connection used this recently is lent without a ping (HikariCP's `aliveBypassWindowMs`):
/// a busy pool pays nothing, an idle one is checked before use, so the first request after an
/// outage gets a fresh connection instead of a dead one.
const ALIVE_BYPASS: Duration = Duration::from_millis(500);

/// How long the CLI waits for a connection (the server's wait is `PORTAL_DB_TIMEOUT_SECS`).
const CLI_TIMEOUT: Duration = Duration::from_secs(10);

pub type DbPool = r2d2::Pool<ConnectionManager>;
pub type PooledConn = r2d2::PooledConnection<ConnectionManager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Arbitrary constant naming the PostgreSQL advisory lock that serialises migrations when
/// several instances start at once.
const MIGRATION_LOCK_KEY: i64 = 0x706f_7274_616c;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("connection pool: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("database file {path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
}

/// Opens connections for the backend named by the URL; never guesses.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ConnectionManager {
    pub fn new(url: DatabaseUrl) -> Self {
        Self { url }
    }
}

pub fn establish(url: &DatabaseUrl) -> Result<DbConnection, DbError> {
    match url {
        DatabaseUrl::Postgres(u) => Ok(DbConnection::Postgresql(PgConnection::establish(u)?)),
        DatabaseUrl::Sqlite(path) => {
            sqlite_setup::register();
            let mut conn = SqliteConnection::establish(path)?;
            // busy_timeout first: switching to WAL waits for a lock too.
            conn.batch_execute(
                "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
                 PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
            )?;
            Ok(DbConnection::Sqlite(conn))
        }
    }
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = PoolConnection;
    type Error = DbError;

    fn connect(&self) -> Result<PoolConnection, DbError> {
        establish(&self.url).map(PoolConnection::new)
    }

    /// Called on check-out: pings (`SELECT 1`) a connection that has been idle for a while.
    fn is_valid(&self, conn: &mut PoolConnection) -> Result<(), DbError> {
        if conn.last_used.elapsed() < ALIVE_BYPASS {
            return Ok(());
        }
        conn.conn.ping().map_err(DbError::from)
    }

    /// Called on check-in: a connection found dead, or left in a broken transaction, is closed.
    fn has_broken(&self, conn: &mut PoolConnection) -> bool {
        conn.last_used = Instant::now();
        conn.broken || std::thread::panicking() || conn.conn.is_broken()
    }
}

/// The pool of the command-line tools.
pub fn build_pool(url: &DatabaseUrl, max_size: u32) -> Result<DbPool, DbError> {
    build_pool_with_timeout(url, max_size, CLI_TIMEOUT)
}

/// A pool whose `get` waits at most `timeout` for a connection. While the database is away the
/// pool retries in the background (backing off up to `timeout / 2`), so it is back within
/// moments of the database.
pub fn build_pool_with_timeout(
    url: &DatabaseUrl,
    max_size: u32,
    timeout: Duration,
) -> Result<DbPool, DbError> {
    if let DatabaseUrl::Sqlite(path) = url {
        secure_sqlite_files(path)?;
    }
    let pool = r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(timeout)
        .test_on_check_out(true)
        .build(ConnectionManager::new(url.clone()))?;
    Ok(pool)
}

/// The SQLite file is created owner-only (0600) before SQLite opens it, so its `-wal` and `-shm`
/// files, which SQLite gives the main file's mode, are owner-only too; existing files that
/// others may read are tightened, without being opened (`config::secure_shared_file`).
pub(crate) fn secure_sqlite_files(path: &str) -> Result<(), DbError> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = format!("{path}{suffix}");
        if suffix.is_empty() || std::path::Path::new(&file).exists() {
            crate::config::secure_shared_file(std::path::Path::new(&file))
                .map_err(|source| DbError::File { path: file, source })?;
        }
    }
    Ok(())
}

/// Runs the pending migrations of the connection's backend; returns how many ran.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, DbError> {
    let mig = |e: Box<dyn std::error::Error + Send + Sync>| DbError::Migration(e.to_string());
    match conn {
        DbConnection::Sqlite(c) => Ok(c
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map_err(mig)?
            .len()),
        DbConnection::Postgresql(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))?;
            let ran = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.len())
                .map_err(mig);
            c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))?;
            ran
        }
    }
}

/// Whether migrations of this portal have not run on the database (`/readyz` fails then).
pub fn has_pending_migrations(conn: &mut DbConnection) -> Result<bool, DbError> {
    let mig = |e: Box<dyn std::error::Error + Send + Sync>| DbError::Migration(e.to_string());
    Ok(match conn {
        DbConnection::Sqlite(c) => !c
            .pending_migrations(SQLITE_MIGRATIONS)
            .map_err(mig)?
            .is_empty(),
        DbConnection::Postgresql(c) => !c
            .pending_migrations(POSTGRES_MIGRATIONS)
            .map_err(mig)?
            .is_empty(),
    })
}

/// Whether SQLite holds planner statistics (rows in `sqlite_stat1`, written by ANALYZE);
/// PostgreSQL keeps its own, so always true there.
pub fn has_statistics(conn: &mut DbConnection) -> Result<bool, DbError> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        found: bool,
    }
    let DbConnection::Sqlite(c) = conn else {
        return Ok(true);
    };
    let tables: Found = diesel::sql_query(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1') AS found",
    )
    .get_result(c)?;
    if !tables.found {
        return Ok(false);
    }
    let rows: Found =
        diesel::sql_query("SELECT EXISTS (SELECT 1 FROM sqlite_stat1) AS found").get_result(c)?;
    Ok(rows.found)
}

impl DbConnection {
    pub fn backend_name(&self) -> &'static str {
        match self {
            DbConnection::Postgresql(_) => "postgres",
            DbConnection::Sqlite(_) => "sqlite",
        }
    }
}

static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Whether `conn` is inside a transaction (diesel's, so also a `write_transaction`).
pub fn in_transaction(conn: &mut DbConnection) -> diesel::QueryResult<bool> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let depth = match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()?
        }
        DbConnection::Postgresql(c) => {
            AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()?
        }
    };
    Ok(depth.is_some())
}

/// The file of a SQLite connection's main database; `None` on PostgreSQL.
pub fn sqlite_file(conn: &mut DbConnection) -> diesel::QueryResult<Option<String>> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Main {
        #[diesel(sql_type = diesel::sql_types::Text)]
        file: String,
    }
    match conn {
        DbConnection::Sqlite(c) => {
            let main: Main =
                diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'")
                    .get_result(c)?;
            Ok(Some(main.file))
        }
        DbConnection::Postgresql(_) => Ok(None),
    }
}

/// A transaction that writes. On SQLite it starts with `BEGIN IMMEDIATE`, taking the write lock
/// up front, so a read-then-write (the audit chain reads its last hash) cannot fail with
/// SQLITE_BUSY halfway; nested calls become savepoints. On PostgreSQL it is a plain transaction.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let outermost_sqlite = match conn {
        DbConnection::Sqlite(_) => !in_transaction(conn)?,
        DbConnection::Postgresql(_) => false,
    };
    if !outermost_sqlite {
        return conn.transaction(f);
    }
    // One SQLite writer at a time in this process: waiting here wakes at once when the writer
    // before finishes, where SQLite's busy handler would sleep in growing steps (it made
    // audited reads queue for tens of milliseconds under load).
    let _writer = SQLITE_WRITER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let DbConnection::Sqlite(c) = conn {
        AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE").map_err(E::from)?;
    }
    let result = f(conn);
    let DbConnection::Sqlite(c) = conn else {
        unreachable!("checked above")
    };
    match result {
        Ok(value) => {
            if let Err(e) = AnsiTransactionManager::commit_transaction(c) {
                let _ = AnsiTransactionManager::rollback_transaction(c);
                return Err(E::from(e));
            }
            Ok(value)
        }
        Err(e) => {
            AnsiTransactionManager::rollback_transaction(c).map_err(E::from)?;
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(url: &str) -> SqliteConnection {
        SqliteConnection::establish(url).expect("sqlite opens")
    }

    #[test]
    fn a_locked_sqlite_database_is_unavailable_not_a_bug() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.db");
        let path = path.to_str().unwrap();
        let mut holder = sqlite(path);
        holder
            .batch_execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);")
            .unwrap();
        holder.batch_execute("BEGIN IMMEDIATE").unwrap();
        let mut other = sqlite(path);
        other.batch_execute("PRAGMA busy_timeout = 0").unwrap();
        let err = other
            .batch_execute("INSERT INTO t VALUES (1)")
            .expect_err("the write lock is held");
        assert!(is_unavailable(&err), "{err:?}");
        assert!(!is_connection_lost(&err), "{err:?}");
        holder.batch_execute("ROLLBACK").unwrap();
        other.batch_execute("INSERT INTO t VALUES (1)").unwrap();
    }

    #[test]
    fn a_read_only_sqlite_database_is_unavailable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ro.db");
        sqlite(path.to_str().unwrap())
            .batch_execute("CREATE TABLE t (x INTEGER)")
            .unwrap();
        let mut ro = sqlite(&format!("file:{}?mode=ro", path.display()));
        let err = ro
            .batch_execute("INSERT INTO t VALUES (1)")
            .expect_err("read-only");
        assert!(is_unavailable(&err), "{err:?}");
    }

    #[test]
    fn query_mistakes_are_not_unavailability() {
        let mut conn = sqlite(":memory:");
        let err = conn.batch_execute("SELECT * FROM missing").unwrap_err();
        assert!(!is_unavailable(&err), "{err:?}");
        assert!(!is_unavailable(&diesel::result::Error::NotFound));
    }
}
