//! Accounts: creation, one-time set-password links, setting a password from such a link.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::auth::tokens::{new_id, random_token, token_hash};
use crate::db::DbConnection;
use crate::domain::time::now;
use crate::domain::values::TokenPurpose;
use crate::domain::{password_policy, Email, Role};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::models::User;
use crate::repo::{account_tokens, organisations, sessions, users};

pub const SET_PASSWORD_LINK_HOURS: i64 = 72;

/// The links that set a first password (a reset link has its own page and endpoint).
const LINK_PURPOSES: &[TokenPurpose] = &[TokenPurpose::SetPassword, TokenPurpose::Invitation];

pub struct NewAccount {
    pub email: String,
    pub name: String,
    pub organisation_code: String,
    pub role: Role,
    /// An Argon2id hash made by the caller (off the async workers), or none for a link.
    pub password_hash: Option<String>,
}

/// Creates the account; returns the new user's id.
pub fn create_user(conn: &mut DbConnection, new: NewAccount) -> AppResult<String> {
    let email =
        Email::parse(&new.email).map_err(|m| AppError::invalid(ErrorCode::InvalidEmail, m))?;
    let name = valid_name(&new.name)?;
    let name = name.as_str();
    conn.transaction(|conn| {
        let org =
            organisations::find_by_code(conn, new.organisation_code.trim())?.ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::UnknownOrganisation,
                    "no organisation has this code",
                )
            })?;
        if users::find_by_email(conn, &email.lowered())?.is_some() {
            return Err(AppError::Conflict(
                "an account with this e-mail address already exists".into(),
            ));
        }
        let now = now();
        let id = new_id();
        users::insert(
            conn,
            &User {
                id: id.clone(),
                email: email.as_str().to_string(),
                name: name.to_string(),
                organisation_id: org.id,
                role: new.role,
                password_hash: new.password_hash,
                active: true,
                language: None,
                created_at: now,
                updated_at: now,
            },
        )?;
        Ok(id)
    })
}

/// A person's name: trimmed, 1 to 200 characters.
pub fn valid_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid(
            ErrorCode::InvalidName,
            "a name of 1 to 200 characters is required",
        ));
    }
    Ok(name.to_string())
}

/// Issues a single-use link token (stored hashed); older unused ones stop working.
pub fn issue_set_password_token(conn: &mut DbConnection, user_id: &str) -> AppResult<String> {
    let token = random_token();
    let now = now();
    conn.transaction(|conn| {
        account_tokens::replace_for_user(
            conn,
            user_id,
            TokenPurpose::SetPassword,
            token_hash(&token),
            now,
            Duration::hours(SET_PASSWORD_LINK_HOURS),
        )
    })?;
    Ok(token)
}

/// Finds the account a link token belongs to, if the token is still usable.
pub fn user_for_token(conn: &mut DbConnection, token: &str) -> AppResult<Option<String>> {
    let now = now();
    Ok(
        account_tokens::find_usable_for(conn, &token_hash(token), LINK_PURPOSES, now)?
            .map(|t| t.user_id),
    )
}

/// Uses the token once to set the password (already hashed); every session of the account
/// ends. Fails with `invalid_token` when the token is unknown, used or expired.
pub fn set_password_with_token(
    conn: &mut DbConnection,
    token: &str,
    new_hash: &str,
) -> AppResult<()> {
    let now: NaiveDateTime = now();
    let invalid = || {
        AppError::invalid(
            ErrorCode::InvalidToken,
            "this link is invalid, used or expired",
        )
    };
    conn.transaction(|conn| {
        let row = account_tokens::find_usable_for(conn, &token_hash(token), LINK_PURPOSES, now)?
            .ok_or_else(invalid)?;
        if account_tokens::consume(conn, &row.id, now)? != 1 {
            return Err(invalid());
        }
        users::set_password_hash(conn, &row.user_id, new_hash, now)?;
        account_tokens::retire_all_for_user(conn, &row.user_id, now)?;
        sessions::revoke_all_for_user(conn, &row.user_id, now)?;
        Ok(())
    })
}

pub fn check_password_policy(password: &str) -> AppResult<()> {
    Ok(password_policy::check(password)?)
}
