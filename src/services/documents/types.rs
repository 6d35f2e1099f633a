//! What a document takes in and gives out: upload metadata, views, queries.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::documents::DocumentScope;
use crate::auth::CurrentUser;
use crate::domain::policy::Classification;
use crate::domain::time::UtcTime;
use crate::pagination::page_item;
use crate::repo::documents::Document;
pub use crate::repo::documents::{DocumentQuery, DocumentSort};

/// The bytes of an upload, already stored (incomplete until the document row commits).
#[derive(Debug, Clone)]
pub struct StoredUpload {
    pub blob_id: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

/// The text fields of an upload form.
#[derive(Debug, Clone, Default)]
pub struct DocumentMeta {
    pub title: String,
    pub description: String,
    pub classification: String,
    pub tags: Vec<String>,
    pub access: Vec<String>,
    pub report_id: Option<String>,
    pub need_id: Option<String>,
    pub programme: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    pub version: i32,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: UtcTime,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub classification: Classification,
    pub owner: String,
    pub owner_name: String,
    pub tags: Vec<String>,
    pub report_id: Option<String>,
    pub need_id: Option<String>,
    pub programme: Option<String>,
    pub current_version: i32,
    pub created_at: UtcTime,
    pub updated_at: UtcTime,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentDetail {
    #[serde(flatten)]
    pub document: DocumentView,
    pub versions: Vec<VersionView>,
    /// The access list (organisation codes and audiences), for those who may manage it.
    pub access: Option<Vec<String>>,
    pub may_manage: bool,
}

page_item!(pub type DocumentPage = Page<DocumentView>);

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessUpdate {
    /// Organisation codes and audience names.
    pub access: Vec<String>,
}

pub struct Download {
    pub blob_id: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
}

pub fn scope(user: &CurrentUser) -> DocumentScope {
    DocumentScope::for_actor(&user.actor())
}

pub fn view(doc: Document, owner: String, owner_name: String, tags: Vec<String>) -> DocumentView {
    DocumentView {
        classification: doc.classification,
        id: doc.id,
        title: doc.title,
        description: doc.description,
        owner,
        owner_name,
        tags,
        report_id: doc.report_id,
        need_id: doc.need_id,
        programme: doc.programme,
        current_version: doc.current_version,
        created_at: doc.created_at.into(),
        updated_at: doc.updated_at.into(),
    }
}

/// Restricted and confidential documents: their reads and downloads are audited.
pub(super) fn is_sensitive(doc: &Document) -> bool {
    doc.classification != Classification::Unrestricted
}
