//! `/api/v1/documents`: multipart upload, library, detail, content, versions, access list,
//! download audit.

use actix_multipart::Multipart;
use actix_web::web::{Json, Path, Query};
use actix_web::{get, post, put, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::access::documents::require_uploader;
use crate::auth::{ApiCaller, ApiEntrant, Caller};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::repo::audit::AuditEntry;
use crate::services::documents::{
    self, AccessUpdate, DocumentDetail, DocumentMeta, DocumentPage, DocumentQuery,
};
use crate::web::common::api::Answer;
use crate::web::common::csv::csv_response;
use crate::web::common::upload::{self, Received};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DocumentListParams {
    pub tag: Option<String>,
    /// Owner organisation code.
    pub organisation: Option<String>,
    pub classification: Option<String>,
    pub programme: Option<String>,
    pub q: Option<String>,
    /// An audience the access list names, e.g. `group:BMLE` (a working group's documents).
    pub audience: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl From<DocumentListParams> for DocumentQuery {
    fn from(p: DocumentListParams) -> Self {
        DocumentQuery {
            tag: p.tag,
            organisation: p.organisation,
            classification: p.classification,
            programme: p.programme,
            text: p.q,
            audience: p.audience,
            sort: None,
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ContentParams {
    /// A former version's number; the current one when absent.
    pub version: Option<i32>,
}

pub fn meta_from(form: &Received) -> DocumentMeta {
    DocumentMeta {
        title: form.first("title"),
        description: form.first("description"),
        classification: form.first("classification"),
        tags: form.all("tags"),
        access: form.all("access"),
        report_id: form.optional("report_id"),
        need_id: form.optional("need_id"),
        programme: form.optional("programme"),
    }
}

fn missing_file() -> AppError {
    AppError::invalid(ErrorCode::MissingFile, "choose a file to upload")
}

/// Stores the received file as a new document (or discards it when the metadata is refused).
pub async fn create_from<K: 'static>(
    caller: &Caller<K>,
    form: Received,
) -> AppResult<DocumentDetail> {
    let file = form.file().ok_or_else(missing_file)?;
    let meta = meta_from(&form);
    caller
        .keep_uploads(form.blob_ids(), move |conn, user, ip| {
            documents::create(conn, user, ip, meta, file)
        })
        .await
}

/// Stores the received file as a new version of document `id` (or discards it when refused).
pub async fn version_from<K: 'static>(
    caller: &Caller<K>,
    id: String,
    form: Received,
) -> AppResult<DocumentDetail> {
    let file = form.file().ok_or_else(missing_file)?;
    caller
        .keep_uploads(form.blob_ids(), move |conn, user, ip| {
            documents::add_version(conn, user, ip, &id, file)
        })
        .await
}

/// Uploads a document (multipart: `file`, `title`, `classification`, `access` repeated,
/// optional `description`, `tags`, `report_id`, `need_id`, `programme`).
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "file, title, classification, access…"),
    responses((status = 201, body = DocumentDetail), (status = 400, body = ErrorBody), (status = 413, body = ErrorBody)))]
#[post("/documents")]
pub async fn upload_document(caller: ApiCaller, payload: Multipart) -> AppResult<HttpResponse> {
    // Too large is said before who may upload (the reader checks the length again).
    upload::check_declared_length(&caller.req, caller.state.settings.max_upload_bytes)?;
    require_uploader(&caller.actor)?;
    let limits = upload::document_limits(&caller.state);
    let form = caller.receive_upload(payload, limits).await?;
    Ok(HttpResponse::Created().json(create_from(&caller, form).await?))
}

/// Documents the caller may read, most recently changed first.
#[utoipa::path(tag = "documents", params(DocumentListParams), security(("bearer" = [])),
    responses((status = 200, body = DocumentPage)))]
#[get("/documents")]
pub fn list_documents(caller: ApiEntrant, q: Query<DocumentListParams>) -> Answer {
    caller.ok(move |conn, user, _| documents::list(conn, user, q.0.into()))
}

/// One document with its versions (and access list for those who manage it).
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    responses((status = 200, body = DocumentDetail), (status = 404, body = ErrorBody)))]
#[get("/documents/{id}")]
pub fn get_document(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| documents::read(conn, user, ip, &id))
}

/// The file itself, as an attachment; downloads of restricted and confidential documents are audited.
#[utoipa::path(tag = "documents", params(ContentParams), security(("bearer" = [])),
    responses((status = 200, description = "the file"), (status = 404, body = ErrorBody)))]
#[get("/documents/{id}/content")]
pub fn document_content(caller: ApiCaller, id: Path<String>, q: Query<ContentParams>) -> Answer {
    caller.download(move |conn, user, ip| documents::open_download(conn, user, ip, &id, q.version))
}

/// Adds a version (multipart `file`); the old ones are kept.
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "file"),
    responses((status = 201, body = DocumentDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[post("/documents/{id}/versions")]
pub async fn add_version(
    caller: ApiCaller,
    id: Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let form = caller
        .receive_upload(payload, upload::document_limits(&caller.state))
        .await?;
    let detail = version_from(&caller, id.into_inner(), form).await?;
    Ok(HttpResponse::Created().json(detail))
}

/// Replaces the access list (owner organisation's focal points and coordinators); audited.
#[utoipa::path(tag = "documents", request_body = AccessUpdate, security(("bearer" = [])),
    responses((status = 200, body = DocumentDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[put("/documents/{id}/access")]
pub fn set_access(caller: ApiEntrant, id: Path<String>, body: Json<AccessUpdate>) -> Answer {
    caller.ok(move |conn, user, ip| documents::set_access(conn, user, ip, &id, body.0))
}

/// Who downloaded document `id`, as CSV, for the caller.
pub async fn downloads_log<K: 'static>(
    caller: Caller<K>,
    id: Path<String>,
) -> AppResult<HttpResponse> {
    let entries = caller
        .db(move |conn, user, _| documents::downloads(conn, user, &id))
        .await?;
    downloads_csv(&entries)
}

fn downloads_csv(entries: &[AuditEntry]) -> AppResult<HttpResponse> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["at_utc", "who", "address", "details"])
        .map_err(AppError::internal)?;
    for e in entries {
        let at = crate::domain::time::UtcTime(e.at).to_string();
        let who = e.actor_email.clone().unwrap_or_default();
        let ip = e.ip.clone().unwrap_or_default();
        let details = e.details.clone().unwrap_or_default();
        out.write_record([at.as_str(), who.as_str(), ip.as_str(), details.as_str()])
            .map_err(AppError::internal)?;
    }
    let body = out.into_inner().map_err(AppError::internal)?;
    let body = String::from_utf8(body).map_err(AppError::internal)?;
    Ok(csv_response("downloads.csv", body))
}

/// Who downloaded the document (owners and coordinators), as CSV.
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", description = "download log"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[get("/documents/{id}/downloads")]
pub async fn download_log(caller: ApiCaller, id: Path<String>) -> AppResult<HttpResponse> {
    downloads_log(caller, id).await
}
