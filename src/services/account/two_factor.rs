//! Two-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of clock
//! drift either way) and ten single-use recovery codes. A code is accepted once: the account
//! remembers the last time step it accepted and refuses that step and earlier ones. Secrets are
//! stored sealed (`auth::totp_keys`): the plain base32 exists only in memory while a code is
//! checked or set-up shows it.

use chrono::{NaiveDateTime, Utc};
use rand::RngCore;
use serde::Serialize;
use totp_rs::{Algorithm, Secret, TOTP};
use utoipa::ToSchema;

use crate::auth::tokens::token_hash;
use crate::auth::totp_keys::TotpKeys;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::now;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::{sessions, two_factor};
use crate::services::audit::{self, Event};

const STEP_SECONDS: u64 = 30;
const DIGITS: usize = 6;
pub(super) const RECOVERY_CODES: usize = 10;
/// Recovery codes are drawn from this alphabet (no 0/o, 1/l/i look-alikes).
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

fn totp(secret_base32: &str, issuer: &str, account: &str) -> AppResult<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_string())
        .to_bytes()
        .map_err(|_| AppError::internal("stored TOTP secret is not base32"))?;
    Ok(TOTP::new_unchecked(
        Algorithm::SHA1,
        DIGITS,
        1,
        STEP_SECONDS,
        bytes,
        Some(issuer.replace(':', " ")),
        account.replace(':', " "),
    ))
}

/// A new random secret of 160 bits, base32 as authenticator apps expect.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(s) => s,
        Secret::Raw(_) => unreachable!("to_encoded returns an encoded secret"),
    }
}

/// The issuer shown in authenticator apps: the portal's host name.
pub fn issuer(public_url: &str) -> String {
    url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "portal".into())
}

pub fn otpauth_uri(secret_base32: &str, issuer: &str, account: &str) -> AppResult<String> {
    Ok(totp(secret_base32, issuer, account)?.get_url())
}

/// The otpauth URI as an SVG QR code, drawn by the server.
pub fn qr_svg(uri: &str) -> AppResult<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).map_err(AppError::internal)?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build())
}

