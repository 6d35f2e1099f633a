//! Invitations: an administrator (any organisation, any role) or a focal point (their own
//! organisation, no role above their own) creates an account without a password and mails a
//! one-time link to set one. Invitations can be re-sent (a new link; older ones stop working)
//! or revoked (the link stops working and the pending account is deactivated). The account,
//! the token, the mail and the audit entry are written in one transaction.

use chrono::{Duration, NaiveDateTime};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::access::admin::{self as rules, InviteDenial};
use crate::auth::tokens::{random_token, token_hash};
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::now;
use crate::domain::values::TokenPurpose;
use crate::domain::Role;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::users::{self, AccountRow};
use crate::repo::{account_tokens, organisations, sessions};
use crate::services::admin::account_creation::{self, NewAccount};
use crate::services::admin::account_management::{
    account_event, find_managed, fresh_view, AccountView,
};
use crate::services::audit;
use crate::services::mail_queue::{self, QueuedMail};

/// An invitation link works this long.
pub const INVITATION_HOURS: i64 = 72;
pub const INVITATION_TEMPLATE: &str = "invitation";

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    pub email: String,
    pub name: String,
    /// The organisation's code, e.g. `KEN`.
    pub organisation: String,
    pub role: Role,
    /// The language of the invitation mail and of the new account (`ar`, `zh`, `en`, `fr`,
    /// `ru` or `es`); by default the inviter's.
    #[serde(default)]
    pub language: Option<String>,
}

/// The invitee's language: the one chosen, else the inviter's, else English; a language the
/// portal does not speak is a 400 `unsupported_language`.
fn invitee_language(inviter: &CurrentUser, chosen: Option<&str>) -> AppResult<&'static str> {
    let pick = |l: &str| crate::i18n::SUPPORTED.iter().copied().find(|s| *s == l);
    match chosen.map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) => pick(l).ok_or_else(|| {
            AppError::invalid(
                ErrorCode::UnsupportedLanguage,
                "language must be one of ar, zh, en, fr, ru, es",
            )
        }),
        None => Ok(inviter.language.as_deref().and_then(pick).unwrap_or("en")),
    }
}

fn denial(d: InviteDenial) -> AppError {
    AppError::forbidden(match d {
        InviteDenial::NotAllowed => "your role cannot invite accounts",
        InviteDenial::OtherOrganisation => "you can invite only into your own organisation",
        InviteDenial::RoleTooHigh => "you cannot grant a role above your own",
    })
}

/// Retires the account's older links and issues an invitation link; returns the token.
fn issue_token(conn: &mut DbConnection, user_id: &str, now: NaiveDateTime) -> AppResult<String> {
    let token = random_token();
    account_tokens::replace_for_user(
        conn,
        user_id,
        TokenPurpose::Invitation,
        token_hash(&token),
        now,
        Duration::hours(INVITATION_HOURS),
    )?;
    Ok(token)
}

fn queue_mail(
    conn: &mut DbConnection,
    inviter: &CurrentUser,
    account: &AccountRow,
    language: &str,
    token: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let organisation = crate::l10n::names::organisation_name(&account.organisation_code, language)
        .unwrap_or(&account.organisation_name);
    mail_queue::queue(
        conn,
        QueuedMail {
            recipient_user_id: Some(&account.id),
            to_address: &account.email,
            template: INVITATION_TEMPLATE,
            language,
            payload: serde_json::json!({
                "token": token,
                "name": account.name,
                "organisation": organisation,
                "inviter": inviter.name,
                "hours": INVITATION_HOURS,
            }),
            hold_for_digest: false,
        },
        now,
    )?;
    Ok(())
}

