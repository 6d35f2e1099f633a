use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::lower;
use super::models::{Organisation, User};
use crate::db::schema::{organisations, users};
use crate::db::DbConnection;

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

pub fn insert(conn: &mut DbConnection, user: &User) -> QueryResult<usize> {
    diesel::insert_into(users::table).values(user).execute(conn)
}

pub fn set_password_hash(
    conn: &mut DbConnection,
    user_id: &str,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now)))
        .execute(conn)
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
