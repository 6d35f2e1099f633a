//! What every SQLite connection of the process gets as it opens (`sqlite3_auto_extension`):
//! the search tokenizer (`db::fts`) and the query planner stability guarantee; and, before
//! SQLite's first use, connections without a lock of their own.

use std::ffi::{c_char, c_int};
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};

use libsqlite3_sys as ffi;

/// Installs both on every SQLite connection opened from now on (once per process), after
/// [`unlocked_connections`].
pub fn register() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        unlocked_connections();
        for entry in [super::fts::install as EntryPoint, stable_plans, note_lock] {
            // SAFETY: each entry point has the signature SQLite calls them with and lives
            // forever.
            let rc = unsafe { ffi::sqlite3_auto_extension(Some(entry)) };
            assert_eq!(rc, ffi::SQLITE_OK, "SQLite connection set-up not installed");
        }
    });
}

/// Sets SQLite's multi-thread mode and turns its memory statistics off, for the process.
///
/// The bundled SQLite is built serialized: each connection has a mutex, taken by every call
/// on it (each column read, each step). It guards against one connection used by two threads
/// at once, which the types already rule out: Diesel's connection is `Send` but not `Sync`,
/// and the pool lends it to one thread at a time. The locks were 7 % of the matrix's
/// instructions (issue 19). The memory statistics, a global mutex on every allocation, are
/// already compiled out (`.cargo/config.toml`); turning them off here keeps them off in a
/// build without that flag. Nothing here reads them.
///
/// SQLite takes these only before it first initialises; after that it answers
/// `SQLITE_MISUSE` and stays as it was (serialized: slower, never unsafe). Every connection
/// of the portal opens through [`register`], so the first one comes after this.
fn unlocked_connections() {
    // SAFETY: both options take the arguments given; SQLite refuses them, changing nothing,
    // once it is initialised.
    unsafe {
        ffi::sqlite3_config(ffi::SQLITE_CONFIG_MULTITHREAD);
        ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
    }
}

/// Set once a connection opens with a mutex of its own (SQLite was initialised before
/// [`unlocked_connections`]).
static LOCKED_SEEN: AtomicBool = AtomicBool::new(false);

/// Whether every SQLite connection opened since [`register`] is without a mutex of its own.
pub fn connections_unlocked() -> bool {
    !LOCKED_SEEN.load(Ordering::Relaxed)
}

unsafe extern "C" fn note_lock(
    db: *mut ffi::sqlite3,
    _err: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    if !ffi::sqlite3_db_mutex(db).is_null() {
        LOCKED_SEEN.store(true, Ordering::Relaxed);
    }
    ffi::SQLITE_OK
}

type EntryPoint = unsafe extern "C" fn(
    *mut ffi::sqlite3,
    *mut *mut c_char,
    *const ffi::sqlite3_api_routines,
) -> c_int;

/// Turns on the query planner stability guarantee (`SQLITE_DBCONFIG_ENABLE_QPSG`). Without it,
/// SQLite reads the values bound to a statement while planning it (a `LIMIT ?`, a `LIKE ?`)
/// and marks the statement expired when they are bound again, so every cached statement of
/// diesel was prepared anew on each use: 78 % of the instructions of `GET /api/v1/me` went to
/// `sqlite3Reprepare` (README, benchmarks). No query of the portal needs a plan that depends
/// on a bound value.
unsafe extern "C" fn stable_plans(
    db: *mut ffi::sqlite3,
    _err: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    ffi::sqlite3_db_config(
        db,
        ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
        1 as c_int,
        ptr::null_mut::<c_int>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How often a statement `LIMIT ?` was prepared again over six runs with new limits, on
    /// a connection with QPSG on or off.
    unsafe fn reprepares(qpsg: bool) -> c_int {
        let mut db: *mut ffi::sqlite3 = ptr::null_mut();
        assert_eq!(
            ffi::sqlite3_open(c":memory:".as_ptr(), &mut db),
            ffi::SQLITE_OK
        );
        let on = c_int::from(qpsg);
        ffi::sqlite3_db_config(
            db,
            ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
            on,
            ptr::null_mut::<c_int>(),
        );
        let setup = c"CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3), (4);";
        let rc = ffi::sqlite3_exec(db, setup.as_ptr(), None, ptr::null_mut(), ptr::null_mut());
        assert_eq!(rc, ffi::SQLITE_OK);
        let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
        let sql = c"SELECT n FROM t ORDER BY n LIMIT ?1";
        let rc = ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut());
        assert_eq!(rc, ffi::SQLITE_OK);
        for limit in [1, 2, 3, 1, 2, 3] {
            ffi::sqlite3_bind_int(stmt, 1, limit);
            let mut rows = 0;
            while ffi::sqlite3_step(stmt) == ffi::SQLITE_ROW {
                rows += 1;
            }
            assert_eq!(rows, limit);
            ffi::sqlite3_reset(stmt);
        }
        let n = ffi::sqlite3_stmt_status(stmt, ffi::SQLITE_STMTSTATUS_REPREPARE, 0);
        ffi::sqlite3_finalize(stmt);
        ffi::sqlite3_close(db);
        n
    }

    #[test]
    fn a_statement_is_not_prepared_again_for_a_new_limit() {
        register();
        // The connection's own setting decides; every connection opened gets it on.
        assert!(
            unsafe { reprepares(false) } > 0,
            "without QPSG SQLite re-prepares"
        );
        assert_eq!(unsafe { reprepares(true) }, 0);
        let mut db: *mut ffi::sqlite3 = ptr::null_mut();
        unsafe {
            assert_eq!(
                ffi::sqlite3_open(c":memory:".as_ptr(), &mut db),
                ffi::SQLITE_OK
            );
            let mut on: c_int = -1;
            ffi::sqlite3_db_config(db, ffi::SQLITE_DBCONFIG_ENABLE_QPSG, -1 as c_int, &mut on);
            ffi::sqlite3_close(db);
            assert_eq!(on, 1, "a new connection plans once");
        }
    }
}
