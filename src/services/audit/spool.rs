//! On SQLite, audited reads are committed first to a spool: a second SQLite file beside the
//! database (`portal.db-spool`), and chained into the trail a moment later, many at once. The reason is SQLite's page cache: a connection drops all of its cached pages whenever
//! another one has committed to the same file, so a commit for every few reads (the group
//! commit of `reads.rs`) had every pooled connection read the database's pages again, and the
//! audited report page ran at half the speed of the same page unaudited. Commits to the spool
//! leave the database's caches alone.
//!
//! Nothing acknowledged is lost: a read answers only once its entry is committed to the spool,
//! as durable as a commit to the database itself (the same WAL journal and `synchronous`), and
//! the spool is settled (its entries chained into the trail) before anything reads the trail
//! (the audit log, its export, `audit verify`, a backup, a report's or a document's readers),
//! when the server starts and when it stops. Settling chains the entries and records how far it
//! went (`audit_spools`) in one transaction of the database, then forgets them in the spool: a
//! crash in between leaves entries that the mark shows were already chained. The spool's ids
//! never go back (AUTOINCREMENT), and a new spool file has a new random id of its own.
//!
//! A read's entry keeps the time of the read, so the trail's times can run a little out of
//! order where a read waited in the spool while something else was chained.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};

use super::{Chain, Pending};
use crate::db::schema::audit_spools;
use crate::db::{self, DbConnection};

diesel::table! {
    spooled (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_email -> Nullable<Text>,
        action -> Text,
        target_type -> Nullable<Text>,
        target_id -> Nullable<Text>,
        ip -> Nullable<Text>,
        outcome -> Text,
        details -> Nullable<Text>,
    }
}

