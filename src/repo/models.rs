use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{account_tokens, login_failures, organisations, sessions, users};
use crate::domain::values::{OrgKind, Role, TokenPurpose};

/// Also what the API shows of an organisation (all but `created_at`).
#[derive(
    Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize, utoipa::ToSchema,
)]
#[diesel(table_name = organisations)]
#[schema(as = OrganisationView)]
pub struct Organisation {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub regional_group: Option<String>,
    pub active: bool,
    pub require_totp: bool,
    #[serde(skip)]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub organisation_id: String,
    pub role: Role,
    pub password_hash: Option<String>,
    pub active: bool,
    pub language: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = login_failures)]
pub struct LoginFailure {
    pub id: String,
    pub ip: String,
    pub email_lower: String,
    pub failed_at: NaiveDateTime,
    /// The nonce of the valid device cookie presented with the attempt, if any.
    pub device: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = account_tokens)]
pub struct AccountToken {
    pub id: String,
    pub user_id: String,
    pub purpose: TokenPurpose,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}
