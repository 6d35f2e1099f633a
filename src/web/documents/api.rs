//! `/api/v1/documents`: multipart upload, library, detail, content, versions, access list,
//! download audit.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiCaller;
use crate::auth::{ApiUser, CurrentUser};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::repo::audit::AuditEntry;
use crate::repo::files;
use crate::services::documents::{
    self, AccessUpdate, DocumentDetail, DocumentMeta, DocumentPage, DocumentQuery, Download,
};
use crate::services::files::content_disposition;
use crate::state::AppState;
use crate::web::common::api::user_json;
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

/// Stores the received file as a new document (or discards it when the metadata is refused).
pub async fn create_from(
    state: &AppState,
    user: CurrentUser,
    ip: String,
    form: Received,
) -> AppResult<DocumentDetail> {
    let file = form
        .file()
        .ok_or_else(|| AppError::invalid(ErrorCode::MissingFile, "choose a file to upload"))?;
    let blob_id = file.blob_id.clone();
    let meta = meta_from(&form);
    let result = state
        .db(move |conn| documents::create(conn, &user, &ip, meta, file))
        .await;
    if result.is_err() {
        upload::discard(state, blob_id).await;
    }
    result
}

pub async fn version_from(
    state: &AppState,
    user: CurrentUser,
    ip: String,
    id: String,
    form: Received,
) -> AppResult<DocumentDetail> {
    let file = form
        .file()
        .ok_or_else(|| AppError::invalid(ErrorCode::MissingFile, "choose a file to upload"))?;
    let blob_id = file.blob_id.clone();
    let result = state
        .db(move |conn| documents::add_version(conn, &user, &ip, &id, file))
        .await;
    if result.is_err() {
        upload::discard(state, blob_id).await;
    }
    result
}

/// Uploads a document (multipart: `file`, `title`, `classification`, `access` repeated,
/// optional `description`, `tags`, `report_id`, `need_id`, `programme`).
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "file, title, classification, access…"),
    responses((status = 201, body = DocumentDetail), (status = 400, body = ErrorBody), (status = 413, body = ErrorBody)))]
#[post("/documents")]
pub async fn upload_document(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    upload::check_declared_length(&req, state.settings.max_upload_bytes)?;
    crate::access::documents::require_uploader(&caller.user.actor())?;
    let form = upload::receive(&state, payload, None, upload::document_limits(&state)).await?;
    let ip = caller.ip;
    let detail = create_from(&state, caller.user, ip, form).await?;
    Ok(HttpResponse::Created().json(detail))
}

/// Documents the caller may read, most recently changed first.
#[utoipa::path(tag = "documents", params(DocumentListParams), security(("bearer" = [])),
    responses((status = 200, body = DocumentPage)))]
#[get("/documents")]
pub async fn list_documents(
    state: web::Data<AppState>,
    user: ApiUser,
    q: web::Query<DocumentListParams>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    user_json(&state, user.0, StatusCode::OK, move |conn, user| {
        documents::list(conn, user, q.into())
    })
    .await
}

/// One document with its versions (and access list for those who manage it).
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    responses((status = 200, body = DocumentDetail), (status = 404, body = ErrorBody)))]
#[get("/documents/{id}")]
pub async fn get_document(
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id) = (caller.user, id.into_inner());
    let ip = caller.ip;
    let detail = state
        .db(move |conn| documents::read(conn, &user, &ip, &id))
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// The file itself, as an attachment; downloads of restricted and confidential documents are audited.
#[utoipa::path(tag = "documents", params(ContentParams), security(("bearer" = [])),
    responses((status = 200, description = "the file"), (status = 404, body = ErrorBody)))]
#[get("/documents/{id}/content")]
pub async fn document_content(
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
    q: web::Query<ContentParams>,
) -> AppResult<HttpResponse> {
    download(state, caller.user, caller.ip, id.into_inner(), q.version).await
}

/// Streams the chunks one by one: memory stays flat whatever the file's size.
pub async fn download(
    state: web::Data<AppState>,
    user: CurrentUser,
    ip: String,
    id: String,
    version: Option<i32>,
) -> AppResult<HttpResponse> {
    let found = state
        .db(move |conn| documents::open_download(conn, &user, &ip, &id, version))
        .await?;
    Ok(stream_file(state, found))
}

/// Sends stored bytes as an attachment, reading one chunk at a time (documents and message
/// attachments alike): never rendered inline, never sniffed, never cached.
pub fn stream_file(state: web::Data<AppState>, file: Download) -> HttpResponse {
    let Download {
        blob_id,
        filename,
        content_type,
        size,
    } = file;
    let stream = futures_util::stream::unfold(Some(0i32), move |next| {
        let (state, blob_id) = (state.clone(), blob_id.clone());
        async move {
            let seq = next?;
            match state
                .db(move |conn| Ok(files::chunk(conn, &blob_id, seq)?))
                .await
            {
                Ok(Some(data)) => Some((
                    Ok::<Bytes, actix_web::Error>(Bytes::from(data)),
                    Some(seq + 1),
                )),
                Ok(None) => None,
                Err(e) => Some((Err(e.into()), None)),
            }
        }
    });
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, content_disposition(&filename)))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .no_chunking(size.max(0) as u64)
        .streaming(stream)
}

/// Adds a version (multipart `file`); the old ones are kept.
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "file"),
    responses((status = 201, body = DocumentDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[post("/documents/{id}/versions")]
pub async fn add_version(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let form = upload::receive_document(&req, &state, payload, false).await?;
    let ip = caller.ip;
    let detail = version_from(&state, caller.user, ip, id.into_inner(), form).await?;
    Ok(HttpResponse::Created().json(detail))
}

/// Replaces the access list (owner organisation's focal points and coordinators); audited.
#[utoipa::path(tag = "documents", request_body = AccessUpdate, security(("bearer" = [])),
    responses((status = 200, body = DocumentDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[put("/documents/{id}/access")]
pub async fn set_access(
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
    body: web::Json<AccessUpdate>,
) -> AppResult<HttpResponse> {
    let (user, id, body) = (caller.user, id.into_inner(), body.into_inner());
    let ip = caller.ip;
    let detail = state
        .db(move |conn| documents::set_access(conn, &user, &ip, &id, body))
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Who downloaded document `id`, as CSV, for `user`.
pub async fn downloads_log(
    state: &AppState,
    user: CurrentUser,
    id: String,
) -> AppResult<HttpResponse> {
    let entries = state
        .db(move |conn| documents::downloads(conn, &user, &id))
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
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"downloads.csv\"",
        ))
        .body(body))
}

/// Who downloaded the document (owners and coordinators), as CSV.
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", description = "download log"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[get("/documents/{id}/downloads")]
pub async fn download_log(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    downloads_log(&state, user.0, id.into_inner()).await
}
