//! Reads recorded together (group commit). Every audited read is a write, and written one at
//! a time they waited in line for the write lock (SQLite) or for one disk flush each
//! (PostgreSQL, where each append holds the chain's advisory lock until its commit is flushed:
//! the audited report page ran at a tenth of the unaudited JSON list). Here a read's entry
//! joins a queue; whoever holds the leader's lock writes everything queued in one transaction,
//! and every reader whose entry it wrote answers once that transaction has committed, never
//! before: an answered read is kept even if the process is killed the next instant. On SQLite
//! the group is committed to the database's spool ([`spool`]), which a leader chains into the
//! trail every [`SETTLE_AFTER`]; on PostgreSQL straight to the trail, on the leader's own
//! pooled connection.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use diesel::QueryResult;

use super::spool::{self, Spool};
use super::{record, record_pending, Chain, Event, Pending};
use crate::db::{self, DbConnection};

/// The entries waiting for a leader, by database (the tests run many databases in one
/// process: [`database_key`]), and what the leaders did with the others' entries.
struct Queue {
    next_ticket: u64,
    waiting: BTreeMap<String, Vec<(u64, Pending)>>,
    done: BTreeMap<u64, Written>,
}

/// What became of an entry another thread's leader took.
enum Written {
    /// Committed (to the spool on SQLite, to the trail on PostgreSQL).
    Done,
    /// Its group failed: the reader writes it on its own, to get its own answer.
    Failed(Box<Pending>),
}

static QUEUE: Mutex<Queue> = Mutex::new(Queue {
    next_ticket: 0,
    waiting: BTreeMap::new(),
    done: BTreeMap::new(),
});
/// Held by the one thread writing a group, with the SQLite spools groups are written to, by
/// database file (one in production; the tests' newest two).
static LEADER: Mutex<Vec<Spooler>> = Mutex::new(Vec::new());

/// How long reads' entries may wait in a spool while reads go on before a reader chains them
/// into the trail; anything that reads the trail chains them first ([`spool::settle`]). Short,
/// as other requests wait while a settling chains: on the audited report page under load
/// (README, benchmarks), settling every 20 ms kept the 99th percentile near 10 ms, every
/// 250 ms let it reach 30 ms and every second 80 ms, for about the same throughput.
const SETTLE_AFTER: Duration = Duration::from_millis(20);

struct Spooler {
    database: String,
    spool: Spool,
    /// When the oldest group not yet chained was spooled by this process.
    since: Option<Instant>,
}

/// The spool of the SQLite `database` ([`database_key`]), opened on first use; `None` if it
/// cannot be opened (the group is then chained on the leader's own connection).
fn spooler<'a>(spoolers: &'a mut Vec<Spooler>, database: &str) -> Option<&'a mut Spooler> {
    let at = match spoolers.iter().position(|s| s.database == database) {
        Some(at) => at,
        None => {
            let file = database.strip_prefix("sqlite:")?;
            let spool = Spool::open(file)
                .map_err(|err| tracing::warn!(%err, "audit spool cannot be opened"))
                .ok()?;
            if spoolers.len() >= 2 {
                spoolers.remove(0);
            }
            spoolers.push(Spooler {
                database: database.to_string(),
                spool,
                since: None,
            });
            spoolers.len() - 1
        }
    };
    spoolers.get_mut(at)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Which database `conn` writes to, as the queue's key: `sqlite:` and the file, or
/// `postgres:` and the server's address, port and database. `None` for a SQLite database
/// without a file (in memory), which has no spool.
fn database_key(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Key {
        #[diesel(sql_type = diesel::sql_types::Text)]
        key: String,
    }
    match conn {
        DbConnection::Sqlite(_) => Ok(db::sqlite_file(conn)?
            .filter(|file| !file.is_empty())
            .map(|file| format!("sqlite:{file}"))),
        DbConnection::Postgresql(c) => {
            let key: Key = diesel::sql_query(
                "SELECT concat_ws(':', 'postgres', inet_server_addr(), inet_server_port(), \
                 current_database()) AS key",
            )
            .get_result(c)?;
            Ok(Some(key.key))
        }
    }
}

