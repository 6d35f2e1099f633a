//! Answers kept between requests for the version of the data they were computed from: the
//! one way every area reads through a [`Versioned`] (`repo::data_versions` says what each
//! version covers).

use std::hash::Hash;
use std::sync::{Arc, OnceLock};

use actix_web::web::Bytes;
use serde::Serialize;

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::repo::data_versions;
use crate::state::Versioned;

/// What `kept` holds for `key` at the version `name` has now, or `compute`'s answer, kept.
/// The version is read before the data `compute` reads, so what is kept for it is never older
/// than it.
pub fn for_version<K: Eq + Hash, V>(
    conn: &mut DbConnection,
    name: &'static str,
    kept: &Versioned<K, V>,
    key: K,
    compute: impl FnOnce(&mut DbConnection) -> AppResult<V>,
) -> AppResult<Arc<V>> {
    let version = data_versions::current(conn, name)?;
    kept.get_or_compute(key, version, || compute(conn))
}

/// A kept answer's JSON, written once, when first asked for, then given again as it is (the
/// API answers a kept answer without serialising it each time).
#[derive(Debug, Default)]
pub struct JsonOnce(OnceLock<Bytes>);

impl JsonOnce {
    /// `value` as JSON: written the first time, the same bytes after.
    pub fn get(&self, value: &impl Serialize) -> AppResult<Bytes> {
        if let Some(json) = self.0.get() {
            return Ok(json.clone());
        }
        let json = Bytes::from(
            serde_json::to_vec(value)
                .map_err(|e| AppError::internal(format!("a kept answer as JSON: {e}")))?,
        );
        Ok(self.0.get_or_init(|| json).clone())
    }
}