pub fn invite(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    new: NewInvitation,
) -> AppResult<AccountView> {
    let me = user.actor();
    let language = invitee_language(user, new.language.as_deref())?;
    let code = new.organisation.trim().to_uppercase();
    rules::may_invite_into_code(&me, &code).map_err(denial)?;
    write_transaction(conn, |conn| {
        let org = organisations::find_by_code(conn, &code)?.ok_or_else(|| {
            AppError::invalid(
                ErrorCode::UnknownOrganisation,
                "no organisation has this code",
            )
        })?;
        rules::may_invite(&me, &org.id, new.role).map_err(denial)?;
        if !org.active {
            return Err(AppError::invalid(
                ErrorCode::InactiveOrganisation,
                "this organisation is deactivated",
            ));
        }
        let now = now();
        let (id, again) = match revoked_invitation(conn, user, &new.email)? {
            Some(account_id) => {
                let name = account_creation::valid_name(&new.name)?;
                users::reopen_invitation(conn, &account_id, &name, &org.id, new.role, now)?;
                (account_id, true)
            }
            None => {
                let id = account_creation::create_user(
                    conn,
                    NewAccount {
                        email: new.email,
                        name: new.name,
                        organisation_code: org.code.clone(),
                        role: new.role,
                        password_hash: None,
                    },
                )?;
                (id, false)
            }
        };
        users::set_language(conn, &id, language)?;
        let token = issue_token(conn, &id, now)?;
        let account = users::find(conn, &id)?.ok_or(AppError::NotFound)?;
        queue_mail(conn, user, &account, language, &token, now)?;
        audit::record(
            conn,
            account_event(user, ip, "user.invite", &id).details(serde_json::json!({
                "email": account.email,
                "organisation": org.code,
                "role": new.role,
                "language": language,
                "again": again,
            })),
        )?;
        Ok(AccountView::from_row(account, &me))
    })
}

/// The account of `email` if it is a revoked invitation (deactivated, never given a password)
/// that the inviter manages: inviting the address again is how it comes back. Any other
/// existing account is left to `create_user`, which answers 409.
fn revoked_invitation(
    conn: &mut DbConnection,
    inviter: &CurrentUser,
    email: &str,
) -> AppResult<Option<String>> {
    let Ok(email) = crate::domain::Email::parse(email) else {
        return Ok(None);
    };
    let Some((existing, _)) = users::find_by_email(conn, &email.lowered())? else {
        return Ok(None);
    };
    if existing.active || existing.password_hash.is_some() {
        return Ok(None);
    }
    match find_managed(conn, inviter, &existing.id) {
        Ok(row) => Ok(Some(row.id)),
        Err(AppError::NotFound) | Err(AppError::Forbidden { .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Runs one step on a pending invitation the caller manages, in one transaction with its audit
/// entry (`action`); returns the account as it is afterwards.
fn on_pending_invitation(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    account_id: &str,
    action: &'static str,
    step: impl FnOnce(&mut DbConnection, &AccountRow, NaiveDateTime) -> AppResult<()>,
) -> AppResult<AccountView> {
    write_transaction(conn, |conn| {
        let account = find_managed(conn, user, account_id)?;
        if account.has_password {
            return Err(AppError::Conflict(
                "this account has already accepted its invitation".into(),
            ));
        }
        step(conn, &account, now())?;
        audit::record(conn, account_event(user, ip, action, &account.id))?;
        fresh_view(conn, &user.actor(), &account.id)
    })
}

/// A new link (the older ones stop working) and a new mail. A revoked invitation stays
/// revoked (409): inviting the address again is the way back.
pub fn resend(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    account_id: &str,
) -> AppResult<AccountView> {
    let action = "user.invitation_resend";
    on_pending_invitation(conn, user, ip, account_id, action, |conn, account, now| {
        if !account.active {
            return Err(AppError::Conflict(
                "this invitation was revoked; invite the address again to renew it".into(),
            ));
        }
        let token = issue_token(conn, &account.id, now)?;
        // In the language chosen for the account when it was invited.
        let language = users::mail_contact(conn, &account.id)?
            .and_then(|(_, l)| l)
            .unwrap_or_else(|| crate::i18n::mail_language(user.language.as_deref()).to_string());
        let language = crate::i18n::mail_language(Some(&language)).to_string();
        queue_mail(conn, user, account, &language, &token, now)
    })
}

/// The link stops working and the pending account is deactivated.
pub fn revoke(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    account_id: &str,
) -> AppResult<AccountView> {
    let action = "user.invitation_revoke";
    on_pending_invitation(conn, user, ip, account_id, action, |conn, account, now| {
        account_tokens::retire_all_for_user(conn, &account.id, now)?;
        users::set_active(conn, &account.id, false, now)?;
        sessions::revoke_all_for_user(conn, &account.id, now)?;
        Ok(())
    })
}
