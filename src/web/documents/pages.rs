//! HTML pages for documents: library with filters, upload form, document page with versions,
//! access list and download log for those who manage it.

use actix_multipart::Multipart;
use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::documents::{may_upload_documents, require_uploader};
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::{PageCaller, PageEntrant};
use crate::domain::policy::AUDIENCES;
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::documents::{self, AccessUpdate, DocumentQuery, DocumentSort};
use crate::services::reference;
use crate::web::common::api::Answer;
use crate::web::common::lists::SortFields;
use crate::web::common::organisations;
use crate::web::common::render::{non_empty, refused_input, see_other};
use crate::web::common::upload;
use crate::web::documents::api::{create_from, downloads_log, version_from};

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
    #[serde(flatten)]
    order: SortFields,
}

/// The documents list's sortable headers.
const SORTABLE: [(&str, DocumentSort); 2] = [
    ("field-title", DocumentSort::Title),
    ("field-updated", DocumentSort::Updated),
];

#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    doc: documents::DocumentView,
    updated: String,
}

#[get("/documents")]
pub async fn list_page(
    entrant: PageEntrant,
    f: Query<DocumentFilterForm>,
) -> actix_web::Result<HttpResponse> {
    let f = f.0;
    let query = DocumentQuery {
        tag: non_empty(&f.tag),
        organisation: non_empty(&f.organisation),
        classification: non_empty(&f.classification),
        programme: non_empty(&f.programme),
        text: non_empty(&f.q),
        audience: None,
        sort: f.order.parse()?,
        page: PageParams::html(&f.cursor),
    };
    let sort = query.sort;
    let (caller, (page, count)) = entrant
        .db(move |conn, user, _| {
            let mut query = query;
            query.organisation = organisations::filter_typed(conn, query.organisation)?;
            let count = documents::count(conn, user, &query)?;
            Ok((documents::list(conn, user, query)?, count))
        })
        .await?;
    let pairs = [
        ("tag", f.tag.as_str()),
        ("organisation", f.organisation.as_str()),
        ("classification", f.classification.as_str()),
        ("programme", f.programme.as_str()),
        ("q", f.q.as_str()),
    ];
    let rows: Vec<Row> = page
        .items
        .into_iter()
        .map(|doc| Row {
            updated: crate::l10n::format_date(doc.updated_at.naive().date(), caller.lang),
            doc,
        })
        .collect();
    let next = page.next_cursor.as_deref();
    let mut ctx = caller.list_context("/documents", &f.order.with(&pairs), next, &rows, &f);
    caller.insert_count(&mut ctx, count);
    caller.insert_sorting(&mut ctx, "/documents", &pairs, sort, &SORTABLE);
    ctx.insert("programmes", reference::programmes());
    ctx.insert("may_upload", &may_upload_documents(&caller.actor));
    caller.insert_organisation_picker(&mut ctx).await?;
    Ok(caller.render("documents/list.html", &ctx)?)
}

/// The access list as the form shows it: the audiences ticked, the organisation codes listed.
fn insert_access(ctx: &mut tera::Context, selected: &[String]) {
    let (audiences, mut orgs): (Vec<&str>, Vec<&str>) = selected
        .iter()
        .map(String::as_str)
        .partition(|a| AUDIENCES.contains(a));
    // In one order whatever the backend gave.
    orgs.sort_unstable();
    ctx.insert("access_selected", &audiences);
    ctx.insert("access_orgs", &orgs.join(", "));
}

/// The access list as typed, organisations given by code or by name; the audiences as they
/// are.
fn access_typed(dir: &organisations::Directory, typed: &[String]) -> AppResult<Vec<String>> {
    organisations::resolve_entries(dir, typed, |e| {
        AUDIENCES.contains(&e) || crate::domain::groups::audience_code(e).is_some()
    })
}

/// The fields of the upload form a refused upload shows again as they were typed (a file input
/// cannot be filled again: the browser asks for the file).
const KEPT_FIELDS: [&str; 5] = [
    "title",
    "description",
    "tags",
    "classification",
    "programme",
];

/// The upload form, again with `error` (400) and what was typed when the upload was refused.
async fn upload_form(
    caller: &PageCaller,
    selected: &[String],
    typed: &std::collections::HashMap<&str, String>,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let mut ctx = caller.context();
    insert_access(&mut ctx, selected);
    ctx.insert("form", typed);
    caller.insert_organisation_picker(&mut ctx).await?;
    ctx.insert("programmes", reference::programmes());
    let max_mb = caller.state.settings.max_upload_bytes / (1024 * 1024);
    ctx.insert("max_mb", &max_mb);
    caller.render_form("documents/form.html", ctx, error)
}

