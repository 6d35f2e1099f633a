//! `portal backup` and `portal restore`. One portable format for both backends: a SQLite
//! database file made by the portal's own migrations, holding every table's rows and a
//! `portal_backup` table with the schema version (latest migration) and a SHA-256 over the
//! rows in canonical form (`rows.rs`). On SQLite the copy is `VACUUM INTO` (consistent while
//! the portal serves); on PostgreSQL the rows are copied through the application's own
//! connection inside one `REPEATABLE READ READ ONLY` transaction (one snapshot, so concurrent
//! writes are in or out as whole transactions; no `pg_dump` needed). Documents' bytes live in
//! the database (`file_blobs`, `file_chunks`), so they are in the copy. The JWT secret and the
//! two-factor key live in the data directory, never in the database: the copy holds the
//! two-factor secrets sealed under that key, which must be kept (apart) to use them again.

pub mod catalog;
pub mod rows;

use std::path::{Path, PathBuf};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel::sqlite::SqliteConnection;

use crate::db::{self, DbConnection};
use catalog::{Table, META_TABLE};

/// The layout of the backup file; a newer portal may read older layouts.
pub const FORMAT: &str = "1";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("cannot open {path}: {source}")]
    Open {
        path: String,
        source: diesel::ConnectionError,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("not a valid backup: {0}")]
    Invalid(String),
    #[error("{0}")]
    Refused(String),
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub schema_version: String,
    pub sha256: String,
    pub rows: u64,
}

#[derive(QueryableByName)]
struct Version {
    #[diesel(sql_type = Nullable<Text>)]
    version: Option<String>,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Entry {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = Text)]
    value: String,
}

/// The latest migration applied to the database.
pub fn schema_version(conn: &mut DbConnection) -> Result<String, BackupError> {
    let sql = "SELECT MAX(version) AS version FROM __diesel_schema_migrations";
    let found: Vec<Version> = match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(sql).load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(sql).load(c)?,
    };
    found
        .into_iter()
        .next()
        .and_then(|v| v.version)
        .ok_or_else(|| BackupError::Invalid("no migrations have run".into()))
}

fn count(conn: &mut DbConnection, table: &str) -> Result<i64, BackupError> {
    let sql = format!("SELECT COUNT(*) AS n FROM \"{table}\"");
    let found: Vec<Count> = match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(sql).load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(sql).load(c)?,
    };
    Ok(found.first().map_or(0, |c| c.n))
}

fn open_file(path: &Path, read_only: bool) -> Result<DbConnection, BackupError> {
    let shown = path.display().to_string();
    let url = if read_only {
        format!("file:{shown}?mode=ro")
    } else {
        shown.clone()
    };
    crate::db::sqlite_setup::register();
    let mut conn = SqliteConnection::establish(&url).map_err(|source| BackupError::Open {
        path: shown,
        source,
    })?;
    conn.batch_execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")?;
    Ok(DbConnection::Sqlite(conn))
}

fn file_tables(conn: &mut DbConnection) -> Result<Vec<Table>, BackupError> {
    match conn {
        DbConnection::Sqlite(c) => Ok(catalog::tables(c)?),
        DbConnection::Postgresql(_) => unreachable!("backup files are SQLite"),
    }
}

/// The tables of this portal's schema (from a fresh in-memory SQLite database), for comparing
/// databases of either backend with [`rows::digest`].
pub fn portal_tables() -> Result<Vec<Table>, BackupError> {
    let mut conn = open_file(Path::new(":memory:"), false)?;
    db::run_migrations(&mut conn)?;
    file_tables(&mut conn)
}

/// Writes a backup of the database to `to` (which must not exist): written beside it, then
/// renamed into place, so `to` is complete or absent.
pub fn backup(conn: &mut DbConnection, to: &Path) -> Result<Summary, BackupError> {
    if to.exists() {
        return Err(BackupError::Refused(format!(
            "{} exists; name a new file",
            to.display()
        )));
    }
    let partial = PathBuf::from(format!("{}.partial", to.display()));
    let _ = std::fs::remove_file(&partial);
    let version = schema_version(conn)?;
    // Reads waiting in the audit spool belong in the copy.
    crate::services::audit::settle(conn)?;
    let result = write_copy(conn, &partial, &version);
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    let summary = result?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, to)?;
    Ok(summary)
}

fn write_copy(conn: &mut DbConnection, path: &Path, version: &str) -> Result<Summary, BackupError> {
    let source = conn.backend_name();
    let mut file = match conn {
        DbConnection::Sqlite(c) => {
            let target = path.display().to_string().replace('\'', "''");
            c.batch_execute(&format!("VACUUM INTO '{target}'"))?;
            crate::config::secure_file(path)?;
            open_file(path, false)?
        }
        DbConnection::Postgresql(_) => {
            crate::config::secure_file(path)?;
            let mut file = open_file(path, false)?;
            db::run_migrations(&mut file)?;
            copy_snapshot(conn, &mut file)?;
            file
        }
    };
    if schema_version(&mut file)? != version {
        return Err(BackupError::Refused(
            "the database's migrations differ from this portal's: run `portal migrate` first"
                .into(),
        ));
    }
    let tables = file_tables(&mut file)?;
    let sha256 = rows::digest(&mut file, &tables)?;
    let mut total = 0;
    for table in &tables {
        total += count(&mut file, &table.name)? as u64;
    }
    let created = crate::domain::time::now()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let mut meta = format!(
        "PRAGMA journal_mode = DELETE; \
         CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
    );
    for (key, value) in [
        ("format", FORMAT),
        ("schema_version", version),
        ("sha256", &sha256),
        ("source_backend", source),
        ("created_at", &created),
    ] {
        meta.push_str(&format!(
            "INSERT INTO {META_TABLE} (key, value) VALUES ('{key}', '{}');",
            value.replace('\'', "''")
        ));
    }
    file.batch_execute(&meta)?;
    Ok(Summary {
        schema_version: version.to_string(),
        sha256,
        rows: total,
    })
}

