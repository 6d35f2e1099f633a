//! How a request gets a pooled connection (`AppState::db`): it takes a turn at the pool, and
//! turns are given in the order they were asked for.
//!
//! r2d2 lends a connection to whichever blocked thread takes its lock first. A blocking thread
//! that has just given a connection back and picked up the next request's work is usually that
//! thread, ahead of threads that had waited: under a load with more requests than connections,
//! some requests waited hundreds of milliseconds while the rest went straight through (on
//! PostgreSQL, `GET /api/v1/me` with 16 connections on a pool of 8 had a p99 of 360–650 ms,
//! and 55–61 ms when the pool had 16). A request now takes a turn first, in a fair queue
//! (tokio's semaphore serves in order), and there are only as many turns as connections, so
//! nobody waits inside the pool, and waiting is done by a future rather than by a thread.

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::web;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// As many turns as the pool has connections.
pub struct Turns(Arc<Semaphore>);

/// A turn, held while its connection is in use; dropping it lets the next caller in.
pub struct Turn {
    _permit: OwnedSemaphorePermit,
}

impl Turns {
    pub fn new(connections: u32) -> Self {
        Turns(Arc::new(Semaphore::new(connections.max(1) as usize)))
    }

    /// The next turn, or `None` when none came within `wait`.
    pub async fn take(&self, wait: Duration) -> Option<Turn> {
        match tokio::time::timeout(wait, self.0.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Some(Turn { _permit: permit }),
            _ => None,
        }
    }
}

impl AppState {
    /// Runs `f` with a pooled connection on the blocking thread pool, never on an async worker.
    /// Waits at most `PORTAL_DB_TIMEOUT_SECS` for a connection; 503 (`Unavailable`) when none
    /// comes or the database cannot take the query.
    pub async fn db<F, T>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.db_within(self.settings.db_timeout, f).await
    }

    /// `db`, waiting at most `wait` for a connection.
    pub async fn db_within<F, T>(&self, wait: Duration, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let asked = Instant::now();
        let Some(turn) = self.db_turns.take(wait).await else {
            crate::metrics::METRICS.pool_wait(asked.elapsed(), false);
            return Err(AppError::Unavailable);
        };
        let pool = self.pool.clone();
        web::block(move || {
            let conn = pool.get_timeout(wait.saturating_sub(asked.elapsed()));
            crate::metrics::METRICS.pool_wait(asked.elapsed(), conn.is_ok());
            let (mut conn, _turn) = (conn?, turn);
            let result = f(&mut conn);
            // On PostgreSQL `Unavailable` means the connection is lost: the pool closes it
            // instead of lending it again. (On SQLite it means a lock; the connection is fine.)
            if matches!(result, Err(AppError::Unavailable))
                && matches!(**conn, DbConnection::Postgresql(_))
            {
                conn.mark_broken();
            }
            result
        })
        .await
        .map_err(AppError::from)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn turns_are_as_many_as_connections_and_come_back() {
        let turns = Turns::new(2);
        let first = turns.take(Duration::from_millis(10)).await;
        let second = turns.take(Duration::from_millis(10)).await;
        assert!(first.is_some() && second.is_some());
        assert!(turns.take(Duration::from_millis(10)).await.is_none());
        drop(first);
        assert!(turns.take(Duration::from_millis(10)).await.is_some());
    }
}
