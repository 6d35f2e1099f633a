//! What every handler can reach.

use std::sync::Arc;

use actix_web::web;

use crate::auth::csrf::CsrfKey;
use crate::auth::jwt::JwtKeys;
use crate::auth::password::PasswordHasher;
use crate::config::Settings;
use crate::db::{DbConnection, DbPool};
use crate::error::{AppError, AppResult};

pub struct AppState {
    pub settings: Arc<Settings>,
    pub pool: DbPool,
    pub jwt: JwtKeys,
    pub csrf: CsrfKey,
    pub hasher: PasswordHasher,
    pub templates: tera::Tera,
}

impl AppState {
    /// Runs `f` with a pooled connection on the blocking thread pool, never on an async worker.
    pub async fn db<F, T>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await
        .map_err(AppError::from)?
    }
}
