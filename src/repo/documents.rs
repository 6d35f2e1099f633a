//! Documents, their versions, access lists and tags. Every read takes a `DocumentScope` and
//! filters in SQL (DESIGN.md rule 3).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use diesel::helper_types::{IntoBoxed, LeftJoin};

use super::{
    bounded_count, containing_text, equal_where_given, given, of_organisation_code, row_writes,
    DbBackend,
};
use crate::access::documents::DocumentScope;
use crate::db::schema::{
    document_access, document_tags, document_versions, documents, organisations, users,
};
use crate::db::DbConnection;
use crate::domain::values::Classification;
use crate::pagination::{
    keyset_order, Direction, Keyset, PageParams, SeekKind, SeekValue, Sort, SortColumn,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = documents)]
#[diesel(treat_none_as_null = true)]
pub struct Document {
    pub id: String,
    pub owner_org_id: String,
    pub title: String,
    pub description: String,
    pub classification: Classification,
    pub report_id: Option<String>,
    pub need_id: Option<String>,
    pub programme: Option<String>,
    pub current_version: i32,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = document_versions)]
pub struct DocumentVersion {
    pub id: String,
    pub document_id: String,
    pub version: i32,
    pub blob_id: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: NaiveDateTime,
}

/// The filters of a list of documents as the caller gives them (blank values are no filter),
/// and the page asked for (read by the service).
#[derive(Debug, Clone, Default)]
pub struct DocumentQuery {
    pub tag: Option<String>,
    /// The owner's organisation code.
    pub organisation: Option<String>,
    pub classification: Option<String>,
    pub programme: Option<String>,
    pub text: Option<String>,
    /// An audience the access list names (`group:BMLE`): a working group's documents.
    pub audience: Option<String>,
    /// The order a page chose (the API's lists keep the default order).
    pub sort: Option<Sort<DocumentSort>>,
    pub page: PageParams,
}

/// Narrows a boxed documents query to what the scope may read. A `group:CODE` entry grants
/// the organisations that are members of that working group when the query runs.
macro_rules! readable {
    ($q:ident, $scope:expr) => {{
        let scope: &DocumentScope = $scope;
        let groups = $crate::repo::groups::audiences_of_organisation!(scope.org_id.clone());
        let listed = document_access::table
            .filter(
                $crate::repo::cached_sql::one_of(document_access::grantee, scope.grantees.clone())
                    .or(document_access::grantee.eq_any(groups)),
            )
            .select(document_access::document_id);
        let owned_or_listed = documents::owner_org_id
            .eq(scope.org_id.clone())
            .or(documents::id.eq_any(listed));
        if scope.reads_unlisted_non_confidential {
            let unlisted = documents::classification.ne(Classification::Confidential);
            $q = $q.filter(owned_or_listed.or(unlisted));
        } else {
            $q = $q.filter(owned_or_listed);
        }
    }};
}
// The search's readable documents (`repo::search`).
pub(crate) use readable;

/// Replaces the values a document has in a `(document_id, $value)` table.
macro_rules! replace_values {
    ($conn:expr, $table:ident, $value:ident, $document_id:expr, $values:expr) => {{
        diesel::delete($table::table.filter($table::document_id.eq($document_id)))
            .execute($conn)?;
        // One statement per row: the multi-backend connection has no batch insert.
        for value in $values {
            diesel::insert_into($table::table)
                .values((
                    $table::document_id.eq($document_id),
                    $table::$value.eq(value),
                ))
                .execute($conn)?;
        }
        Ok(())
    }};
}

/// (document, owner code, owner name)
pub type Row = (Document, String, String);

/// The boxed query of the `Row`s the scope may read.
macro_rules! readable_rows {
    ($scope:expr) => {{
        let mut q = documents::table
            .inner_join(organisations::table)
            .select((
                Document::as_select(),
                organisations::code,
                organisations::name,
            ))
            .into_boxed();
        readable!(q, $scope);
        q
    }};
}

/// The columns a list of documents may be sorted by; its default order is the last update's,
/// newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentSort {
    Title,
    Updated,
}