/// Digits only (people type spaces); anything else is not a TOTP code.
pub(super) fn normalise_code(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

pub(super) fn normalise_recovery(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The code for a moment (for tests, and for `oathtool`-like checks).
pub fn code_at(secret_base32: &str, unix_time: u64) -> AppResult<String> {
    Ok(totp(secret_base32, "portal", "check")?.generate(unix_time))
}

/// Turns two-factor on with a given secret, without a confirmation code: for demo accounts
/// (whose secret is printed) and tests. No recovery codes are made.
pub fn enable_with_secret(
    conn: &mut DbConnection,
    keys: &TotpKeys,
    user_id: &str,
    secret: &str,
) -> AppResult<()> {
    let now = now();
    let sealed = keys.seal(user_id, secret);
    two_factor::set_pending(conn, user_id, &sealed)?;
    if two_factor::enable(conn, user_id, &sealed, 0, now)? != 1 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The time step the code belongs to, if it is right for now (± one step).
pub fn matching_step(secret_base32: &str, code: &str, unix_now: u64) -> AppResult<Option<i64>> {
    let Some(code) = normalise_code(code) else {
        return Ok(None);
    };
    let totp = totp(secret_base32, "portal", "check")?;
    let now_step = unix_now / STEP_SECONDS;
    let mut found = None;
    // Every candidate is computed and compared, so the time taken says nothing.
    for step in [now_step.saturating_sub(1), now_step, now_step + 1] {
        if same(&totp.generate(step * STEP_SECONDS), &code) {
            found = Some(step as i64);
        }
    }
    Ok(found)
}

pub(super) fn unix_now() -> u64 {
    Utc::now().timestamp().max(0) as u64
}

/// The account's secret out of its stored (sealed) form. One that does not open (the key
/// changed, or the value was altered or copied from another account) refuses every code: the
/// cause is logged for the operator, the caller learns only that codes cannot be checked.
pub fn open_secret(keys: &TotpKeys, user_id: &str, stored: &str) -> AppResult<String> {
    keys.open(user_id, stored).map_err(|e| {
        tracing::error!(
            user = %user_id,
            key = %keys.current_id(),
            "{e}; check PORTAL_TOTP_KEY and PORTAL_TOTP_PREVIOUS_KEYS"
        );
        AppError::Unauthorized {
            code: ErrorCode::TotpUnavailable,
            message: "two-factor codes cannot be checked for this account now; sign in with a \
                      recovery code or ask an administrator"
                .into(),
        }
    })
}

/// Checks a sign-in's second factor: a TOTP code not used before, or an unused recovery code
/// (which is then spent). Runs inside the caller's write transaction. `stored_secret` is the
/// sealed value; a recovery code is checked without opening it.
pub fn check_second_factor(
    conn: &mut DbConnection,
    keys: &TotpKeys,
    user_id: &str,
    stored_secret: &str,
    code: &str,
    now: NaiveDateTime,
) -> AppResult<SecondFactor> {
    if normalise_code(code).is_some() {
        let secret_base32 = open_secret(keys, user_id, stored_secret)?;
        return Ok(match matching_step(&secret_base32, code, unix_now())? {
            Some(step) if two_factor::advance_step(conn, user_id, step)? == 1 => SecondFactor::Totp,
            Some(_) => SecondFactor::Replayed,
            None => SecondFactor::Wrong,
        });
    }
    let recovery = normalise_recovery(code);
    if recovery.len() < 8 || recovery.len() > 32 {
        return Ok(SecondFactor::Wrong);
    }
    Ok(
        if two_factor::use_recovery_code(conn, user_id, &token_hash(&recovery), now)? == 1 {
            SecondFactor::RecoveryCode
        } else {
            SecondFactor::Wrong
        },
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    Totp,
    RecoveryCode,
    Replayed,
    Wrong,
}

impl SecondFactor {
    pub fn accepted(self) -> bool {
        matches!(self, SecondFactor::Totp | SecondFactor::RecoveryCode)
    }
}

pub(super) fn new_recovery_code() -> String {
    let mut bytes = [0u8; 10];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    // 31 symbols, 10 of them: ~49.5 bits each, far beyond guessing within the sign-in limits.
    let chars: String = bytes
        .iter()
        .map(|b| RECOVERY_ALPHABET[*b as usize % RECOVERY_ALPHABET.len()] as char)
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SetupStart {
    /// The shared secret, base32, for typing into an authenticator app.
    pub secret: String,
    /// The same secret as an `otpauth://` URI (what the QR code holds).
    pub otpauth_uri: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecoveryCodes {
    /// Shown once; each signs in once in place of a code.
    pub recovery_codes: Vec<String>,
}

/// The user's two-factor state while it is not on yet; 409 once it is.
fn not_set_up(conn: &mut DbConnection, user_id: &str) -> AppResult<two_factor::TotpState> {
    let state = two_factor::state(conn, user_id)?;
    if state.enabled() {
        return Err(AppError::Conflict("two-factor is already set up".into()));
    }
    Ok(state)
}

/// Starts (or resumes) set-up: the pending secret, created when there is none. Refused when
/// two-factor is already on (an administrator resets it).
pub fn start_setup(
    conn: &mut DbConnection,
    keys: &TotpKeys,
    user_id: &str,
    email: &str,
    issuer: &str,
) -> AppResult<SetupStart> {
    write_transaction(conn, |conn| {
        let state = not_set_up(conn, user_id)?;
        // A pending secret that no longer opens (the key changed) is replaced: set-up starts
        // again with a new one.
        let pending = state
            .pending_secret
            .and_then(|stored| keys.open(user_id, &stored).ok());
        let secret = match pending {
            Some(s) => s,
            None => {
                let s = new_secret();
                two_factor::set_pending(conn, user_id, &keys.seal(user_id, &s))?;
                s
            }
        };
        let otpauth_uri = otpauth_uri(&secret, issuer, email)?;
        Ok(SetupStart {
            secret,
            otpauth_uri,
        })
    })
}

/// Confirms set-up with a code from the app: two-factor is on, and ten new recovery codes are
/// returned (stored hashed, never shown again).
pub fn confirm_setup(
    conn: &mut DbConnection,
    keys: &TotpKeys,
    user_id: &str,
    email: &str,
    ip: &str,
    code: &str,
) -> AppResult<RecoveryCodes> {
    write_transaction(conn, |conn| {
        let state = not_set_up(conn, user_id)?;
        let no_setup =
            || AppError::invalid(ErrorCode::NoSetup, "start the two-factor set-up first");
        let pending = state.pending_secret.ok_or_else(no_setup)?;
        let secret = keys.open(user_id, &pending).map_err(|_| no_setup())?;
        let step = matching_step(&secret, code, unix_now())?.ok_or_else(|| {
            AppError::invalid(
                ErrorCode::InvalidCode,
                "the code is not right; try the current one",
            )
        })?;
        let now = now();
        if two_factor::enable(conn, user_id, &pending, step, now)? != 1 {
            return Err(AppError::Conflict("the set-up changed; start again".into()));
        }
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
        let hashes: Vec<String> = codes
            .iter()
            .map(|c| token_hash(&normalise_recovery(c)))
            .collect();
        two_factor::replace_recovery_codes(conn, user_id, &hashes, now)?;
        audit::record(
            conn,
            Event::new("account.totp_enabled")
                .actor(user_id, email)
                .ip(ip)
                .target("user", user_id),
        )?;
        Ok(RecoveryCodes {
            recovery_codes: codes,
        })
    })
}

/// An administrator takes two-factor off an account (lost phone): secret and recovery codes
/// go, every session ends; the next sign-in sets it up again where it is required.
pub fn reset(conn: &mut DbConnection, user_id: &str, event: Event) -> AppResult<()> {
    write_transaction(conn, |conn| {
        let now = now();
        if two_factor::clear(conn, user_id, now)? == 0 {
            return Err(AppError::NotFound);
        }
        sessions::revoke_all_for_user(conn, user_id, now)?;
        audit::record(conn, event)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_their_step_only() {
        let secret = new_secret();
        let t = totp(&secret, "portal", "a@b.c").unwrap();
        let now = 1_800_000_000u64;
        let code = t.generate(now);
        assert_eq!(
            matching_step(&secret, &code, now).unwrap(),
            Some((now / 30) as i64)
        );
        assert_eq!(
            matching_step(&secret, &code, now + 30).unwrap(),
            Some((now / 30) as i64)
        );
        assert_eq!(matching_step(&secret, &code, now + 90).unwrap(), None);
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(matching_step(&secret, &spaced, now).unwrap().is_some());
        assert_eq!(matching_step(&secret, "12345", now).unwrap(), None);
        assert_eq!(matching_step(&secret, "abcdef", now).unwrap(), None);
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalise() {
        let a = new_recovery_code();
        assert_eq!(a.len(), 11);
        assert_ne!(a, new_recovery_code());
        assert_eq!(normalise_recovery(&a.to_uppercase()), a.replace('-', ""));
    }

    #[test]
    fn uri_and_qr() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        let uri = otpauth_uri(&secret, "portal.example.org", "ana@example.org").unwrap();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains(&secret));
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.contains("<svg"));
    }
}
