//! Documents: upload (metadata checked, bytes already streamed into chunks), versions, access
//! lists, reads and downloads through the access policy, with the audit trail.

use diesel::Connection;

use crate::access::documents as access;
use crate::auth::tokens::new_id;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::policy::{Classification, AUDIENCES};
use crate::domain::time::now;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::{self, Keyset, PageSize};
use crate::repo::audit::AuditEntry;
use crate::repo::documents::{self as repo, Document, DocumentVersion};
use crate::repo::{
    audit as audit_repo, files, needs as needs_repo, organisations, reports as reports_repo,
};
use crate::services::audit::{self, Event};
use crate::services::content::{self, block, check_programme, line};

mod types;
pub use types::*;

fn event(user: &CurrentUser, ip: &str, action: &'static str, id: &str) -> Event {
    Event::by(action, user, ip).target("document", id)
}

/// Organisation codes become ids; audiences stay names; anything else is a 400.
fn resolve_access(conn: &mut DbConnection, entries: &[String]) -> AppResult<Vec<String>> {
    if entries.len() > 300 {
        return Err(AppError::invalid(
            ErrorCode::InvalidField,
            "an access list has at most 300 entries",
        ));
    }
    let mut out = Vec::new();
    for raw in entries
        .iter()
        .flat_map(|e| e.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let grantee = if AUDIENCES.contains(&raw) {
            raw.to_string()
        } else if let Some(code) = crate::domain::groups::audience_code(raw) {
            crate::services::groups::audience_of(conn, code)?
        } else {
            organisations::find_by_code(conn, raw)?
                .map(|o| o.id)
                .ok_or_else(|| {
                    AppError::invalid(
                        ErrorCode::UnknownOrganisation,
                        format!("`{raw}` is neither an organisation code nor an audience"),
                    )
                })?
        };
        if !out.contains(&grantee) {
            out.push(grantee);
        }
    }
    Ok(out)
}

/// Ids back to codes for display (audiences as they are).
fn access_codes(conn: &mut DbConnection, grantees: Vec<String>) -> AppResult<Vec<String>> {
    let mut out = Vec::new();
    for g in grantees {
        if AUDIENCES.contains(&g.as_str()) || crate::domain::groups::audience_code(&g).is_some() {
            out.push(g);
        } else if let Some(code) = organisations::code_of(conn, &g)? {
            out.push(code);
        }
    }
    Ok(out)
}

fn clean_tags(tags: &[String]) -> AppResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in tags
        .iter()
        .flat_map(|t| t.split(','))
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
    {
        let t = line("tag", &t, 40)?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.len() > 20 {
        return Err(AppError::invalid(
            ErrorCode::InvalidField,
            "a document has at most 20 tags",
        ));
    }
    Ok(out)
}

pub fn create(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    meta: DocumentMeta,
    upload: StoredUpload,
) -> AppResult<DocumentDetail> {
    access::require_uploader(&user.actor())?;
    let title = line("title", &meta.title, 300)?;
    let description = block("description", &meta.description, 5_000)?;
    let classification: Classification = meta.classification.trim().parse().map_err(|_| {
        AppError::invalid(
            ErrorCode::InvalidField,
            "classification must be unrestricted, restricted or confidential",
        )
    })?;
    let tags = clean_tags(&meta.tags)?;
    let programme = check_programme(meta.programme.as_deref())?;
    write_transaction(conn, |conn| {
        let access = resolve_access(conn, &meta.access)?;
        let report_scope = content::scope(user);
        if let Some(r) = &meta.report_id {
            reports_repo::find_visible(conn, &report_scope, r)?.ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::UnknownReport,
                    "report_id names no report you can read",
                )
            })?;
        }
        if let Some(n) = &meta.need_id {
            needs_repo::find_visible(conn, &report_scope, n)?.ok_or_else(|| {
                AppError::invalid(ErrorCode::UnknownNeed, "need_id names no need you can read")
            })?;
        }
        let now = now();
        let doc = Document {
            id: new_id(),
            owner_org_id: user.organisation_id.clone(),
            title,
            description,
            classification,
            report_id: meta.report_id.clone(),
            need_id: meta.need_id.clone(),
            programme,
            current_version: 1,
            created_by: user.id.clone(),
            created_at: now,
            updated_at: now,
        };
        repo::insert(conn, &doc)?;
        store_version(conn, user, &doc.id, 1, &upload)?;
        repo::replace_access(conn, &doc.id, &access)?;
        repo::set_tags(conn, &doc.id, &tags)?;
        let details = serde_json::json!({"classification": doc.classification, "access": access_codes(conn, access)?, "sha256": upload.sha256});
        audit::record(
            conn,
            event(user, ip, "document.upload", &doc.id).details(details),
        )?;
        detail_of(conn, user, &doc.id)
    })
}

