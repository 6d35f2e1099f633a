//! One account as its administration page shows it: the account, its working sessions (with
//! device names), its last sign-in and its recovery codes left; and ending its sessions.

use serde::Serialize;

use crate::access::admin as rules;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::devices::{device_of, Device};
use crate::domain::time::{now, UtcTime};
use crate::error::{AppError, AppResult};
use crate::repo::{sessions, two_factor, users};
use crate::services::audit;
use crate::services::auth::IDLE_TIMEOUT;

use super::account_management::{account_event, find_managed, fresh_view, scope, AccountView};

#[derive(Debug, Clone, Serialize)]
pub struct SessionSummary {
    pub created_at: UtcTime,
    pub last_seen_at: UtcTime,
    pub ip: Option<String>,
    pub device: Device,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccountDetail {
    pub account: AccountView,
    pub sessions: Vec<SessionSummary>,
    pub last_sign_in: Option<UtcTime>,
    pub recovery_codes_left: i64,
}

/// The account, if it is within the caller's account scope (administrators: every account;
/// focal points: their organisation's); otherwise 404, as for an unknown id.
pub fn detail(
    conn: &mut DbConnection,
    user: &CurrentUser,
    account_id: &str,
) -> AppResult<AccountDetail> {
    let scope = scope(user)?;
    let row = users::find(conn, account_id)?.ok_or(AppError::NotFound)?;
    if let rules::AccountScope::Organisation(org) = &scope {
        if *org != row.organisation_id {
            return Err(AppError::NotFound);
        }
    }
    let now = now();
    let sessions = sessions::list_active(conn, &row.id, now, now - IDLE_TIMEOUT)?
        .into_iter()
        .map(|s| SessionSummary {
            device: device_of(s.user_agent.as_deref()),
            created_at: s.created_at.into(),
            last_seen_at: s.last_seen_at.into(),
            ip: s.ip,
        })
        .collect();
    let last_sign_in = sessions::last_started(conn, &row.id)?.map(UtcTime::from);
    let recovery_codes_left = two_factor::unused_recovery_codes(conn, &row.id)?;
    let account = fresh_view(conn, &user.actor(), &row.id)?;
    Ok(AccountDetail {
        account,
        sessions,
        last_sign_in,
        recovery_codes_left,
    })
}

/// Ends every session of an account the caller manages (audited); how many ended.
pub fn end_sessions(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    account_id: &str,
) -> AppResult<usize> {
    write_transaction(conn, |conn| {
        let row = find_managed(conn, user, account_id)?;
        let ended = sessions::revoke_all_for_user(conn, &row.id, now())?;
        audit::record(
            conn,
            account_event(user, ip, "user.sessions_end", &row.id)
                .details(serde_json::json!({"sessions": ended})),
        )?;
        Ok(ended)
    })
}
