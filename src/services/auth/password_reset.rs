//! Password reset by e-mail. The request answers the same whatever the address; a known,
//! active account gets a single-use link valid for one hour, which dies when the password
//! changes or a newer link is issued. Using it sets the password, ends every session and sends
//! a mail saying the password changed.

use chrono::{Duration, NaiveDateTime};
use serde_json::json;

use crate::auth::tokens::{random_token, token_hash};
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::now;
use crate::domain::values::TokenPurpose;
use crate::domain::Email;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::{account_tokens, sessions, users};
use crate::services::audit::{self, Event, Outcome};
use crate::services::mail_queue::{self, QueuedMail};
use crate::state::AppState;

pub const PURPOSE: TokenPurpose = TokenPurpose::PasswordReset;
pub const LIFETIME: Duration = Duration::hours(1);
/// One link per account per this interval, so the form cannot flood someone's mailbox.
pub const MIN_INTERVAL: Duration = Duration::minutes(2);

/// Queues a reset link when `email` names an active account. Same result either way.
pub async fn request(state: &AppState, email: String, ip: String) -> AppResult<()> {
    let key = super::email_key(&email);
    if Email::parse(&key).is_err() {
        return Ok(());
    }
    state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let now = now();
                let account =
                    users::find_by_email(conn, &key)?.filter(|(u, o)| u.active && o.active);
                let mut event = Event::new("account.password_reset_request").ip(&ip);
                event.actor_email = Some(key.clone());
                let Some((user, _)) = account else {
                    // Written for unknown addresses too: the trail shows probing, and both
                    // paths do the same kind of work.
                    audit::record(conn, event.outcome(Outcome::Failure))?;
                    return Ok(());
                };
                let recent = account_tokens::latest_issued(conn, &user.id, PURPOSE)?
                    .is_some_and(|at| at + MIN_INTERVAL > now);
                if recent {
                    audit::record(conn, event.outcome(Outcome::Denied))?;
                    return Ok(());
                }
                let token = random_token();
                issue(conn, &user.id, &token, now)?;
                mail_queue::queue(
                    conn,
                    QueuedMail {
                        recipient_user_id: Some(&user.id),
                        to_address: &user.email,
                        template: "password_reset",
                        language: crate::i18n::mail_language(user.language.as_deref()),
                        payload: json!({"token": token, "minutes": LIFETIME.num_minutes()}),
                        hold_for_digest: false,
                    },
                    now,
                )?;
                audit::record(
                    conn,
                    Event::new("account.password_reset_request")
                        .actor(&user.id, &user.email)
                        .ip(&ip)
                        .target("user", &user.id),
                )?;
                Ok(())
            })
        })
        .await
}

/// A newer link ends the older ones (of every purpose: an unused invitation too).
fn issue(conn: &mut DbConnection, user_id: &str, token: &str, now: NaiveDateTime) -> AppResult<()> {
    account_tokens::replace_for_user(conn, user_id, PURPOSE, token_hash(token), now, LIFETIME)?;
    Ok(())
}

fn invalid() -> AppError {
    AppError::invalid(
        ErrorCode::InvalidToken,
        "this link is invalid, used or expired",
    )
}

/// Whether a reset link can still be used (for the page that asks for the new password).
pub fn token_is_usable(conn: &mut DbConnection, token: &str) -> AppResult<bool> {
    let now = now();
    Ok(account_tokens::find_usable_for(conn, &token_hash(token), &[PURPOSE], now)?.is_some())
}

/// Uses the link once: the password (already checked and hashed by the caller) is set, every
/// session of the account ends, every other link dies, and a mail says what happened.
pub fn confirm(conn: &mut DbConnection, token: &str, new_hash: &str, ip: &str) -> AppResult<()> {
    write_transaction(conn, |conn| {
        let now = now();
        let row = account_tokens::find_usable_for(conn, &token_hash(token), &[PURPOSE], now)?
            .ok_or_else(invalid)?;
        if account_tokens::consume(conn, &row.id, now)? != 1 {
            return Err(invalid());
        }
        users::set_password_hash(conn, &row.user_id, new_hash, now)?;
        account_tokens::retire_all_for_user(conn, &row.user_id, now)?;
        let ended = sessions::revoke_all_for_user(conn, &row.user_id, now)?;
        let (email, language) = users::mail_contact(conn, &row.user_id)?.ok_or_else(invalid)?;
        queue_password_changed(conn, &row.user_id, &email, language.as_deref(), now)?;
        audit::record(
            conn,
            Event::new("account.password_reset")
                .actor(&row.user_id, &email)
                .ip(ip)
                .target("user", &row.user_id)
                .details(json!({"sessions_ended": ended})),
        )?;
        Ok(())
    })
}

/// "Your password was changed": sent after a reset and after a change on the account page.
pub fn queue_password_changed(
    conn: &mut DbConnection,
    user_id: &str,
    email: &str,
    language: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<()> {
    mail_queue::queue(
        conn,
        QueuedMail {
            recipient_user_id: Some(user_id),
            to_address: email,
            template: "password_changed",
            language: crate::i18n::mail_language(language),
            payload: json!({"at": crate::l10n::format_time(
                now.and_utc(),
                crate::i18n::mail_language(language),
            )}),
            hold_for_digest: false,
        },
        now,
    )?;
    Ok(())
}
