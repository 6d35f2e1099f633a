//! HTML pages for documents: library with filters, upload form, document page with versions,
//! access list and download log for those who manage it.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::documents::{may_upload_documents, require_uploader};
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::PageCaller;
use crate::auth::{CurrentUser, PageUser};
use crate::domain::policy::AUDIENCES;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::services::documents::{self, AccessUpdate, DocumentQuery};
use crate::services::reference;
use crate::state::AppState;
use crate::web::common::lists::next_url;
use crate::web::common::render::{non_empty, page_context, render, see_other};
use crate::web::common::upload;
use crate::web::documents::api::{create_from, download, downloads_log, version_from};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct DocumentFilterForm {
    #[serde(default)]
    tag: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    classification: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    q: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    doc: documents::DocumentView,
    updated: String,
}

#[get("/documents")]
pub async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    f: web::Query<DocumentFilterForm>,
) -> AppResult<HttpResponse> {
    let (user, f) = (user.0, f.into_inner());
    let query = DocumentQuery {
        tag: non_empty(&f.tag),
        organisation: non_empty(&f.organisation),
        classification: non_empty(&f.classification),
        programme: non_empty(&f.programme),
        text: non_empty(&f.q),
        page: PageParams::html(&f.cursor),
    };
    let viewer = user.clone();
    let page = state
        .db(move |conn| documents::list(conn, &viewer, query))
        .await?;
    let pairs = [
        ("tag", f.tag.as_str()),
        ("organisation", f.organisation.as_str()),
        ("classification", f.classification.as_str()),
        ("programme", f.programme.as_str()),
        ("q", f.q.as_str()),
    ];
    let mut ctx = page_context(&req, &state, Some(&user));
    ctx.insert(
        "next_url",
        &next_url("/documents", &pairs, page.next_cursor.as_deref()),
    );
    let rows: Vec<Row> = page
        .items
        .into_iter()
        .map(|doc| Row {
            updated: doc.updated_at.format("%Y-%m-%d").to_string(),
            doc,
        })
        .collect();
    ctx.insert("items", &rows);
    ctx.insert("f", &f);
    ctx.insert("programmes", reference::programmes());
    ctx.insert("may_upload", &may_upload_documents(&user.actor()));
    render(&state, StatusCode::OK, "documents/list.html", &ctx)
}

fn form_context(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    selected: &[String],
    error: Option<String>,
) -> tera::Context {
    let mut ctx = page_context(req, state, Some(user));
    let audiences: Vec<&String> = selected
        .iter()
        .filter(|a| AUDIENCES.contains(&a.as_str()))
        .collect();
    let orgs: Vec<&str> = selected
        .iter()
        .filter(|a| !AUDIENCES.contains(&a.as_str()))
        .map(String::as_str)
        .collect();
    ctx.insert("access_selected", &audiences);
    ctx.insert("access_orgs", &orgs.join(", "));
    ctx.insert("programmes", reference::programmes());
    ctx.insert("max_mb", &(state.settings.max_upload_bytes / (1024 * 1024)));
    ctx.insert("error", &error);
    ctx
}

#[get("/documents/new")]
pub async fn new_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
) -> AppResult<HttpResponse> {
    require_uploader(&user.0.actor())?;
    let ctx = form_context(&req, &state, &user.0, &[], None);
    render(&state, StatusCode::OK, "documents/form.html", &ctx)
}

/// The CSRF check for multipart forms: the token must be the first field.
#[post("/documents/new")]
pub async fn upload_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let user = caller.user;
    require_uploader(&user.actor())?;
    let form = upload::receive_document(&req, &state, payload, true).await;
    let form = match form {
        Ok(form) => form,
        Err(AppError::BadRequest { message, .. }) => {
            let ctx = form_context(&req, &state, &user, &[], Some(message));
            return render(&state, StatusCode::BAD_REQUEST, "documents/form.html", &ctx);
        }
        Err(other) => return Err(other),
    };
    let selected = form.all("access");
    let ip = caller.ip;
    match create_from(&state, user.clone(), ip, form).await {
        Ok(detail) => Ok(see_other(format!("/documents/{}", detail.document.id))),
        Err(AppError::BadRequest { message, .. }) => {
            let ctx = form_context(&req, &state, &user, &selected, Some(message));
            render(&state, StatusCode::BAD_REQUEST, "documents/form.html", &ctx)
        }
        Err(other) => Err(other),
    }
}

#[derive(Serialize)]
struct VersionRow {
    version: i32,
    filename: String,
    size: i64,
    uploaded_by: String,
    at: String,
    sha256: String,
}

#[get("/documents/{id}")]
pub async fn show_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id) = (caller.user, id.into_inner());
    let ip = caller.ip;
    let viewer = user.clone();
    let (detail, log) = state
        .db(move |conn| {
            let detail = documents::read(conn, &viewer, &ip, &id)?;
            let log = if detail.may_manage {
                documents::downloads(conn, &viewer, &id)?
            } else {
                Vec::new()
            };
            Ok((detail, log))
        })
        .await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    let versions: Vec<VersionRow> = detail
        .versions
        .iter()
        .map(|v| VersionRow {
            version: v.version,
            filename: v.filename.clone(),
            size: v.size_bytes,
            uploaded_by: v.uploaded_by.clone(),
            at: v.uploaded_at.format("%Y-%m-%d %H:%M").to_string(),
            sha256: v.sha256.clone(),
        })
        .collect();
    let downloads: Vec<serde_json::Value> = log
        .iter()
        .take(100)
        .map(|e| serde_json::json!({"who": e.actor_email, "ip": e.ip, "at": e.at.format("%Y-%m-%d %H:%M:%S").to_string()}))
        .collect();
    let selected = detail.access.clone().unwrap_or_default();
    ctx.insert(
        "access_selected",
        &selected
            .iter()
            .filter(|a| AUDIENCES.contains(&a.as_str()))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "access_orgs",
        &selected
            .iter()
            .filter(|a| !AUDIENCES.contains(&a.as_str()))
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
    );
    ctx.insert("doc", &detail.document);
    ctx.insert("versions", &versions);
    ctx.insert("downloads", &downloads);
    ctx.insert("may_manage", &detail.may_manage);
    render(&state, StatusCode::OK, "documents/show.html", &ctx)
}

#[derive(Debug, Default, Deserialize)]
pub struct VersionParam {
    version: Option<i32>,
}

#[get("/documents/{id}/download")]
pub async fn download_page(
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    q: web::Query<VersionParam>,
) -> AppResult<HttpResponse> {
    download(state, caller.user, caller.ip, id.into_inner(), q.version).await
}

#[post("/documents/{id}/versions")]
pub async fn version_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (user, id) = (caller.user, id.into_inner());
    let form = upload::receive_document(&req, &state, payload, true).await?;
    let ip = caller.ip;
    let detail = version_from(&state, user, ip, id, form).await?;
    Ok(see_other(format!("/documents/{}", detail.document.id)))
}

#[post("/documents/{id}/access")]
pub async fn access_submit(
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let (user, id) = (caller.user, id.into_inner());
    let access: Vec<String> = fields
        .0
         .0
        .iter()
        .filter(|(k, _)| k == "access")
        .map(|(_, v)| v.clone())
        .collect();
    let ip = caller.ip;
    let doc_id = id.clone();
    state
        .db(move |conn| documents::set_access(conn, &user, &ip, &doc_id, AccessUpdate { access }))
        .await?;
    Ok(see_other(format!("/documents/{id}")))
}

#[get("/documents/{id}/downloads.csv")]
pub async fn downloads_page(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    downloads_log(&state, user.0, id.into_inner()).await
}
