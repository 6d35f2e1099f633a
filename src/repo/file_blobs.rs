//! Uploaded bytes, kept in the database. Generic: whoever owns a blob (a message attachment,
//! later a document) decides who may read it; this module never answers a user directly.

use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::schema::file_blobs;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = file_blobs)]
pub struct FileBlob {
    pub id: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub content_type: String,
    pub content: Vec<u8>,
}

impl FileBlob {
    pub fn new(content_type: &str, content: Vec<u8>) -> FileBlob {
        FileBlob {
            id: uuid::Uuid::new_v4().to_string(),
            sha256: hex::encode(Sha256::digest(&content)),
            size_bytes: content.len() as i64,
            content_type: content_type.to_string(),
            content,
        }
    }
}

pub fn insert(conn: &mut DbConnection, blob: &FileBlob) -> QueryResult<usize> {
    diesel::insert_into(file_blobs::table)
        .values(blob)
        .execute(conn)
}
