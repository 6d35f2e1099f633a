//! Reads recorded together (group commit). Every audited read is a write, one at a time, and on
//! SQLite every commit empties the page cache of every other connection: a pooled connection
//! taking its turn to write re-read the trail's seven B-trees from the file first, under the
//! write lock, and that made the audited report page wait in line at half the speed of the
//! same page unaudited. Here a read's entry joins a queue; whoever holds the leader's lock
//! writes everything queued in one transaction, on a connection kept for that alone (its cache
//! stays warm, as nothing else writes much), and every reader whose entry it wrote answers once
//! that transaction has committed, never before: an answered read is in the trail even if the
//! process is killed the next instant. On PostgreSQL the same queue serves another end: each
//! append holds the chain's advisory lock until its commit is flushed, so reads committed one
//! by one waited in line for one disk flush each (the audited report page ran at a tenth of the
//! unaudited JSON list); a group pays one flush. There the leader writes on its own pooled
//! connection, as PostgreSQL's caches are shared.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use diesel::QueryResult;

use super::{record, Chain, Event};
use crate::db::{self, DbConnection};

/// The entries waiting for a leader, by database (the tests run many databases in one
/// process: [`database_key`]), and what the leaders did with the others' entries.
struct Queue {
    next_ticket: u64,
    waiting: BTreeMap<String, Vec<(u64, Event)>>,
    done: BTreeMap<u64, Written>,
}

/// What became of an entry another thread's leader took.
enum Written {
    /// Committed with this sequence number.
    At(i64),
    /// Its group failed: the reader writes it on its own, to get its own answer.
    Failed(Event),
}

static QUEUE: Mutex<Queue> = Mutex::new(Queue {
    next_ticket: 0,
    waiting: BTreeMap::new(),
    done: BTreeMap::new(),
});
/// Held by the one thread writing a group, with the SQLite connections groups are written on,
/// by database file (one in production; the tests' newest two).
static LEADER: Mutex<Vec<(String, DbConnection)>> = Mutex::new(Vec::new());

/// The group writer's connection to the SQLite `database` ([`database_key`]), opened on first
/// use; `None` if it cannot be opened (the group is then written on the leader's own
/// connection).
fn writer<'a>(
    writers: &'a mut Vec<(String, DbConnection)>,
    database: &str,
) -> Option<&'a mut DbConnection> {
    let at = match writers.iter().position(|(file, _)| file == database) {
        Some(at) => at,
        None => {
            let file = database.strip_prefix("sqlite:")?;
            let url = crate::config::DatabaseUrl::Sqlite(file.to_string());
            let conn = db::establish(&url).ok()?;
            if writers.len() >= 2 {
                writers.remove(0);
            }
            writers.push((database.to_string(), conn));
            writers.len() - 1
        }
    };
    writers.get_mut(at).map(|(_, conn)| conn)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Which database `conn` writes to, as the queue's key: `sqlite:` and the file, or
/// `postgres:` and the server's address, port and database. `None` for a SQLite database
/// without a file (in memory), which has no second connection to write a group on.
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
/// reads of other requests that came meanwhile. Inside a transaction it is [`record`]: the
/// entry then commits or rolls back with that transaction, never with another's.
pub fn record_read(conn: &mut DbConnection, event: Event) -> QueryResult<i64> {
    if db::in_transaction(conn)? {
        return record(conn, event);
    }
    let Some(database) = database_key(conn)? else {
        return record(conn, event);
    };
    let ticket = {
        let mut queue = lock(&QUEUE);
        let ticket = queue.next_ticket;
        queue.next_ticket += 1;
        let waiting = queue.waiting.entry(database.clone()).or_default();
        waiting.push((ticket, event));
        ticket
    };
    let mut writers = lock(&LEADER);
    let group = {
        let mut queue = lock(&QUEUE);
        match queue.done.remove(&ticket) {
            Some(Written::At(seq)) => return Ok(seq),
            Some(Written::Failed(event)) => {
                drop((queue, writers));
                return record(conn, event);
            }
            // Still waiting: this thread leads, and takes everyone's.
            None => queue.waiting.remove(&database).unwrap_or_default(),
        }
    };
    let tickets: Vec<u64> = group.iter().map(|(t, _)| *t).collect();
    let events: Vec<Event> = group.iter().map(|(_, e)| e.clone()).collect();
    let on = match conn {
        DbConnection::Sqlite(_) => writer(&mut writers, &database).unwrap_or(conn),
        DbConnection::Postgresql(_) => conn,
    };
    let written = db::write_transaction(on, |conn| {
        let mut chain = Chain::lock(conn)?;
        events
            .into_iter()
            .map(|event| chain.append(conn, event))
            .collect::<QueryResult<Vec<i64>>>()
    });
    let mut queue = lock(&QUEUE);
    match written {
        Ok(seqs) => {
            let mut own = None;
            for (t, seq) in tickets.into_iter().zip(seqs) {
                if t == ticket {
                    own = Some(seq);
                } else {
                    queue.done.insert(t, Written::At(seq));
                }
            }
            own.ok_or(diesel::result::Error::NotFound)
        }
        Err(err) => {
            // Opened afresh for the next group, whatever state this one left it in.
            writers.retain(|(file, _)| *file != database);
            for (t, event) in group {
                if t != ticket {
                    queue.done.insert(t, Written::Failed(event));
                }
            }
            Err(err)
        }
    }
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
        assert_eq!(
            record_read(&mut conn, Event::new("report.read")).unwrap(),
            1
        );
    }
}
