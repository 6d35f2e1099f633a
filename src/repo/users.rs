//! User accounts: found by e-mail at sign-in, their password and language; and accounts as
//! administrators and focal points see them: lists filtered in SQL by what the caller may
//! manage, one account with its organisation, and the changes they make.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::models::{Organisation, User};
use super::{bounded_count, containing_text, lower, of_organisation_code, DbBackend};
use crate::access::admin::AccountScope;
use crate::db::schema::{organisations, users};
use crate::db::DbConnection;
use crate::domain::Role;
use crate::pagination::PageParams;
use diesel::helper_types::{InnerJoin, IntoBoxed};

pub fn find_by_email(
    conn: &mut DbConnection,
    email_lower: &str,
) -> QueryResult<Option<(User, Organisation)>> {
    users::table
        .inner_join(organisations::table)
        .filter(lower(users::email).eq(email_lower))
        .select((User::as_select(), Organisation::as_select()))
        .first(conn)
        .optional()
}

/// An account with its organisation, by id (the sign-in's second step).
pub fn find_with_organisation(
    conn: &mut DbConnection,
    id: &str,
) -> QueryResult<Option<(User, Organisation)>> {
    users::table
        .inner_join(organisations::table)
        .filter(users::id.eq(id))
        .select((User::as_select(), Organisation::as_select()))
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, user: &User) -> QueryResult<usize> {
    diesel::insert_into(users::table).values(user).execute(conn)
}

pub fn set_language(conn: &mut DbConnection, user_id: &str, language: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set(users::language.eq(language))
        .execute(conn)
}

pub fn password_hash(conn: &mut DbConnection, user_id: &str) -> QueryResult<Option<String>> {
    users::table
        .find(user_id)
        .select(users::password_hash)
        .first(conn)
}

/// Where to write to a user: address and language.
pub fn mail_contact(
    conn: &mut DbConnection,
    user_id: &str,
) -> QueryResult<Option<(String, Option<String>)>> {
    users::table
        .find(user_id)
        .select((users::email, users::language))
        .first(conn)
        .optional()
}

/// An account with the code and name of its organisation (one joined query).
#[derive(Debug, Clone, Queryable)]
pub struct AccountRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub has_password: bool,
    pub organisation_id: String,
    pub organisation_code: String,
    pub organisation_name: String,
    pub created_at: NaiveDateTime,
    pub two_factor: bool,
}

/// The filters of the account list as the caller gives them (blank values are no filter),
/// and the page asked for (read by the service).
#[derive(Debug, Default, Clone)]
pub struct AccountQuery {
    /// Searched in names and e-mail addresses, case-insensitively.
    pub text: Option<String>,
    /// An organisation code.
    pub organisation: Option<String>,
    pub page: PageParams,
}

macro_rules! account_columns {
    () => {
        (
            users::id,
            users::email,
            users::name,
            users::role,
            users::active,
            users::password_hash.is_not_null(),
            users::organisation_id,
            organisations::code,
            organisations::name,
            users::created_at,
            users::totp_enabled_at.is_not_null(),
        )
    };
}

type Accounts<'a> = IntoBoxed<'a, InnerJoin<users::table, organisations::table>, DbBackend>;

/// The accounts the scope lets one manage that match the filters: the one query the list's
/// pages and its count read.
fn filtered<'a>(scope: &AccountScope, query: &AccountQuery) -> Accounts<'a> {
    let mut q = users::table.inner_join(organisations::table).into_boxed();
    if let AccountScope::Organisation(org_id) = scope {
        q = q.filter(users::organisation_id.eq(org_id.clone()));
    }
    of_organisation_code!(q, users::organisation_id, &query.organisation);
    containing_text!(q, &query.text, users::name, users::email);
    q
}

/// One page in e-mail order (the unique `lower(email)` index serves it); `after` is the last
/// lowered e-mail of the page before.
pub fn list(
    conn: &mut DbConnection,
    scope: &AccountScope,
    query: &AccountQuery,
    after: Option<String>,
    limit: i64,
) -> QueryResult<Vec<AccountRow>> {
    let mut q = filtered(scope, query).select(account_columns!());
    if let Some(after) = after {
        q = q.filter(lower(users::email).gt(after));
    }
    q.order(lower(users::email).asc()).limit(limit).load(conn)
}

/// How many accounts the list of `query` holds for this scope, at most `COUNT_BOUND`.
pub fn count(
    conn: &mut DbConnection,
    scope: &AccountScope,
    query: &AccountQuery,
) -> QueryResult<i64> {
    bounded_count(conn, filtered(scope, query).select(users::id))
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<AccountRow>> {
    users::table
        .inner_join(organisations::table)
        .filter(users::id.eq(id))
        .select(account_columns!())
        .first(conn)
        .optional()
}

/// `pub fn $name(conn, id, value, now)`: sets one column of the account and its `updated_at`.
macro_rules! account_setter {
    ($($name:ident: $column:ident = $value:ty;)+) => {$(
        pub fn $name(
            conn: &mut DbConnection,
            id: &str,
            value: $value,
            now: NaiveDateTime,
        ) -> QueryResult<usize> {
            diesel::update(users::table.find(id))
                .set((users::$column.eq(value), users::updated_at.eq(now)))
                .execute(conn)
        }
    )+};
}

account_setter! {
    set_password_hash: password_hash = &str;
    set_active: active = bool;
    set_role: role = Role;
    set_organisation: organisation_id = &str;
}

/// A revoked invitation invited again: its new name, organisation and role, active again.
pub fn reopen_invitation(
    conn: &mut DbConnection,
    id: &str,
    name: &str,
    organisation_id: &str,
    role: Role,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id).filter(users::password_hash.is_null()))
        .set((
            users::name.eq(name),
            users::organisation_id.eq(organisation_id),
            users::role.eq(role),
            users::active.eq(true),
            users::updated_at.eq(now),
        ))
        .execute(conn)
}

/// The active focal points of an organisation, where to write to them: (id, e-mail, language).
pub fn focal_points(
    conn: &mut DbConnection,
    organisation_id: &str,
) -> QueryResult<Vec<(String, String, Option<String>)>> {
    users::table
        .filter(users::organisation_id.eq(organisation_id))
        .filter(users::role.eq(crate::domain::Role::FocalPoint))
        .filter(users::active.eq(true))
        .order(users::email.asc())
        .select((users::id, users::email, users::language))
        .load(conn)
}