impl SortColumn for DocumentSort {
    const COLUMNS: &'static [(DocumentSort, &'static str, SeekKind)] = &[
        (DocumentSort::Title, "title", SeekKind::Text),
        (DocumentSort::Updated, "updated", SeekKind::Time),
    ];
    const DEFAULT: Option<(DocumentSort, Direction)> =
        Some((DocumentSort::Updated, Direction::Desc));
}

/// A document's value of a sort column (its next cursor's).
pub fn sort_value(document: &Document, column: DocumentSort) -> SeekValue {
    match column {
        DocumentSort::Title => SeekValue::Text(document.title.clone()),
        DocumentSort::Updated => SeekValue::Time(document.updated_at),
    }
}

/// Where a page of documents starts: newest update first after `(updated_at, id)`, or a sort.
pub type DocumentKeyset = Keyset<DocumentSort, (NaiveDateTime, String)>;

// A LEFT JOIN to the owner (every document has one, so the rows are the same) lets SQLite
// leave the owners out of the count, as the reports list does (`repo::reports`).
type Filtered<'a> = IntoBoxed<'a, LeftJoin<documents::table, organisations::table>, DbBackend>;

/// The documents the scope may read that match the filters, with their owners: the one query
/// the list's pages and its count read.
fn filtered<'a>(scope: &DocumentScope, query: &DocumentQuery) -> Filtered<'a> {
    let mut q = documents::table
        .left_join(organisations::table)
        .into_boxed();
    readable!(q, scope);
    if let Some(tag) = given(&query.tag) {
        let tagged = document_tags::table
            .filter(document_tags::tag.eq(tag.to_lowercase()))
            .select(document_tags::document_id);
        q = q.filter(documents::id.eq_any(tagged));
    }
    if let Some(audience) = given(&query.audience) {
        let addressed = document_access::table
            .filter(document_access::grantee.eq(audience.to_string()))
            .select(document_access::document_id);
        q = q.filter(documents::id.eq_any(addressed));
    }
    of_organisation_code!(q, documents::owner_org_id, &query.organisation);
    equal_where_given!(q,
        documents::classification => &query.classification,
        documents::programme => &query.programme,
    );
    containing_text!(q, &query.text, documents::title, documents::description);
    q
}

/// How many documents the list of `query` holds for this scope, at most `COUNT_BOUND`.
pub fn count(
    conn: &mut DbConnection,
    scope: &DocumentScope,
    query: &DocumentQuery,
) -> QueryResult<i64> {
    bounded_count(conn, filtered(scope, query).select(documents::id))
}

/// One page of the documents the scope may read in the keyset's order.
pub fn list(
    conn: &mut DbConnection,
    scope: &DocumentScope,
    query: &DocumentQuery,
    keyset: &DocumentKeyset,
    limit: i64,
) -> QueryResult<Vec<Row>> {
    let mut q = filtered(scope, query);
    keyset_order!(q, keyset, documents::id, default: documents::updated_at,
        DocumentSort::Title => documents::title, text;
        DocumentSort::Updated => documents::updated_at, time;
    );
    // The left-joined owner is always there.
    q.select((
        Document::as_select(),
        organisations::code.nullable().assume_not_null(),
        organisations::name.nullable().assume_not_null(),
    ))
    .limit(limit)
    .load(conn)
}

pub fn find_readable(
    conn: &mut DbConnection,
    scope: &DocumentScope,
    id: &str,
) -> QueryResult<Option<Row>> {
    readable_rows!(scope)
        .filter(documents::id.eq(id.to_string()))
        .first(conn)
        .optional()
}

row_writes! {
    insert insert: Document => documents::table;
    update update: Document => documents::table;
    insert insert_version: DocumentVersion => document_versions::table;
}

/// Versions, newest first, with the uploader's name.
pub fn versions(
    conn: &mut DbConnection,
    document_id: &str,
) -> QueryResult<Vec<(DocumentVersion, String)>> {
    document_versions::table
        .inner_join(users::table.on(users::id.eq(document_versions::uploaded_by)))
        .filter(document_versions::document_id.eq(document_id))
        .order(document_versions::version.desc())
        .select((DocumentVersion::as_select(), users::name))
        .load(conn)
}

