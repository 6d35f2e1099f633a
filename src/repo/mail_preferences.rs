//! Each user's choice between a mail per message and a daily digest.

use diesel::prelude::*;

use crate::db::schema::users;
use crate::db::DbConnection;
use crate::domain::values::MailMode;

pub fn mail_mode(conn: &mut DbConnection, user_id: &str) -> QueryResult<MailMode> {
    users::table
        .find(user_id)
        .select(users::mail_mode)
        .first(conn)
}

pub fn set_mail_mode(conn: &mut DbConnection, user_id: &str, mode: MailMode) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set(users::mail_mode.eq(mode))
        .execute(conn)
}
