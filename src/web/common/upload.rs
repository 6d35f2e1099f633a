//! Receiving a multipart upload (documents, message attachments): text fields in memory
//! (small), each file streamed into stored chunks as it arrives, its type decided from the
//! first bytes, and the whole refused with 413 as soon as a file passes its limit (or at once
//! when Content-Length says so). What was stored of a refused upload is deleted.

use std::collections::HashMap;

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::HttpRequest;
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};

use crate::auth::caller::Entry;
use crate::auth::tokens::new_id;
use crate::auth::Caller;
use crate::domain::time::now;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::files::{self, FileBlob};
use crate::services::documents::StoredUpload;
use crate::services::files::{clean_filename, decide_type, CHUNK_BYTES, SNIFF_BYTES};
use crate::state::AppState;

const MAX_FIELD_BYTES: usize = 64 * 1024;
const MAX_FIELDS: usize = 400;
/// Room for the text fields and multipart framing on top of the file itself.
const ENVELOPE_BYTES: u64 = 1024 * 1024;

/// How many files (fields named `file`) a form may carry, and how large each may be.
#[derive(Debug, Clone, Copy)]
pub struct FileLimits {
    pub max_files: usize,
    pub max_bytes: u64,
}

pub struct Received {
    pub fields: HashMap<String, Vec<String>>,
    pub files: Vec<StoredUpload>,
}

impl Received {
    /// The one file of a single-file form.
    pub fn file(&self) -> Option<StoredUpload> {
        self.files.first().cloned()
    }

    pub fn blob_ids(&self) -> Vec<String> {
        self.files.iter().map(|f| f.blob_id.clone()).collect()
    }

    pub fn first(&self, name: &str) -> String {
        self.fields
            .get(name)
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default()
    }

    pub fn optional(&self, name: &str) -> Option<String> {
        Some(self.first(name).trim().to_string()).filter(|v| !v.is_empty())
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

/// A document: one file, up to `PORTAL_MAX_UPLOAD_MB`.
pub fn document_limits(state: &AppState) -> FileLimits {
    FileLimits {
        max_files: 1,
        max_bytes: state.settings.max_upload_bytes,
    }
}

/// A message's attachments.
pub const ATTACHMENT_LIMITS: FileLimits = FileLimits {
    max_files: crate::domain::messaging::MAX_ATTACHMENTS,
    max_bytes: crate::domain::messaging::MAX_ATTACHMENT_BYTES as u64,
};

/// Refuses before reading anything when the declared length is already too large.
pub fn check_declared_length(req: &HttpRequest, limit: u64) -> AppResult<()> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > limit + ENVELOPE_BYTES => Err(AppError::PayloadTooLarge),
        _ => Ok(()),
    }
}

impl<K: Entry> Caller<K> {
    /// Reads the request's multipart form within `limits`, its declared length checked first;
    /// a browser's form carries its CSRF token as the first field, checked before any file is
    /// stored.
    pub async fn receive_upload(
        &self,
        payload: Multipart,
        limits: FileLimits,
    ) -> AppResult<Received> {
        self.receive_upload_or_refused(payload, limits)
            .await
            .map_err(|r| r.error)
    }

    /// As [`Self::receive_upload`]; a refused form also gives the text fields read before the
    /// refusal, for a page that shows them again (its file input comes last).
    pub async fn receive_upload_or_refused(
        &self,
        payload: Multipart,
        limits: FileLimits,
    ) -> Result<Received, Refused> {
        check_declared_length(&self.req, limits.max_files as u64 * limits.max_bytes)?;
        let check = K::BROWSER.then(|| csrf_check(&self.req, &self.state));
        let check = check.as_ref().map(|c| c as &dyn Fn(&str) -> bool);
        let mut fields = HashMap::new();
        match receive(&self.state, payload, check, limits, &mut fields).await {
            Ok(files) => Ok(Received { fields, files }),
            // A refused CSRF token gives nothing back.
            Err(error) if error.code() == ErrorCode::Csrf => Err(error.into()),
            Err(error) => Err(Refused { error, fields }),
        }
    }
}

/// A refused upload form: why, and the text fields read before the refusal.
pub struct Refused {
    pub error: AppError,
    pub fields: HashMap<String, Vec<String>>,
}

impl From<AppError> for Refused {
    fn from(error: AppError) -> Self {
        Refused {
            error,
            fields: HashMap::new(),
        }
    }
}

/// Reads the form. `csrf` (HTML forms) must be the first field and valid, checked before any
/// file byte is read.
async fn receive(
    state: &AppState,
    mut payload: Multipart,
    csrf: Option<&dyn Fn(&str) -> bool>,
    limits: FileLimits,
    fields: &mut HashMap<String, Vec<String>>,
) -> AppResult<Vec<StoredUpload>> {
    let mut files: Vec<StoredUpload> = Vec::new();
    let mut count = 0;
    let bad = |_| AppError::bad_request("the upload could not be read as multipart/form-data");
    while let Some(mut field) = payload.try_next().await.map_err(bad)? {
        count += 1;
        if count > MAX_FIELDS {
            return fail(state, files, AppError::bad_request("too many form fields")).await;
        }
        let name = field.name().unwrap_or("").to_string();
        if csrf.is_some() && count == 1 && name != crate::auth::csrf::FIELD {
            return Err(csrf_refusal());
        }
        let filename = field
            .content_disposition()
            .and_then(|cd| cd.get_filename().map(str::to_string));
        let value = match filename {
            Some(filename) if name == "file" && !filename.is_empty() => {
                if files.len() == limits.max_files {
                    let err = AppError::invalid(
                        ErrorCode::TooManyFiles,
                        format!("at most {} file(s) per upload", limits.max_files),
                    );
                    return fail(state, files, err).await;
                }
                match receive_file(state, &mut field, &filename, limits.max_bytes).await {
                    Ok(stored) => files.push(stored),
                    Err(e) => return fail(state, files, e).await,
                }
                continue;
            }
            _ => match read_text(&mut field).await {
                Ok(value) => value,
                Err(e) => return fail(state, files, e).await,
            },
        };
        // A browser sends an empty, nameless file part when no file was chosen.
        if name == "file" && value.is_empty() {
            continue;
        }
        if let Some(check) = csrf {
            if count == 1 && !check(&value) {
                return Err(csrf_refusal());
            }
        }
        fields.entry(name).or_default().push(value);
    }
    Ok(files)
}