pub fn version(
    conn: &mut DbConnection,
    document_id: &str,
    number: i32,
) -> QueryResult<Option<DocumentVersion>> {
    document_versions::table
        .filter(document_versions::document_id.eq(document_id))
        .filter(document_versions::version.eq(number))
        .select(DocumentVersion::as_select())
        .first(conn)
        .optional()
}

pub fn access_list(conn: &mut DbConnection, document_id: &str) -> QueryResult<Vec<String>> {
    document_access::table
        .filter(document_access::document_id.eq(document_id))
        .order(document_access::grantee.asc())
        .select(document_access::grantee)
        .load(conn)
}

pub fn replace_access(
    conn: &mut DbConnection,
    document_id: &str,
    grantees: &[String],
) -> QueryResult<()> {
    replace_values!(conn, document_access, grantee, document_id, grantees)
}

pub fn set_tags(conn: &mut DbConnection, document_id: &str, tags: &[String]) -> QueryResult<()> {
    replace_values!(conn, document_tags, tag, document_id, tags)
}

/// Tags of several documents in one query: (document id, tag).
pub fn tags_of(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    document_tags::table
        .filter(document_tags::document_id.eq_any(ids))
        .order((document_tags::document_id.asc(), document_tags::tag.asc()))
        .select((document_tags::document_id, document_tags::tag))
        .load(conn)
}

/// The newest documents the scope may read that another organisation owns: what was shared
/// with the reader's organisation (the dashboard), at most `limit`.
pub fn shared_with(
    conn: &mut DbConnection,
    scope: &DocumentScope,
    limit: i64,
) -> QueryResult<Vec<Row>> {
    readable_rows!(scope)
        .filter(documents::owner_org_id.ne(scope.org_id.clone()))
        .order((documents::updated_at.desc(), documents::id.desc()))
        .limit(limit)
        .load(conn)
}

/// The newest documents the scope may read about one State: those of its reports and needs
/// that the report scope lets the reader see too (a State's page), at most `limit`.
pub fn about_state(
    conn: &mut DbConnection,
    scope: &DocumentScope,
    reports_scope: &crate::access::reports::ReportScope,
    state_id: &str,
    limit: i64,
) -> QueryResult<Vec<Row>> {
    use crate::access::reports::ReportScope;
    use crate::db::schema::{needs, reports};
    use crate::domain::values::{NeedVisibility, ReportStatus};
    // The report scope as value lists (the subqueries cannot be boxed on the multi-backend
    // connection): which report statuses and need visibilities of this State it grants.
    let (statuses, visibilities) = match reports_scope {
        ReportScope::All => (
            vec![ReportStatus::Draft, ReportStatus::Published],
            vec![
                NeedVisibility::Draft,
                NeedVisibility::Withheld,
                NeedVisibility::Published,
            ],
        ),
        ReportScope::OwnState(own) if own == state_id => (
            vec![ReportStatus::Published],
            vec![NeedVisibility::Withheld, NeedVisibility::Published],
        ),
        ReportScope::PublishedSections => (
            vec![ReportStatus::Published],
            vec![NeedVisibility::Published],
        ),
        ReportScope::OwnState(_) | ReportScope::Nothing => return Ok(Vec::new()),
    };
    let its_reports = reports::table
        .filter(reports::member_state_id.eq(state_id.to_string()))
        .filter(reports::status.eq_any(statuses))
        .select(reports::id.nullable());
    let its_needs = needs::table
        .filter(needs::member_state_id.eq(state_id.to_string()))
        .filter(needs::visibility.eq_any(visibilities))
        .select(needs::id.nullable());
    readable_rows!(scope)
        .filter(
            documents::report_id
                .eq_any(its_reports)
                .or(documents::need_id.eq_any(its_needs)),
        )
        .order((documents::updated_at.desc(), documents::id.desc()))
        .limit(limit)
        .load(conn)
}