fn store_version(
    conn: &mut DbConnection,
    user: &CurrentUser,
    doc_id: &str,
    number: i32,
    upload: &StoredUpload,
) -> AppResult<()> {
    files::complete(
        conn,
        &upload.blob_id,
        &upload.sha256,
        upload.size,
        &upload.content_type,
    )?;
    repo::insert_version(
        conn,
        &DocumentVersion {
            id: new_id(),
            document_id: doc_id.to_string(),
            version: number,
            blob_id: upload.blob_id.clone(),
            filename: upload.filename.clone(),
            content_type: upload.content_type.clone(),
            size_bytes: upload.size,
            sha256: upload.sha256.clone(),
            uploaded_by: user.id.clone(),
            uploaded_at: now(),
        },
    )?;
    Ok(())
}

/// The document if readable and manageable by the caller: 404 if unreadable, 403 if only readable.
fn manageable(conn: &mut DbConnection, user: &CurrentUser, id: &str) -> AppResult<Document> {
    let (doc, _, _) = repo::find_readable(conn, &scope(user), id)?.ok_or(AppError::NotFound)?;
    if !access::may_manage_document(&user.actor(), &doc.owner_org_id) {
        return Err(AppError::forbidden(
            "only the owner organisation's focal points and coordinators manage a document",
        ));
    }
    Ok(doc)
}

pub fn add_version(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    upload: StoredUpload,
) -> AppResult<DocumentDetail> {
    write_transaction(conn, |conn| {
        let mut doc = manageable(conn, user, id)?;
        doc.current_version += 1;
        doc.updated_at = now();
        store_version(conn, user, &doc.id, doc.current_version, &upload)?;
        repo::update(conn, &doc)?;
        let details = serde_json::json!({"version": doc.current_version, "sha256": upload.sha256, "size": upload.size});
        audit::record(
            conn,
            event(user, ip, "document.version", &doc.id).details(details),
        )?;
        detail_of(conn, user, &doc.id)
    })
}

pub fn set_access(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    update: AccessUpdate,
) -> AppResult<DocumentDetail> {
    write_transaction(conn, |conn| {
        let mut doc = manageable(conn, user, id)?;
        let current = repo::access_list(conn, &doc.id)?;
        let before = access_codes(conn, current)?;
        let access = resolve_access(conn, &update.access)?;
        repo::replace_access(conn, &doc.id, &access)?;
        doc.updated_at = now();
        repo::update(conn, &doc)?;
        let details = serde_json::json!({"before": before, "after": access_codes(conn, access)?});
        audit::record(
            conn,
            event(user, ip, "document.access", &doc.id).details(details),
        )?;
        detail_of(conn, user, &doc.id)
    })
}