/// PostgreSQL into the (migrated, empty) file, from one snapshot.
fn copy_snapshot(pg: &mut DbConnection, file: &mut DbConnection) -> Result<(), BackupError> {
    let tables = file_tables(file)?;
    pg.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
    file.batch_execute("BEGIN IMMEDIATE")?;
    let copied = (|| {
        for table in tables.iter().filter(|t| !t.is_derived()) {
            rows::copy(pg, file, table)?;
        }
        Ok::<_, BackupError>(())
    })();
    let _ = pg.batch_execute(if copied.is_ok() { "COMMIT" } else { "ROLLBACK" });
    match copied {
        Ok(()) => Ok(file.batch_execute("COMMIT")?),
        Err(e) => {
            let _ = file.batch_execute("ROLLBACK");
            Err(e)
        }
    }
}

/// The backup's description, checked against its content.
fn verified_meta(
    file: &mut DbConnection,
    tables: &[Table],
) -> Result<(String, String), BackupError> {
    let entries: Vec<Entry> = match file {
        DbConnection::Sqlite(c) => {
            diesel::sql_query(format!("SELECT key, value FROM {META_TABLE}"))
                .load(c)
                .map_err(|_| BackupError::Invalid("it has no portal_backup table".into()))?
        }
        DbConnection::Postgresql(_) => unreachable!("backup files are SQLite"),
    };
    let get = |key: &str| {
        entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| e.value.clone())
            .ok_or_else(|| BackupError::Invalid(format!("its description has no {key}")))
    };
    if get("format")? != FORMAT {
        return Err(BackupError::Invalid(
            "a format this portal does not read".into(),
        ));
    }
    let version = get("schema_version")?;
    if schema_version(file)? != version {
        return Err(BackupError::Invalid(
            "its schema version does not match its tables".into(),
        ));
    }
    let sha256 = get("sha256")?;
    if rows::digest(file, tables)? != sha256 {
        return Err(BackupError::Invalid(
            "its content does not match its SHA-256 (changed or damaged)".into(),
        ));
    }
    Ok((version, sha256))
}

/// Restores the backup at `from` into the (migrated) database: refuses one holding anything
/// beyond the reference data unless `force`, then replaces every table's rows in one
/// transaction, and analyses them.
pub fn restore(conn: &mut DbConnection, from: &Path, force: bool) -> Result<Summary, BackupError> {
    if !from.is_file() {
        return Err(BackupError::Refused(format!(
            "{} is not a file",
            from.display()
        )));
    }
    let mut file = open_file(from, true)?;
    let tables = file_tables(&mut file)?;
    let (version, sha256) = verified_meta(&mut file, &tables)?;
    let ours = schema_version(conn)?;
    if ours != version {
        return Err(BackupError::Refused(format!(
            "the backup's schema is {version}, this database's is {ours}: restore with the portal version that wrote it"
        )));
    }
    if !force {
        for table in &tables {
            let name = table.name.as_str();
            if !catalog::REFERENCE.contains(&name) && !table.is_derived() && count(conn, name)? > 0
            {
                return Err(BackupError::Refused(format!(
                    "the database is not empty (table {name} has rows); restore into an empty one, or pass --force to replace everything"
                )));
            }
        }
    }
    let rows = db::write_transaction(conn, |conn| {
        wipe(conn, &tables)?;
        let mut total = 0;
        for table in tables.iter().filter(|t| !t.is_derived()) {
            total += rows::copy(&mut file, conn, table)?;
        }
        Ok::<_, BackupError>(total)
    })?;
    // The planner's statistics, for the rows restored: PostgreSQL's autovacuum would gather
    // them a minute or more later, and a server starting on SQLite that already has some
    // (the empty database's) keeps them; until then plans are guesses (README, benchmarks).
    conn.batch_execute("ANALYZE")?;
    Ok(Summary {
        schema_version: version,
        sha256,
        rows,
    })
}

/// Deletes every row, children first, the trigger-kept tables last; the audit trail refuses
/// deletion by trigger, so its triggers step aside inside this transaction.
fn wipe(conn: &mut DbConnection, tables: &[Table]) -> Result<(), BackupError> {
    let mut order: Vec<&Table> = tables.iter().rev().filter(|t| !t.is_derived()).collect();
    order.extend(tables.iter().filter(|t| t.is_derived()));
    for table in order {
        let delete = format!("DELETE FROM \"{}\"", table.name);
        if table.name != "audit_log" || count(conn, "audit_log")? == 0 {
            conn.batch_execute(&delete)?;
            continue;
        }
        match conn {
            DbConnection::Postgresql(_) => conn.batch_execute(&format!(
                "ALTER TABLE audit_log DISABLE TRIGGER USER; {delete}; \
                 ALTER TABLE audit_log ENABLE TRIGGER USER;"
            ))?,
            DbConnection::Sqlite(c) => {
                let triggers: Vec<Entry> = diesel::sql_query(
                    "SELECT name AS key, sql AS value FROM sqlite_master \
                     WHERE type = 'trigger' AND tbl_name = 'audit_log'",
                )
                .load(c)?;
                for t in &triggers {
                    c.batch_execute(&format!("DROP TRIGGER \"{}\"", t.key))?;
                }
                c.batch_execute(&delete)?;
                for t in &triggers {
                    c.batch_execute(&t.value)?;
                }
            }
        }
    }
    Ok(())
}
