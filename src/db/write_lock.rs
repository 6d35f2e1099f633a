//! SQLite (WAL): a transaction that reads and then writes fails at once with SQLITE_BUSY when
//! another connection committed a write in between (its read snapshot is stale), and the busy
//! timeout does not help. A statement that writes nothing, run first, takes the write lock, so
//! such a transaction waits its turn instead. PostgreSQL needs nothing.

use diesel::connection::SimpleConnection;
use diesel::QueryResult;

use super::DbConnection;

pub fn take_write_lock(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Sqlite(c) = conn {
        c.batch_execute("UPDATE outbox SET id = id WHERE 1 = 0")?;
    }
    Ok(())
}
