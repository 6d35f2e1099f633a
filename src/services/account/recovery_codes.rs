//! New recovery codes for an account whose two-factor sign-in is on: the owner proves it is
//! them with their password or a current code (not a recovery code: those are what is being
//! replaced), the old codes stop working in the same transaction, the ten new ones are shown
//! once, and both the change and a refused proof are audited.

use crate::auth::tokens::token_hash;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::now;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::{two_factor as repo, users};
use crate::services::audit::{self, Event, Outcome};
use crate::state::AppState;

use super::two_factor::{
    matching_step, new_recovery_code, normalise_code, normalise_recovery, open_secret, unix_now,
    RecoveryCodes, RECOVERY_CODES,
};

const ACTION: &str = "account.recovery_codes";

fn refused() -> AppError {
    AppError::invalid(
        ErrorCode::WrongPassword,
        "give your password or a current two-factor code",
    )
}

/// Replaces the caller's recovery codes after checking `proof`: a six-digit code is checked
/// as a TOTP code (once only, like at sign-in), anything else as the password.
pub async fn regenerate(
    state: &AppState,
    user: &CurrentUser,
    ip: String,
    proof: String,
) -> AppResult<RecoveryCodes> {
    let by_code = normalise_code(&proof).is_some();
    let password_ok = if by_code || proof.is_empty() || proof.len() > 1024 {
        None
    } else {
        let user_id = user.id.clone();
        let stored = state
            .db(move |conn| Ok(users::password_hash(conn, &user_id)?))
            .await?;
        Some(state.hasher.verify(proof.clone(), stored).await?)
    };
    let keys = state.settings.totp_keys.clone();
    let (owner, at) = (user.clone(), ip.clone());
    let result = state
        .db(move |conn| {
            let (user, ip) = (owner, at);
            write_transaction(conn, |conn| {
                let totp = repo::state(conn, &user.id)?;
                let Some(stored) = totp.secret.filter(|_| totp.enabled_at.is_some()) else {
                    return Err(AppError::invalid(
                        ErrorCode::NoSetup,
                        "two-factor sign-in is not on for this account",
                    ));
                };
                let proven = match password_ok {
                    Some(ok) => ok,
                    None if by_code => {
                        let secret = open_secret(&keys, &user.id, &stored)?;
                        match matching_step(&secret, &proof, unix_now())? {
                            Some(step) => repo::advance_step(conn, &user.id, step)? == 1,
                            None => false,
                        }
                    }
                    None => false,
                };
                if !proven {
                    return Ok(None);
                }
                Ok(Some(replace_codes(conn, &user, &ip)?))
            })
        })
        .await?;
    match result {
        Some(codes) => Ok(codes),
        None => {
            let (user_id, email) = (user.id.clone(), user.email.clone());
            let event = Event::new(ACTION)
                .actor(&user_id, &email)
                .ip(&ip)
                .target("user", &user_id)
                .outcome(Outcome::Failure);
            state
                .db(move |conn| Ok(audit::record(conn, event)?))
                .await?;
            Err(refused())
        }
    }
}

fn replace_codes(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
) -> AppResult<RecoveryCodes> {
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| token_hash(&normalise_recovery(c)))
        .collect();
    repo::replace_recovery_codes(conn, &user.id, &hashes, now())?;
    audit::record(
        conn,
        Event::new(ACTION)
            .actor(&user.id, &user.email)
            .ip(ip)
            .target("user", &user.id),
    )?;
    Ok(RecoveryCodes {
        recovery_codes: codes,
    })
}
