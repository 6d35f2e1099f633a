//! Each user's choice between a mail per message and a daily digest.

use diesel::prelude::*;

use crate::db::schema::users;
use crate::db::DbConnection;

pub const IMMEDIATE: &str = "immediate";
pub const DIGEST: &str = "digest";

pub fn mail_mode(conn: &mut DbConnection, user_id: &str) -> QueryResult<String> {
    users::table
        .find(user_id)
        .select(users::mail_mode)
        .first(conn)
}

pub fn set_mail_mode(conn: &mut DbConnection, user_id: &str, mode: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set(users::mail_mode.eq(mode))
        .execute(conn)
}