diesel::table! {
    spool (id) {
        id -> Text,
    }
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS spooled (\
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TIMESTAMP NOT NULL, actor_id TEXT, \
    actor_email TEXT, action TEXT NOT NULL, target_type TEXT, target_id TEXT, ip TEXT, \
    outcome TEXT NOT NULL, details TEXT); \
    CREATE TABLE IF NOT EXISTS spool (id TEXT PRIMARY KEY NOT NULL);";

/// The spool of the SQLite database file `database`.
pub(super) fn path(database: &str) -> String {
    format!("{database}-spool")
}

/// An open spool.
pub(super) struct Spool {
    conn: SqliteConnection,
    /// The spool file's own id, under which `audit_spools` keeps how far it was chained.
    id: String,
}

fn failed(message: String) -> Error {
    Error::DatabaseError(DatabaseErrorKind::Unknown, Box::new(message))
}

impl Spool {
    /// Opens the spool of `database`, creating it (owner-only, as the database) if need be.
    pub(super) fn open(database: &str) -> QueryResult<Spool> {
        let file = path(database);
        // Every connection of the process opens with the search tokenizer installed
        // (`db::sqlite_setup`), which prepares a statement as it opens, before there is a
        // busy timeout: it fails while another connection holds the file locked, as one does
        // while it creates the spool or switches it to WAL. One open at a time in the process,
        // and a few tries for other processes.
        static OPENING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one = OPENING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut tries = 0;
        let mut conn = loop {
            let opened = db::secure_sqlite_files(&file)
                .map_err(|err| err.to_string())
                .and_then(|()| SqliteConnection::establish(&file).map_err(|err| err.to_string()));
            match opened {
                Ok(conn) => break conn,
                Err(_) if tries < 20 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                Err(err) => return Err(failed(format!("audit spool {file}: {err}"))),
            }
        };
        // As the database's own connections (db::establish): busy_timeout first, as switching
        // to WAL waits for a lock too.
        conn.batch_execute(
            "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
        )?;
        conn.batch_execute(SCHEMA)?;
        let id = spool::table.select(spool::id).first(&mut conn).optional()?;
        let id = match id {
            Some(id) => id,
            None => {
                // One statement, so two processes creating the spool at once agree on its id.
                diesel::sql_query(
                    "INSERT INTO spool (id) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM spool)",
                )
                .bind::<diesel::sql_types::Text, _>(uuid::Uuid::new_v4().to_string())
                .execute(&mut conn)?;
                spool::table.select(spool::id).first(&mut conn)?
            }
        };
        Ok(Spool { conn, id })
    }

    /// Commits `entries` together.
    pub(super) fn append(&mut self, entries: &[Pending]) -> QueryResult<()> {
        let rows: Vec<_> = entries
            .iter()
            .map(|e| {
                (
                    spooled::at.eq(e.at),
                    spooled::actor_id.eq(&e.actor_id),
                    spooled::actor_email.eq(&e.actor_email),
                    spooled::action.eq(&e.action),
                    spooled::target_type.eq(&e.target_type),
                    spooled::target_id.eq(&e.target_id),
                    spooled::ip.eq(&e.ip),
                    spooled::outcome.eq(&e.outcome),
                    spooled::details.eq(&e.details),
                )
            })
            .collect();
        self.conn.immediate_transaction(|conn| {
            diesel::insert_into(spooled::table)
                .values(&rows)
                .execute(conn)
                .map(drop)
        })
    }

    /// Chains into the trail of `conn`'s database, in order, the entries it does not hold yet,
    /// then forgets in the spool those it holds.
    fn settle_into(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        let (first, last): (Option<i64>, Option<i64>) = spooled::table
            .select((diesel::dsl::min(spooled::id), diesel::dsl::max(spooled::id)))
            .first(&mut self.conn)?;
        let Some(last) = last else { return Ok(()) };
        let mut moved = mark(conn, &self.id)?;
        if last > moved {
            moved = db::write_transaction(conn, |conn| -> QueryResult<i64> {
                // Again under the write lock: another connection may have settled meanwhile.
                let moved = mark(conn, &self.id)?;
                let waiting: Vec<(i64, Pending)> = spooled::table
                    .filter(spooled::id.gt(moved))
                    .order(spooled::id.asc())
                    .select((
                        spooled::id,
                        (
                            spooled::at,
                            spooled::actor_id,
                            spooled::actor_email,
                            spooled::action,
                            spooled::target_type,
                            spooled::target_id,
                            spooled::ip,
                            spooled::outcome,
                            spooled::details,
                        ),
                    ))
                    .load(&mut self.conn)?;
                let Some(&(newest, _)) = waiting.last() else {
                    return Ok(moved);
                };
                let mut chain = Chain::lock(conn)?;
                for (_, entry) in waiting {
                    chain.append(conn, entry)?;
                }
                let marked = diesel::update(audit_spools::table.find(&self.id))
                    .set(audit_spools::moved.eq(newest))
                    .execute(conn)?;
                if marked == 0 {
                    diesel::insert_into(audit_spools::table)
                        .values((
                            audit_spools::spool.eq(&self.id),
                            audit_spools::moved.eq(newest),
                        ))
                        .execute(conn)?;
                }
                Ok(newest)
            })?;
        }
        if first.is_some_and(|first| first <= moved) {
            diesel::delete(spooled::table.filter(spooled::id.le(moved))).execute(&mut self.conn)?;
        }
        Ok(())
    }
}

/// How far the spool `id` was chained into `conn`'s trail.
fn mark(conn: &mut DbConnection, id: &str) -> QueryResult<i64> {
    Ok(audit_spools::table
        .find(id)
        .select(audit_spools::moved)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

/// Chains into the trail any reads waiting in the spool of `conn`'s database (SQLite with a
/// file: elsewhere reads are chained as they are recorded). Call it outside any transaction,
/// before reading the trail; it writes only if the spool holds something.
pub fn settle(conn: &mut DbConnection) -> QueryResult<()> {
    if !matches!(conn, DbConnection::Sqlite(_)) || db::in_transaction(conn)? {
        return Ok(());
    }
    let Some(database) = db::sqlite_file(conn)?.filter(|file| !file.is_empty()) else {
        return Ok(());
    };
    if !std::path::Path::new(&path(&database)).exists() {
        return Ok(());
    }
    Spool::open(&database)?.settle_into(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DatabaseUrl;
    use crate::services::audit::{record, verify, Event, Verification};

    fn database(dir: &tempfile::TempDir) -> (String, DbConnection) {
        let file = dir.path().join("t.db").display().to_string();
        let mut conn = db::establish(&DatabaseUrl::Sqlite(file.clone())).unwrap();
        db::run_migrations(&mut conn).unwrap();
        (file, conn)
    }

    fn entries(conn: &mut DbConnection) -> i64 {
        match verify(conn).unwrap() {
            Verification::Intact { entries } => entries,
            broken => panic!("{broken:?}"),
        }
    }

    fn spooled_rows(spool: &mut Spool) -> i64 {
        spooled::table.count().get_result(&mut spool.conn).unwrap()
    }

    #[test]
    fn spooled_entries_are_chained_once_in_order_and_then_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let (file, mut conn) = database(&dir);
        record(&mut conn, Event::new("user.login")).unwrap();
        let mut spool = Spool::open(&file).unwrap();
        let reads: Vec<Pending> = ["report.read", "need.read", "document.read"]
            .into_iter()
            .map(|action| Event::new(action).target("report", "r1").into())
            .collect();
        spool.append(&reads[..2]).unwrap();
        spool.append(&reads[2..]).unwrap();
        // Waiting in the spool, not in the trail yet: verify settles first.
        assert_eq!(
            crate::repo::audit::batch_after(&mut conn, 0, 10)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(entries(&mut conn), 4);
        let chained = crate::repo::audit::batch_after(&mut conn, 1, 10).unwrap();
        let actions: Vec<&str> = chained.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["report.read", "need.read", "document.read"]);
        assert_eq!(chained[0].at, reads[0].at, "the read's own time");
        assert_eq!(spooled_rows(&mut spool), 0);

        // A crash after the chaining's commit but before the spool forgot: the entries come
        // back into the spool with their ids, and are not chained twice.
        spool.append(&reads[..1]).unwrap();
        settle(&mut conn).unwrap();
        assert_eq!(entries(&mut conn), 5);
        diesel::sql_query(
            "INSERT INTO spooled (id, at, action, outcome) VALUES (4, '2026-01-01 00:00:00', 'x', 'success')",
        )
        .execute(&mut spool.conn)
        .unwrap();
        settle(&mut conn).unwrap();
        assert_eq!(entries(&mut conn), 5);
        assert_eq!(spooled_rows(&mut spool), 0);

        // Ids go on after the spool was emptied, so new entries are not taken for old ones.
        spool.append(&reads[1..2]).unwrap();
        settle(&mut conn).unwrap();
        assert_eq!(entries(&mut conn), 6);
    }

    #[test]
    fn a_backup_holds_the_reads_waiting_in_the_spool() {
        let dir = tempfile::tempdir().unwrap();
        let (file, mut conn) = database(&dir);
        let mut spool = Spool::open(&file).unwrap();
        spool.append(&[Event::new("report.read").into()]).unwrap();
        let to = dir.path().join("backup.db");
        crate::services::backup::backup(&mut conn, &to).unwrap();
        let mut copy = db::establish(&DatabaseUrl::Sqlite(to.display().to_string())).unwrap();
        let in_copy: i64 = crate::db::schema::audit_log::table
            .count()
            .get_result(&mut copy)
            .unwrap();
        assert_eq!(in_copy, 1);
    }

    #[test]
    fn a_new_spool_file_is_a_new_spool() {
        let dir = tempfile::tempdir().unwrap();
        let (file, mut conn) = database(&dir);
        let mut spool = Spool::open(&file).unwrap();
        spool.append(&[Event::new("report.read").into()]).unwrap();
        settle(&mut conn).unwrap();
        let first = spool.id.clone();
        drop(spool);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path(&file)));
        }
        let mut spool = Spool::open(&file).unwrap();
        assert_ne!(spool.id, first);
        spool.append(&[Event::new("need.read").into()]).unwrap();
        assert_eq!(entries(&mut conn), 2);
    }
}