/// Records a read (or a refused read) and returns once it is committed, together with the
/// reads of other requests that came meanwhile: on SQLite to the spool ([`spool`]), on
/// PostgreSQL to the trail. Inside a transaction it is [`record`]: the entry then commits or
/// rolls back with that transaction, never with another's.
pub fn record_read(conn: &mut DbConnection, event: Event) -> QueryResult<()> {
    if db::in_transaction(conn)? {
        return record(conn, event).map(drop);
    }
    let Some(database) = database_key(conn)? else {
        return record(conn, event).map(drop);
    };
    let ticket = {
        let mut queue = lock(&QUEUE);
        let ticket = queue.next_ticket;
        queue.next_ticket += 1;
        let waiting = queue.waiting.entry(database.clone()).or_default();
        waiting.push((ticket, Pending::from(event)));
        ticket
    };
    let mut spoolers = lock(&LEADER);
    let group = {
        let mut queue = lock(&QUEUE);
        match queue.done.remove(&ticket) {
            Some(Written::Done) => return Ok(()),
            Some(Written::Failed(entry)) => {
                drop((queue, spoolers));
                return record_pending(conn, *entry).map(drop);
            }
            // Still waiting: this thread leads, and takes everyone's.
            None => queue.waiting.remove(&database).unwrap_or_default(),
        }
    };
    let entries: Vec<Pending> = group.iter().map(|(_, e)| e.clone()).collect();
    let mut settle_now = false;
    let written = match spooler(&mut spoolers, &database) {
        Some(spooler) => {
            let written = spooler.spool.append(&entries);
            if written.is_ok() {
                let since = *spooler.since.get_or_insert_with(Instant::now);
                settle_now = since.elapsed() >= SETTLE_AFTER;
                if settle_now {
                    spooler.since = None;
                }
            } else {
                // Opened afresh for the next group, whatever state this one left it in.
                spoolers.retain(|s| s.database != database);
            }
            written
        }
        None => db::write_transaction(conn, |conn| {
            let mut chain = Chain::lock(conn)?;
            entries
                .into_iter()
                .try_for_each(|entry| chain.append(conn, entry).map(drop))
        }),
    };
    {
        let mut queue = lock(&QUEUE);
        for (t, entry) in group {
            if t != ticket {
                let outcome = if written.is_ok() {
                    Written::Done
                } else {
                    Written::Failed(Box::new(entry))
                };
                queue.done.insert(t, outcome);
            }
        }
    }
    drop(spoolers);
    written?;
    if settle_now {
        // The read is in the spool already: if the trail cannot take it now, it will later.
        if let Err(err) = spool::settle(conn) {
            tracing::warn!(%err, "reads waiting in the audit spool were not chained yet");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DatabaseUrl;
    use crate::services::audit::{verify, Verification};

    /// A migrated SQLite database in `dir`.
    fn database(dir: &tempfile::TempDir) -> DatabaseUrl {
        let url = DatabaseUrl::Sqlite(dir.path().join("t.db").display().to_string());
        db::run_migrations(&mut db::establish(&url).unwrap()).unwrap();
        url
    }

    #[test]
    fn inside_a_transaction_the_read_commits_or_rolls_back_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = db::establish(&database(&dir)).unwrap();
        let rolled_back = db::write_transaction(&mut conn, |conn| {
            record_read(conn, Event::new("report.read"))?;
            Err::<(), _>(diesel::result::Error::RollbackTransaction)
        });
        assert!(rolled_back.is_err());
        assert_eq!(
            verify(&mut conn).unwrap(),
            Verification::Intact { entries: 0 }
        );
        record_read(&mut conn, Event::new("report.read")).unwrap();
        assert_eq!(
            verify(&mut conn).unwrap(),
            Verification::Intact { entries: 1 }
        );
    }
}
