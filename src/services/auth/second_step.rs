//! The pages' second step of a sign-in: after the password, the two-factor code on a page of
//! its own, so that a code forgotten or mistyped never costs the password typed.
//!
//! Between the two steps the browser holds a challenge: a token signed with the server's key
//! (audience `portal-sign-in-code`) naming the account and a fingerprint of its password hash,
//! valid for five minutes. It opens no session; it stands for the password only while that
//! password is the account's (a changed or removed password ends it). Codes tried with it are
//! throttled and audited exactly as codes sent with the password.

use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};

use super::throttle::{refuse_when_locked, Attempt};
use super::{email_key, finish, Passed, Step};
use crate::auth::device::DeviceKey;
use crate::auth::jwt::TokenKind;
use crate::domain::time::now;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::models::User;
use crate::repo::users;
use crate::state::AppState;

/// How long the code may take after the password.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(5);

/// The second step's form, as the browser sends it back.
pub struct CodeRequest {
    pub challenge: String,
    /// A two-factor code or a recovery code; blank asks again.
    pub code: Option<String>,
    pub ip: String,
    pub user_agent: Option<String>,
    pub device_cookie: Option<String>,
}

fn fingerprint(password_hash: Option<&str>) -> String {
    let digest = Sha256::digest(password_hash.unwrap_or_default().as_bytes());
    hex::encode(&digest[..16])
}

/// The challenge of an account whose password was just checked.
pub(super) fn challenge(state: &AppState, user: &User) -> String {
    let issued = Utc::now();
    let print = fingerprint(user.password_hash.as_deref());
    state.jwt.issue(
        TokenKind::SignInCode,
        &user.id,
        &print,
        issued,
        issued + CHALLENGE_LIFETIME,
    )
}

/// The 401 of a challenge that is not (or no longer) good: sign in again.
fn expired() -> AppError {
    AppError::Unauthorized {
        code: ErrorCode::InvalidToken,
        message: "the sign-in took too long; sign in again".into(),
    }
}

/// Goes on with a sign-in from its challenge and the code typed.
pub async fn sign_in_with_code(state: &AppState, req: CodeRequest) -> AppResult<Step> {
    let claims = state
        .jwt
        .verify(TokenKind::SignInCode, &req.challenge)
        .ok_or_else(expired)?;
    let device_key = DeviceKey::derive(state.settings.jwt_secret());
    let presented = req
        .device_cookie
        .as_deref()
        .and_then(|v| device_key.verify(v));
    let ip = req.ip.clone();
    let (user, org, attempt) = state
        .db(move |conn| {
            let (user, org) =
                users::find_with_organisation(conn, &claims.sub)?.ok_or_else(expired)?;
            let usable = user.active
                && org.active
                && user.password_hash.is_some()
                && fingerprint(user.password_hash.as_deref()) == claims.jti;
            if !usable {
                return Err(expired());
            }
            let attempt = Attempt {
                ip,
                email_key: email_key(&user.email),
                device: presented.filter(|d| d.user_id == user.id).map(|d| d.nonce),
                at: now(),
            };
            refuse_when_locked(conn, &attempt)?;
            Ok((user, org, attempt))
        })
        .await?;
    let passed = Passed {
        user,
        org,
        attempt,
        ip: req.ip,
        user_agent: req.user_agent,
        kind: TokenKind::Page,
    };
    finish(state, passed, req.code).await
}
