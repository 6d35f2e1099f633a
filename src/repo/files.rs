//! File contents, stored in chunks: an upload writes chunk by chunk and a download reads
//! chunk by chunk, so neither holds a whole file in memory.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{file_blobs, file_chunks};
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = file_blobs)]
pub struct FileBlob {
    pub id: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub content_type: String,
    pub complete: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = file_chunks)]
struct NewChunk<'a> {
    blob_id: &'a str,
    seq: i32,
    data: &'a [u8],
}

pub fn create(conn: &mut DbConnection, blob: &FileBlob) -> QueryResult<usize> {
    diesel::insert_into(file_blobs::table)
        .values(blob)
        .execute(conn)
}

pub fn append_chunk(
    conn: &mut DbConnection,
    blob_id: &str,
    seq: i32,
    data: &[u8],
) -> QueryResult<usize> {
    diesel::insert_into(file_chunks::table)
        .values(&NewChunk { blob_id, seq, data })
        .execute(conn)
}

pub fn complete(
    conn: &mut DbConnection,
    blob_id: &str,
    sha256: &str,
    size: i64,
    content_type: &str,
) -> QueryResult<usize> {
    diesel::update(file_blobs::table.find(blob_id))
        .set((
            file_blobs::sha256.eq(sha256),
            file_blobs::size_bytes.eq(size),
            file_blobs::content_type.eq(content_type),
            file_blobs::complete.eq(true),
        ))
        .execute(conn)
}

pub fn chunk(conn: &mut DbConnection, blob_id: &str, seq: i32) -> QueryResult<Option<Vec<u8>>> {
    file_chunks::table
        .filter(file_chunks::blob_id.eq(blob_id))
        .filter(file_chunks::seq.eq(seq))
        .select(file_chunks::data)
        .first(conn)
        .optional()
}

/// Removes a blob and its chunks (an upload that was refused or abandoned).
pub fn delete(conn: &mut DbConnection, blob_id: &str) -> QueryResult<usize> {
    diesel::delete(file_chunks::table.filter(file_chunks::blob_id.eq(blob_id))).execute(conn)?;
    diesel::delete(file_blobs::table.find(blob_id)).execute(conn)
}

/// Incomplete uploads older than `before` (interrupted transfers).
pub fn purge_incomplete(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    let stale: Vec<String> = file_blobs::table
        .filter(file_blobs::complete.eq(false))
        .filter(file_blobs::created_at.lt(before))
        .select(file_blobs::id)
        .load(conn)?;
    for id in &stale {
        delete(conn, id)?;
    }
    Ok(stale.len())
}
