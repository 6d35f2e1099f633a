use diesel::prelude::*;

use super::models::Organisation;
use super::row_writes;
use super::DbBackend;
use crate::db::schema::organisations;
use crate::db::schema::organisations::dsl as o;
use crate::db::DbConnection;
use crate::domain::OrgKind;
use diesel::helper_types::IntoBoxed;

/// The organisation with this code in any case (`UN-Women`, `un-women` and `UN-WOMEN` are one
/// organisation); the one place codes are compared.
pub fn find_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Organisation>> {
    o::organisations
        .filter(super::lower(o::code).eq(code.to_lowercase()))
        .select(Organisation::as_select())
        .first(conn)
        .optional()
}

pub fn all_codes(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    o::organisations.select(o::code).load(conn)
}

row_writes! {
    insert insert: Organisation => o::organisations;
    update update: Organisation => o::organisations;
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    o::organisations.count().get_result(conn)
}

/// Member States for pickers: (code, name, regional group), by name.
pub fn member_states(
    conn: &mut DbConnection,
) -> QueryResult<Vec<(String, String, Option<String>)>> {
    o::organisations
        .filter(o::kind.eq(OrgKind::MemberState))
        .order(o::name.asc())
        .select((o::code, o::name, o::regional_group))
        .load(conn)
}

pub fn code_of(conn: &mut DbConnection, id: &str) -> QueryResult<Option<String>> {
    o::organisations
        .find(id)
        .select(o::code)
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Organisation>> {
    o::organisations
        .find(id)
        .select(Organisation::as_select())
        .first(conn)
        .optional()
}

type Listed<'a> = IntoBoxed<'a, organisations::table, DbBackend>;

/// The organisations of `kind` whose code, stored name or reference name in any of the six
/// languages contains `text` (ignoring case): the one query the list and its count read.
fn filtered<'a>(kind: Option<OrgKind>, text: &Option<String>) -> Listed<'a> {
    let mut q = o::organisations.into_boxed();
    if let Some(text) = super::given(text) {
        let text: String = text.chars().take(200).collect();
        let pattern = super::like_pattern(&text);
        let named = crate::l10n::names::organisation_codes_named(&text);
        q = q.filter(
            super::lower(o::code)
                .like(pattern.clone())
                .escape('\\')
                .or(super::lower(o::name).like(pattern).escape('\\'))
                .or(o::code.eq_any(named)),
        );
    }
    if let Some(kind) = kind {
        q = q.filter(o::kind.eq(kind));
    }
    q
}

/// One page in code order (the unique code index serves it), after the code `after`.
pub fn list(
    conn: &mut DbConnection,
    kind: Option<OrgKind>,
    text: &Option<String>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Organisation>> {
    let mut q = filtered(kind, text).select(Organisation::as_select());
    if let Some(after) = after {
        q = q.filter(o::code.gt(after.to_string()));
    }
    q.order(o::code.asc()).limit(limit).load(conn)
}

/// How many organisations the list holds, at most `COUNT_BOUND`.
pub fn count_listed(
    conn: &mut DbConnection,
    kind: Option<OrgKind>,
    text: &Option<String>,
) -> QueryResult<i64> {
    super::bounded_count(conn, filtered(kind, text).select(o::id))
}

/// Every organisation's (id, code, name), by code: the pickers of the administration pages.
pub fn choices(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, String)>> {
    o::organisations
        .order(o::code.asc())
        .select((o::id, o::code, o::name))
        .load(conn)
}

/// The organisations with these codes (in any case): one query.
pub fn by_codes(conn: &mut DbConnection, codes: &[String]) -> QueryResult<Vec<Organisation>> {
    let lowered: Vec<String> = codes.iter().map(|c| c.to_lowercase()).collect();
    o::organisations
        .filter(super::lower(o::code).eq_any(lowered))
        .select(Organisation::as_select())
        .load(conn)
}

/// The active organisations (code, stored name), by code: what forms offer to pick from.
pub fn directory(conn: &mut DbConnection) -> QueryResult<Vec<(String, String)>> {
    o::organisations
        .filter(o::active.eq(true))
        .order(o::code.asc())
        .select((o::code, o::name))
        .load(conn)
}