async fn read_text(field: &mut actix_multipart::Field) -> AppResult<String> {
    let mut value = Vec::new();
    while let Some(chunk) = field
        .try_next()
        .await
        .map_err(|_| AppError::bad_request("the upload could not be read as multipart/form-data"))?
    {
        if value.len() + chunk.len() > MAX_FIELD_BYTES {
            return Err(AppError::PayloadTooLarge);
        }
        value.extend_from_slice(&chunk);
    }
    String::from_utf8(value).map_err(|_| AppError::bad_request("form fields must be UTF-8 text"))
}

/// The check of a signed-in HTML form's CSRF field against the browser's session.
fn csrf_check(req: &HttpRequest, state: &AppState) -> impl Fn(&str) -> bool {
    let session_id = crate::auth::csrf::cookie_session_id(req, state);
    let key = state.csrf.clone();
    move |token: &str| {
        session_id
            .as_deref()
            .map(|sid| key.verify_session(sid, token))
            .unwrap_or(false)
    }
}

fn csrf_refusal() -> AppError {
    crate::auth::csrf::refusal()
}

async fn fail<T>(state: &AppState, files: Vec<StoredUpload>, err: AppError) -> AppResult<T> {
    discard_all(state, files.into_iter().map(|f| f.blob_id).collect()).await;
    Err(err)
}

/// Deletes stored uploads that will not be used (a refused form, a failed change).
pub async fn discard_all(state: &AppState, blob_ids: Vec<String>) {
    for blob_id in blob_ids {
        discard(state, blob_id).await;
    }
}

pub async fn discard(state: &AppState, blob_id: String) {
    if let Err(e) = state
        .db(move |conn| Ok(files::delete(conn, &blob_id)?))
        .await
    {
        tracing::warn!("could not discard an upload: {e}");
    }
}

async fn receive_file(
    state: &AppState,
    field: &mut actix_multipart::Field,
    raw_name: &str,
    limit: u64,
) -> AppResult<StoredUpload> {
    let filename = clean_filename(raw_name);
    let blob_id = new_id();
    let blob = FileBlob {
        id: blob_id.clone(),
        sha256: String::new(),
        size_bytes: 0,
        content_type: "application/octet-stream".into(),
        complete: false,
        created_at: now(),
    };
    state
        .db(move |conn| {
            // Transfers cut off mid-way (the request future dropped) leave incomplete blobs;
            // each new upload sweeps those older than an hour.
            files::purge_incomplete(conn, blob.created_at - chrono::Duration::hours(1))?;
            Ok(files::create(conn, &blob)?)
        })
        .await?;
    let result = stream_chunks(state, field, &blob_id, &filename, limit).await;
    if result.is_err() {
        discard(state, blob_id).await;
    }
    result
}

async fn stream_chunks(
    state: &AppState,
    field: &mut actix_multipart::Field,
    blob_id: &str,
    filename: &str,
    limit: u64,
) -> AppResult<StoredUpload> {
    let mut buffer: Vec<u8> = Vec::with_capacity(CHUNK_BYTES + 64 * 1024);
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let mut seq = 0;
    let mut content_type: Option<&'static str> = None;
    let decide = |head: &[u8]| {
        decide_type(head, filename)
            .map_err(|p| AppError::invalid(ErrorCode::UnsupportedFile, p.message()))
    };
    while let Some(bytes) = field
        .try_next()
        .await
        .map_err(|_| AppError::bad_request("the upload was interrupted"))?
    {
        size += bytes.len() as u64;
        if size > limit {
            return Err(AppError::PayloadTooLarge);
        }
        hasher.update(&bytes);
        buffer.extend_from_slice(&bytes);
        if content_type.is_none() && buffer.len() >= SNIFF_BYTES {
            content_type = Some(decide(&buffer)?);
        }
        while content_type.is_some() && buffer.len() >= CHUNK_BYTES {
            let rest = buffer.split_off(CHUNK_BYTES);
            write_chunk(state, blob_id, seq, std::mem::replace(&mut buffer, rest)).await?;
            seq += 1;
        }
    }
    if size == 0 {
        return Err(AppError::invalid(ErrorCode::EmptyFile, "the file is empty"));
    }
    let content_type = match content_type {
        Some(t) => t,
        None => decide(&buffer)?,
    };
    if !buffer.is_empty() {
        write_chunk(state, blob_id, seq, buffer).await?;
    }
    Ok(StoredUpload {
        blob_id: blob_id.to_string(),
        filename: filename.to_string(),
        content_type: content_type.to_string(),
        size: size as i64,
        sha256: hex::encode(hasher.finalize()),
    })
}

async fn write_chunk(state: &AppState, blob_id: &str, seq: i32, data: Vec<u8>) -> AppResult<()> {
    let blob_id = blob_id.to_string();
    state
        .db(move |conn| Ok(files::append_chunk(conn, &blob_id, seq, &data)?))
        .await?;
    Ok(())
}