#[get("/documents/new")]
pub async fn new_page(caller: PageCaller) -> AppResult<HttpResponse> {
    require_uploader(&caller.actor)?;
    upload_form(&caller, &[], &Default::default(), None).await
}

/// The CSRF check for multipart forms: the token must be the first field.
#[post("/documents/new")]
pub async fn upload_submit(caller: PageCaller, payload: Multipart) -> AppResult<HttpResponse> {
    require_uploader(&caller.actor)?;
    let limits = upload::document_limits(&caller.state);
    let dir = caller.state.db(organisations::directory).await?;
    let (fields, result) = match caller.receive_upload_or_refused(payload, limits).await {
        Ok(mut form) => {
            let fields = form.fields.clone();
            let access = form.fields.remove("access").unwrap_or_default();
            match access_typed(&dir, &access) {
                Ok(access) => {
                    form.fields.insert("access".into(), access);
                    (fields, create_from(&caller, form).await)
                }
                Err(err) => (fields, Err(err)),
            }
        }
        Err(refused) => (refused.fields, Err(refused.error)),
    };
    let first = |f: &str| fields.get(f).and_then(|v| v.first()).cloned();
    let typed = KEPT_FIELDS
        .map(|f| (f, first(f).unwrap_or_default()))
        .into();
    let selected = fields.get("access").cloned().unwrap_or_default();
    match refused_input(result, caller.lang)? {
        Ok(detail) => Ok(see_other(format!("/documents/{}", detail.document.id))),
        Err(message) => upload_form(&caller, &selected, &typed, Some(message)).await,
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
pub async fn show_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    let (detail, log) = caller
        .db(move |conn, user, ip| {
            let detail = documents::read(conn, user, ip, &id)?;
            let log = if detail.may_manage {
                documents::downloads(conn, user, &id)?
            } else {
                Vec::new()
            };
            Ok((detail, log))
        })
        .await?;
    let mut ctx = caller.context();
    let versions: Vec<VersionRow> = detail
        .versions
        .iter()
        .map(|v| VersionRow {
            version: v.version,
            filename: v.filename.clone(),
            size: v.size_bytes,
            uploaded_by: v.uploaded_by.clone(),
            at: crate::l10n::format_time(v.uploaded_at.naive().and_utc(), caller.lang),
            sha256: v.sha256.clone(),
        })
        .collect();
    let downloads: Vec<serde_json::Value> = log
        .iter()
        .take(100)
        .map(|e| serde_json::json!({"who": e.actor_email, "ip": e.ip, "at": e.at.format("%Y-%m-%d %H:%M:%S").to_string()}))
        .collect();
    insert_access(&mut ctx, detail.access.as_deref().unwrap_or_default());
    if detail.may_manage {
        caller.insert_organisation_picker(&mut ctx).await?;
    }
    ctx.insert("doc", &detail.document);
    ctx.insert("versions", &versions);
    ctx.insert("downloads", &downloads);
    ctx.insert("may_manage", &detail.may_manage);
    caller.render("documents/show.html", &ctx)
}

#[derive(Debug, Default, Deserialize)]
pub struct VersionParam {
    version: Option<i32>,
}

#[get("/documents/{id}/download")]
pub fn download_page(caller: PageCaller, id: Path<String>, q: Query<VersionParam>) -> Answer {
    caller.download(move |conn, user, ip| documents::open_download(conn, user, ip, &id, q.version))
}

#[post("/documents/{id}/versions")]
pub async fn version_submit(
    caller: PageCaller,
    id: Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let form = caller
        .receive_upload(payload, upload::document_limits(&caller.state))
        .await?;
    let detail = version_from(&caller, id.into_inner(), form).await?;
    Ok(see_other(format!("/documents/{}", detail.document.id)))
}

#[post("/documents/{id}/access")]
pub async fn access_submit(
    caller: PageCaller,
    id: Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let typed = fields.0.all("access");
    let doc_id = id.clone();
    caller
        .db(move |conn, user, ip| {
            let access = access_typed(&organisations::directory(conn)?, &typed)?;
            documents::set_access(conn, user, ip, &doc_id, AccessUpdate { access })
        })
        .await?;
    Ok(see_other(format!("/documents/{id}")))
}

#[get("/documents/{id}/downloads.csv")]
pub async fn downloads_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    downloads_log(caller, id).await
}
