//! The signed-in user's own account: sessions (list, end one) and password change.

pub mod recovery_codes;
pub mod secret_sealing;
pub mod two_factor;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::CurrentUser;
use crate::db::write_transaction;
use crate::domain::time::now;
use crate::domain::time::UtcTime;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::{page_item, Page};
use crate::repo::{account_tokens, sessions, users};
use crate::services::audit::{self, Event, Outcome};
use crate::services::auth::password_reset;
use crate::services::auth::IDLE_TIMEOUT;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionView {
    pub id: String,
    pub created_at: UtcTime,
    pub last_seen_at: UtcTime,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The session this request belongs to.
    pub current: bool,
}

page_item!(
    /// Every session at once: `next_cursor` is always `null`.
    pub type SessionList = Page<SessionView>
);

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

pub async fn sessions(state: &AppState, user: &CurrentUser) -> AppResult<SessionList> {
    let (user_id, current) = (user.id.clone(), user.session_id.clone());
    let rows = state
        .db(move |conn| {
            let now = now();
            Ok(sessions::list_active(
                conn,
                &user_id,
                now,
                now - IDLE_TIMEOUT,
            )?)
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|s| SessionView {
            current: s.id == current,
            id: s.id,
            created_at: s.created_at.into(),
            last_seen_at: s.last_seen_at.into(),
            ip: s.ip,
            user_agent: s.user_agent,
        })
        .collect();
    Ok(Page {
        items,
        next_cursor: None,
    })
}

/// Ends one of the caller's sessions (404 for anyone else's).
pub async fn end_session(
    state: &AppState,
    user: &CurrentUser,
    ip: String,
    session_id: String,
) -> AppResult<()> {
    let (user_id, email) = (user.id.clone(), user.email.clone());
    state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                if sessions::revoke_own(conn, &user_id, &session_id, now())? == 0 {
                    return Err(AppError::NotFound);
                }
                let event = Event::new("account.session_end")
                    .actor(&user_id, &email)
                    .ip(&ip)
                    .target("session", &session_id);
                audit::record(conn, event)?;
                Ok(())
            })
        })
        .await
}

/// Changes the password after checking the current one; every other session ends.
pub async fn change_password(
    state: &AppState,
    user: &CurrentUser,
    ip: String,
    change: PasswordChange,
) -> AppResult<()> {
    if change.current_password.len() > 1024 {
        return Err(AppError::invalid(
            ErrorCode::WrongPassword,
            "the current password is not right",
        ));
    }
    let user_id = user.id.clone();
    let stored = state
        .db(move |conn| Ok(users::password_hash(conn, &user_id)?))
        .await?;
    let ok = state.hasher.verify(change.current_password, stored).await?;
    let (user_id, email, keep) = (user.id.clone(), user.email.clone(), user.session_id.clone());
    let language = user.language.clone();
    if !ok {
        let event = Event::new("account.password")
            .actor(&user_id, &email)
            .ip(&ip)
            .outcome(Outcome::Failure);
        state
            .db(move |conn| Ok(audit::record(conn, event)?))
            .await?;
        return Err(AppError::invalid(
            ErrorCode::WrongPassword,
            "the current password is not right",
        ));
    }
    let hash = state.hasher.hash_new(change.new_password).await??;
    state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let now = now();
                users::set_password_hash(conn, &user_id, &hash, now)?;
                let ended = sessions::revoke_others(conn, &user_id, &keep, now)?;
                // Any reset link still in a mailbox dies with the old password.
                account_tokens::retire_all_for_user(conn, &user_id, now)?;
                password_reset::queue_password_changed(
                    conn,
                    &user_id,
                    &email,
                    language.as_deref(),
                    now,
                )?;
                let event = Event::new("account.password")
                    .actor(&user_id, &email)
                    .ip(&ip)
                    .details(serde_json::json!({"other_sessions_ended": ended}));
                audit::record(conn, event)?;
                Ok(())
            })
        })
        .await
}
