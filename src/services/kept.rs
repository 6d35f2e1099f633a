//! Answers kept between requests for the version of the data they were computed from: the
//! one way every area reads through a [`Versioned`] (`repo::data_versions` says what each
//! version covers).

use std::hash::Hash;
use std::sync::{Arc, OnceLock};

use actix_web::web::Bytes;
use serde::Serialize;

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::pagination::Page;
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

/// A kept page of a list, with its JSON once asked for.
pub struct KeptPage<T> {
    pub page: Page<T>,
    json: JsonOnce,
}

impl<T: Serialize> KeptPage<T> {
    /// The page as the API gives it.
    pub fn json(&self) -> AppResult<Bytes> {
        self.json.get(&self.page)
    }
}

/// A list's pages and counts kept for the version `name` of the rows it reads, by `K` (the
/// access scope and the query as checked: two callers share an answer only when their queries
/// would be the same). 128 pages and 128 counts at most.
pub struct KeptLists<K, T> {
    name: &'static str,
    pages: Versioned<K, KeptPage<T>>,
    counts: Versioned<K, i64>,
}

impl<K: Eq + Hash, T> KeptLists<K, T> {
    pub fn new(name: &'static str) -> Self {
        KeptLists {
            name,
            pages: Versioned::new(128),
            counts: Versioned::new(128),
        }
    }

    /// The page kept for `key`, or `compute`'s, kept.
    pub fn page(
        &self,
        conn: &mut DbConnection,
        key: K,
        compute: impl FnOnce(&mut DbConnection) -> AppResult<Page<T>>,
    ) -> AppResult<Arc<KeptPage<T>>> {
        for_version(conn, self.name, &self.pages, key, |conn| {
            Ok(KeptPage {
                page: compute(conn)?,
                json: JsonOnce::default(),
            })
        })
    }

    /// The count kept for `key` (whose page and order the caller has cleared), or
    /// `compute`'s, kept.
    pub fn count(
        &self,
        conn: &mut DbConnection,
        key: K,
        compute: impl FnOnce(&mut DbConnection) -> AppResult<i64>,
    ) -> AppResult<i64> {
        Ok(*for_version(conn, self.name, &self.counts, key, compute)?)
    }
}
