//! Accounts for administrators (every organisation) and focal points (their own): the list,
//! activation and deactivation, role and organisation changes. Every change is audited in its
//! transaction, and deactivation, a new role or a new organisation end the account's sessions
//! at once.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::admin::{self as rules, Account, AccountScope};
use crate::access::Actor;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::UtcTime;
use crate::domain::Role;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::{self, page_item, Page, PageSize};
pub use crate::repo::users::AccountQuery;
use crate::repo::users::{self, AccountRow};
use crate::repo::{account_tokens, organisations, sessions};
use crate::services::admin::filter_text;
use crate::services::audit::{self, Event};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// Invited; no password set yet.
    Invited,
    Active,
    Deactivated,
}

impl AccountStatus {
    pub fn of(active: bool, has_password: bool) -> Self {
        match (active, has_password) {
            (false, _) => AccountStatus::Deactivated,
            (true, false) => AccountStatus::Invited,
            (true, true) => AccountStatus::Active,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccountView {
    pub id: String,
    pub email: String,
    pub name: String,
    /// The organisation's code.
    pub organisation: String,
    pub organisation_name: String,
    pub role: Role,
    pub active: bool,
    pub status: AccountStatus,
    pub created_at: UtcTime,
    /// Whether two-factor sign-in is on.
    pub two_factor: bool,
    /// Whether the caller may change this account.
    pub may_manage: bool,
}

impl AccountView {
    pub fn from_row(row: AccountRow, actor: &Actor) -> Self {
        let role = row.role;
        let may_manage = rules::manages(actor, account_of(&row, role));
        AccountView {
            status: AccountStatus::of(row.active, row.has_password),
            id: row.id,
            email: row.email,
            name: row.name,
            organisation: row.organisation_code,
            organisation_name: row.organisation_name,
            role,
            active: row.active,
            created_at: row.created_at.into(),
            two_factor: row.two_factor,
            may_manage,
        }
    }
}

page_item!(pub type AccountPage = Page<AccountView>);

/// `{"active"}`, `{"role"}`, `{"organisation"}` or several at once.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountPatch {
    pub active: Option<bool>,
    /// Administrators only.
    pub role: Option<Role>,
    /// An organisation code; administrators only.
    pub organisation: Option<String>,
}

fn account_of(row: &AccountRow, role: Role) -> Account<'_> {
    Account {
        id: &row.id,
        role,
        organisation_id: &row.organisation_id,
    }
}

/// The audit event of `user` acting on the account `account_id`.
pub fn account_event(
    user: &CurrentUser,
    ip: &str,
    action: &'static str,
    account_id: &str,
) -> Event {
    Event::by(action, user, ip).target("user", account_id)
}

/// The account as it is now, seen by `me`.
pub fn fresh_view(conn: &mut DbConnection, me: &Actor, account_id: &str) -> AppResult<AccountView> {
    let row = users::find(conn, account_id)?.ok_or(AppError::NotFound)?;
    Ok(AccountView::from_row(row, me))
}

pub fn scope(user: &CurrentUser) -> AppResult<AccountScope> {
    rules::account_managers_only(&user.actor())
}

/// The account, if the caller may manage it; otherwise 404 as for an unknown id (403 for the
/// caller's own account, which exists and which they know).
pub fn find_managed(
    conn: &mut DbConnection,
    user: &CurrentUser,
    account_id: &str,
) -> AppResult<AccountRow> {
    scope(user)?;
    if account_id == user.id {
        return Err(AppError::forbidden(
            "you cannot change your own account here",
        ));
    }
    let row = users::find(conn, account_id)?.ok_or(AppError::NotFound)?;
    if !rules::manages(&user.actor(), account_of(&row, row.role)) {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// How many accounts the list of `query` holds for this user (at most 1,001).
pub fn count(conn: &mut DbConnection, user: &CurrentUser, query: &AccountQuery) -> AppResult<i64> {
    let scope = scope(user)?;
    filter_text(&query.text, 200)?;
    filter_text(&query.organisation, 200)?;
    Ok(users::count(conn, &scope, query)?)
}

pub fn list(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: AccountQuery,
) -> AppResult<AccountPage> {
    let scope = scope(user)?;
    let limit = query.page.limit(PageSize::STANDARD);
    // The cursor is the last lowered e-mail address of the page before.
    let after = pagination::decode_seek::<String>(query.page.cursor())?
        .map(|email| pagination::seek_text(email, 320))
        .transpose()?;
    filter_text(&query.text, 200)?;
    filter_text(&query.organisation, 200)?;
    let rows = users::list(conn, &scope, &query, after, limit + 1)?;
    let page = Page::cut(rows, limit, |r| {
        pagination::encode_seek(r.email.to_lowercase())
    });
    let me = user.actor();
    Ok(page.map(|r| AccountView::from_row(r, &me)))
}

pub fn patch(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    account_id: &str,
    patch: AccountPatch,
) -> AppResult<AccountView> {
    if patch.active.is_none() && patch.role.is_none() && patch.organisation.is_none() {
        return Err(AppError::invalid(
            ErrorCode::EmptyChange,
            "give at least one of active, role, organisation",
        ));
    }
    let me = user.actor();
    write_transaction(conn, |conn| {
        let row = find_managed(conn, user, account_id)?;
        if (patch.role.is_some() || patch.organisation.is_some())
            && !rules::may_change_role_or_organisation(&me)
        {
            return Err(AppError::forbidden(
                "only administrators change roles and organisations",
            ));
        }
        let now = crate::domain::time::now();
        let event = |action: &'static str| account_event(user, ip, action, &row.id);
        let mut end_sessions = false;
        if let Some(role) = patch.role.filter(|r| *r != row.role) {
            users::set_role(conn, &row.id, role, now)?;
            audit::record(
                conn,
                event("user.role_change")
                    .details(serde_json::json!({"from": row.role, "to": role})),
            )?;
            end_sessions = true;
        }
        if let Some(code) = &patch.organisation {
            let code = code.trim().to_uppercase();
            let org = organisations::find_by_code(conn, &code)?.ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::UnknownOrganisation,
                    "no organisation has this code",
                )
            })?;
            if org.id != row.organisation_id {
                users::set_organisation(conn, &row.id, &org.id, now)?;
                audit::record(
                    conn,
                    event("user.organisation_change").details(serde_json::json!({
                        "from": row.organisation_code, "to": org.code,
                    })),
                )?;
                end_sessions = true;
            }
        }
        if let Some(active) = patch.active.filter(|a| *a != row.active) {
            users::set_active(conn, &row.id, active, now)?;
            let action = if active {
                "user.activate"
            } else {
                "user.deactivate"
            };
            audit::record(conn, event(action))?;
            if !active {
                // A pending invitation or reset link must not outlive the account's access.
                account_tokens::retire_all_for_user(conn, &row.id, now)?;
                end_sessions = true;
            }
        }
        if end_sessions {
            sessions::revoke_all_for_user(conn, &row.id, now)?;
        }
        fresh_view(conn, &me, &row.id)
    })
}

/// Takes two-factor off an account whose owner lost their phone and recovery codes
/// (administrators): every session ends, and where two-factor is required the next sign-in
/// sets it up again.
pub fn reset_two_factor(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    account_id: &str,
) -> AppResult<AccountView> {
    let me = user.actor();
    if !rules::may_reset_two_factor(&me) {
        return Err(AppError::forbidden(
            "only administrators reset two-factor sign-in",
        ));
    }
    let row = find_managed(conn, user, account_id)?;
    let event = account_event(user, ip, "user.totp_reset", &row.id);
    crate::services::account::two_factor::reset(conn, &row.id, event)?;
    fresh_view(conn, &me, &row.id)
}
