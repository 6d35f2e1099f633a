//! Which database errors mean the database cannot serve now (503, the pool drops the
//! connection), rather than a fault of the query.

/// The connection itself is gone (PostgreSQL closed it, or the server went away): the pool must
/// not lend it again.
pub fn is_connection_lost(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    matches!(
        e,
        Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _
        )
    )
}

/// The database cannot take the query now, through no fault of the query: the connection is
/// lost, PostgreSQL is read-only (a standby), or SQLite is locked past its busy timeout or
/// read-only. Requests answer 503 for these, not 500.
pub fn is_unavailable(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    if is_connection_lost(e) {
        return true;
    }
    match e {
        Error::DatabaseError(DatabaseErrorKind::ReadOnlyTransaction, _) => true,
        // diesel reports SQLITE_BUSY, SQLITE_LOCKED and SQLITE_READONLY as `Unknown` with
        // SQLite's own message.
        Error::DatabaseError(DatabaseErrorKind::Unknown, info) => {
            let message = info.message();
            [
                "database is locked",
                "database table is locked",
                "database schema is locked",
                "attempt to write a readonly database",
            ]
            .iter()
            .any(|known| message.starts_with(known))
        }
        _ => false,
    }
}
