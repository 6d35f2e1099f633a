//! Throttling of sign-in attempts (OWASP's device-cookie scheme): the locks, and the record
//! of a failure.

use chrono::Duration;

use crate::auth::tokens::new_id;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::repo::login_failures;
use crate::repo::models::LoginFailure;
use crate::services::audit::{self, Event, Outcome};

/// Failed sign-ins are counted over this window (OWASP's device-cookie scheme; the README's
/// security section lists these numbers).
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// A client without a valid device cookie for the account is refused (429) after this many
/// failures on the account from its address,
pub const MAX_FAILURES_PER_ACCOUNT_AND_IP: i64 = 5;
/// … or on the account from any address (an attack spread over many addresses),
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 10;
/// … or from its address on any account (one address trying many accounts; high, because an
/// office's clients share one address).
pub const MAX_FAILURES_PER_IP: i64 = 50;
/// A client with a valid device cookie for the account passes those three locks and is
/// refused only after this many failures made with that cookie.
pub const MAX_FAILURES_PER_DEVICE: i64 = 5;

fn retry_after(oldest: Option<chrono::NaiveDateTime>, now: chrono::NaiveDateTime) -> u64 {
    oldest
        .map(|o| (o + FAILURE_WINDOW - now).num_seconds().max(1) as u64)
        .unwrap_or(FAILURE_WINDOW.num_seconds() as u64)
}

/// A sign-in attempt as throttling sees it: the client's address, the normalised e-mail, the
/// nonce of a device cookie valid for the account (if any), and when.
pub(super) struct Attempt {
    pub ip: String,
    pub email_key: String,
    pub device: Option<String>,
    pub at: chrono::NaiveDateTime,
}

/// The lock that refuses this attempt, if any, and the seconds until it lifts. A client with a
/// valid device cookie for the account (`device`, its nonce) meets only its device's lock;
/// every other client meets the account-and-address, account and address locks, keyed on the
/// normalised e-mail whether or not an account has it.
fn lockout(conn: &mut DbConnection, attempt: &Attempt) -> AppResult<Option<(&'static str, u64)>> {
    use login_failures::Scope;
    let (ip, email_key, now) = (attempt.ip.as_str(), attempt.email_key.as_str(), attempt.at);
    let locks = match attempt.device.as_deref() {
        Some(nonce) => vec![("device", Scope::Device { nonce }, MAX_FAILURES_PER_DEVICE)],
        None => vec![
            (
                "account_address",
                Scope::AccountFromAddress {
                    email_lower: email_key,
                    ip,
                },
                MAX_FAILURES_PER_ACCOUNT_AND_IP,
            ),
            (
                "account",
                Scope::Account {
                    email_lower: email_key,
                },
                MAX_FAILURES_PER_ACCOUNT,
            ),
            ("address", Scope::Address { ip }, MAX_FAILURES_PER_IP),
        ],
    };
    let since = now - FAILURE_WINDOW;
    let mut refused: Option<(&'static str, u64)> = None;
    for (lock, scope, max) in locks {
        let window = login_failures::count_since(conn, scope, since)?;
        if window.count >= max {
            let secs = retry_after(window.oldest, now);
            // Every lock that holds must lift before a try is allowed: report the longest.
            refused = refused
                .into_iter()
                .chain([(lock, secs)])
                .max_by_key(|(_, secs)| *secs);
        }
    }
    Ok(refused)
}

/// A failed sign-in (password or second factor): audited, in the metrics, and counted for
/// throttling against the device cookie it came with, or else against the account and address.
pub(super) fn record_failure(
    conn: &mut DbConnection,
    attempt: &Attempt,
    reason: Option<&str>,
) -> AppResult<()> {
    crate::metrics::METRICS.sign_in_refused("failed");
    let mut event = Event::new("auth.login")
        .ip(&attempt.ip)
        .outcome(Outcome::Failure);
    event.actor_email = Some(attempt.email_key.clone());
    if let Some(reason) = reason {
        event = event.details(serde_json::json!({ "reason": reason }));
    }
    crate::db::write_transaction(conn, |conn| {
        audit::record(conn, event)?;
        login_failures::record(
            conn,
            &LoginFailure {
                id: new_id(),
                ip: attempt.ip.clone(),
                email_lower: attempt.email_key.clone(),
                failed_at: attempt.at,
                device: attempt.device.clone(),
            },
        )?;
        // Old rows are useless; trimming here keeps the table small without a timer.
        if rand::random::<u8>() == 0 {
            login_failures::purge_older_than(conn, attempt.at - Duration::days(1))?;
        }
        Ok(())
    })
}

/// A 429 (audited, counted) when a lock refuses this attempt.
pub(super) fn refuse_when_locked(conn: &mut DbConnection, attempt: &Attempt) -> AppResult<()> {
    let Some((lock, retry_after_secs)) = lockout(conn, attempt)? else {
        return Ok(());
    };
    let mut event = Event::new("auth.login")
        .ip(&attempt.ip)
        .outcome(Outcome::Denied)
        .details(serde_json::json!({ "throttled": lock }));
    event.actor_email = Some(attempt.email_key.clone());
    audit::record(conn, event)?;
    crate::metrics::METRICS.sign_in_refused("throttled");
    Err(AppError::TooManyRequests { retry_after_secs })
}