fn detail_of(conn: &mut DbConnection, user: &CurrentUser, id: &str) -> AppResult<DocumentDetail> {
    let (doc, owner, owner_name) =
        repo::find_readable(conn, &scope(user), id)?.ok_or(AppError::NotFound)?;
    let may_manage = access::may_manage_document(&user.actor(), &doc.owner_org_id);
    let tags = repo::tags_of(conn, std::slice::from_ref(&doc.id))?
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let versions = repo::versions(conn, &doc.id)?
        .into_iter()
        .map(|(v, uploader)| VersionView {
            version: v.version,
            filename: v.filename,
            content_type: v.content_type,
            size_bytes: v.size_bytes,
            sha256: v.sha256,
            uploaded_by: uploader,
            uploaded_at: v.uploaded_at.into(),
        })
        .collect();
    let access = if may_manage {
        let grantees = repo::access_list(conn, &doc.id)?;
        Some(access_codes(conn, grantees)?)
    } else {
        None
    };
    Ok(DocumentDetail {
        document: view(doc, owner, owner_name, tags),
        versions,
        access,
        may_manage,
    })
}

/// A document's page or JSON; reads of restricted and confidential documents are audited.
pub fn read(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
) -> AppResult<DocumentDetail> {
    let (detail, audited) = conn.transaction::<_, AppError, _>(|conn| {
        let (doc, _, _) = repo::find_readable(conn, &scope(user), id)?.ok_or(AppError::NotFound)?;
        let audited = is_sensitive(&doc).then(|| doc.id.clone());
        Ok((detail_of(conn, user, &doc.id)?, audited))
    })?;
    if let Some(id) = audited {
        audit::record_read(conn, event(user, ip, "document.read", &id))?;
    }
    Ok(detail)
}

/// Finds the bytes to send; the download of a restricted or confidential document is audited.
pub fn open_download(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    version: Option<i32>,
) -> AppResult<Download> {
    let (doc, v, number) = conn.transaction::<_, AppError, _>(|conn| {
        let (doc, _, _) = repo::find_readable(conn, &scope(user), id)?.ok_or(AppError::NotFound)?;
        let number = version.unwrap_or(doc.current_version);
        let v = repo::version(conn, &doc.id, number)?.ok_or(AppError::NotFound)?;
        Ok((doc, v, number))
    })?;
    if is_sensitive(&doc) {
        let details = serde_json::json!({"version": number, "classification": doc.classification});
        audit::record_read(
            conn,
            event(user, ip, "document.download", &doc.id).details(details),
        )?;
    }
    Ok(Download {
        blob_id: v.blob_id,
        filename: v.filename,
        content_type: v.content_type,
        size: v.size_bytes,
    })
}

/// Who downloaded a document (owners and coordinators), newest first.
pub fn downloads(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: &str,
) -> AppResult<Vec<AuditEntry>> {
    let doc = manageable(conn, user, id)?;
    audit::settle(conn)?;
    Ok(audit_repo::for_target(
        conn,
        "document",
        &doc.id,
        "document.download",
        5000,
    )?)
}

pub fn list(
    conn: &mut DbConnection,
    user: &CurrentUser,
    q: DocumentQuery,
) -> AppResult<DocumentPage> {
    let limit = q.page.limit(PageSize::STANDARD);
    let keyset = Keyset::read(q.sort, q.page.cursor(), pagination::decode_time_seek)?;
    let rows = repo::list(conn, &scope(user), &q, &keyset, limit + 1)?;
    let page = keyset.cut(
        rows,
        limit,
        |(d, _, _)| pagination::time_seek(d.updated_at, &d.id),
        |(d, _, _), column| (repo::sort_value(d, column), &d.id),
    );
    let ids: Vec<String> = page.items.iter().map(|(d, _, _)| d.id.clone()).collect();
    let tags = repo::tags_of(conn, &ids)?;
    Ok(page.map(|(d, owner, owner_name)| {
        let mine = tags
            .iter()
            .filter(|(id, _)| *id == d.id)
            .map(|(_, t)| t.clone())
            .collect();
        view(d, owner, owner_name, mine)
    }))
}

/// How many documents `q`'s list holds for the caller, at most `repo::COUNT_BOUND`.
pub fn count(conn: &mut DbConnection, user: &CurrentUser, q: &DocumentQuery) -> AppResult<i64> {
    Ok(repo::count(conn, &scope(user), q)?)
}
