//! Sign-in, session checks and sign-out.

pub mod password_reset;
mod second_step;
mod throttle;

pub use second_step::{sign_in_with_code, CodeRequest};

use chrono::{DateTime, Duration, Utc};

use crate::auth::device::DeviceKey;
use crate::auth::extractors::CurrentUser;
use crate::auth::jwt::{Claims, TokenKind};
use crate::auth::tokens::new_id;
use crate::db::DbConnection;
use crate::domain::time::now;
use crate::domain::Email;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::models::Session;
use crate::repo::two_factor as two_factor_repo;
use crate::repo::{login_failures, sessions, users};
use crate::services::account::two_factor::{self, SecondFactor};
use crate::services::audit;
use crate::state::AppState;

/// A session ends 12 hours after sign-in whatever happens.
pub const ABSOLUTE_LIFETIME: Duration = Duration::hours(12);
/// … and after 30 minutes without a request.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// `last_seen_at` is written at most this often, so reads stay reads.
const TOUCH_EVERY: Duration = Duration::seconds(60);

use throttle::{record_failure, refuse_when_locked, Attempt};
pub use throttle::{
    FAILURE_WINDOW, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ACCOUNT_AND_IP,
    MAX_FAILURES_PER_DEVICE, MAX_FAILURES_PER_IP,
};

pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// A two-factor code or a recovery code, for accounts with two-factor on.
    pub totp: Option<String>,
    pub ip: String,
    pub user_agent: Option<String>,
    /// The `__Host-portal_device` cookie the client sent, unchecked.
    pub device_cookie: Option<String>,
    /// Where the token will be used: an API bearer token or a page's session cookie.
    pub kind: TokenKind,
}

pub struct SignedIn {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: CurrentUser,
    /// A new device cookie for this client (`auth::device::cookie`).
    pub device_cookie: String,
}

/// The address as looked up: trimmed, lower-cased, without control characters, at most 320
/// characters.
pub(crate) fn email_key(email: &str) -> String {
    email
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_control())
        .take(320)
        .collect()
}

/// Signs in with a password, and the second factor when the account has two-factor on: the
/// API's one request. An account that needs a code and was given none is a 401
/// `totp_required`.
pub async fn login(state: &AppState, req: LoginRequest) -> AppResult<SignedIn> {
    match sign_in(state, req).await? {
        Step::SignedIn(signed_in) => Ok(*signed_in),
        Step::CodeNeeded { .. } => Err(AppError::Unauthorized {
            code: ErrorCode::TotpRequired,
            message: "this account needs a two-factor code".into(),
        }),
    }
}

/// Where a sign-in stands: done, or the password was right and the account's second factor
/// is asked for next, with the challenge that stands for the checked password
/// ([`sign_in_with_code`]).
pub enum Step {
    SignedIn(Box<SignedIn>),
    CodeNeeded { challenge: String },
}

/// The pages' sign-in: the password (and a code if one was typed); an account with two-factor
/// on and no code typed gets [`Step::CodeNeeded`].
pub async fn sign_in(state: &AppState, req: LoginRequest) -> AppResult<Step> {
    // Control characters (NUL above all, which PostgreSQL refuses in text) never reach a query.
    let malformed = req.email.chars().any(char::is_control);
    let email_key = email_key(&req.email);
    if req.password.len() > 1024 {
        return Err(AppError::invalid_credentials());
    }
    let now = now();

    let device_key = DeviceKey::derive(state.settings.jwt_secret());
    let presented = req
        .device_cookie
        .as_deref()
        .and_then(|v| device_key.verify(v));

    let (ip, key) = (req.ip.clone(), email_key.clone());
    let (account, attempt) = state
        .db(move |conn| {
            let account = if malformed || Email::parse(&key).is_err() {
                None
            } else {
                users::find_by_email(conn, &key)?
            };
            // A device cookie counts only for the account it was issued to.
            let device = presented
                .filter(|d| account.as_ref().is_some_and(|(u, _)| u.id == d.user_id))
                .map(|d| d.nonce);
            let attempt = Attempt {
                ip: ip.clone(),
                email_key: key.clone(),
                device,
                at: now,
            };
            refuse_when_locked(conn, &attempt)?;
            Ok((account, attempt))
        })
        .await?;
    let usable = account.filter(|(u, o)| u.active && o.active && u.password_hash.is_some());
    let stored = usable.as_ref().and_then(|(u, _)| u.password_hash.clone());
    let ok = state.hasher.verify(req.password, stored).await?;

    let Some((user, org)) = usable.filter(|_| ok) else {
        state
            .db(move |conn| record_failure(conn, &attempt, None))
            .await?;
        tracing::info!(ip = %req.ip, "failed sign-in");
        return Err(AppError::invalid_credentials());
    };

    let passed = Passed {
        user,
        org,
        attempt,
        ip: req.ip,
        user_agent: req.user_agent,
        kind: req.kind,
    };
    finish(state, passed, req.totp).await
}

/// A sign-in whose password (or challenge) passed: who, and how they came.
struct Passed {
    user: crate::repo::models::User,
    org: crate::repo::models::Organisation,
    attempt: Attempt,
    ip: String,
    user_agent: Option<String>,
    kind: TokenKind,
}

/// Checks the second factor (when the account has it on) and opens the session.
async fn finish(state: &AppState, passed: Passed, code: Option<String>) -> AppResult<Step> {
    let Passed {
        user,
        org,
        attempt,
        ip,
        user_agent,
        kind,
    } = passed;
    let now = attempt.at;
    let device_key = DeviceKey::derive(state.settings.jwt_secret());
    let session_id = new_id();
    let issued = Utc::now();
    let expires_at = issued + ABSOLUTE_LIFETIME;
    let session = Session {
        id: session_id.clone(),
        user_id: user.id.clone(),
        created_at: issued.naive_utc(),
        last_seen_at: issued.naive_utc(),
        expires_at: expires_at.naive_utc(),
        revoked_at: None,
        ip: Some(ip.clone()),
        user_agent: user_agent.map(|ua| ua.chars().take(300).collect()),
    };
    let code = code
        .map(|c| c.chars().take(64).collect::<String>())
        .filter(|c| !c.trim().is_empty());
    let (user_id, user_email, client) = (user.id.clone(), user.email.clone(), ip.clone());
    let sid = session_id.clone();
    let keys = state.settings.totp_keys.clone();
    let step = state
        .db(move |conn| {
            let totp = two_factor_repo::state(conn, &user_id)?;
            let secret = totp.secret.filter(|_| totp.enabled_at.is_some());
            let step = crate::db::write_transaction(conn, |conn| {
                let mut used = None;
                if let Some(secret) = &secret {
                    let Some(code) = &code else {
                        return Ok(LoginStep::TwoFactorRequired);
                    };
                    let result =
                        two_factor::check_second_factor(conn, &keys, &user_id, secret, code, now)?;
                    if !result.accepted() {
                        return Ok(LoginStep::TwoFactorRejected(result));
                    }
                    used = Some(result);
                }
                let (key, device) = (&attempt.email_key, attempt.device.as_deref());
                login_failures::clear_for_client(conn, key, &attempt.ip, device)?;
                sessions::insert(conn, &session)?;
                let mut event = audit::Event::new("auth.login")
                    .actor(&user_id, &user_email)
                    .ip(&client)
                    .target("session", &sid);
                if used == Some(SecondFactor::RecoveryCode) {
                    event = event.details(serde_json::json!({"second_factor": "recovery_code"}));
                }
                audit::record(conn, event)?;
                Ok::<_, AppError>(LoginStep::SignedIn {
                    two_factor: secret.is_some(),
                })
            })?;
            if let LoginStep::TwoFactorRejected(result) = step {
                let reason = if result == SecondFactor::Replayed {
                    "totp_replayed"
                } else {
                    "totp_wrong"
                };
                record_failure(conn, &attempt, Some(reason))?;
            }
            Ok(step)
        })
        .await?;
    let two_factor_on = match step {
        LoginStep::SignedIn { two_factor } => two_factor,
        LoginStep::TwoFactorRequired => {
            let challenge = second_step::challenge(state, &user);
            return Ok(Step::CodeNeeded { challenge });
        }
        LoginStep::TwoFactorRejected(_) => {
            tracing::info!(ip = %ip, "failed sign-in (two-factor code)");
            return Err(AppError::Unauthorized {
                code: ErrorCode::InvalidTotp,
                message: "the two-factor code is not right".into(),
            });
        }
    };
    let token = state
        .jwt
        .issue(kind, &user.id, &session_id, issued, expires_at);
    let device_cookie = device_key.issue(&user.id);
    tracing::info!(user = %user.id, "signed in");
    let current = CurrentUser::from_rows(session_id, user, org, two_factor_on)?;
    Ok(Step::SignedIn(Box::new(SignedIn {
        token,
        expires_at,
        user: current,
        device_cookie,
    })))
}

enum LoginStep {
    SignedIn { two_factor: bool },
    TwoFactorRequired,
    TwoFactorRejected(SecondFactor),
}

/// Checks the token's signature and claims, then its session row ([`session_user`]). A token
/// of another `kind` (a page's cookie sent as a bearer token, or the reverse) is refused.
pub async fn authenticate(
    state: &AppState,
    token: &str,
    kind: TokenKind,
) -> AppResult<CurrentUser> {
    let claims = verify_token(state, token, kind)?;
    state.db(move |conn| session_user(conn, &claims)).await
}

/// The claims of a token of `kind` whose signature, issuer, audience and times hold (no
/// database: its session is still to be checked with [`session_user`]).
pub fn verify_token(state: &AppState, token: &str, kind: TokenKind) -> AppResult<Claims> {
    state
        .jwt
        .verify(kind, token)
        .ok_or_else(AppError::unauthenticated)
}

/// The user of verified `claims` if their session row is live: present, not revoked, not past
/// its absolute or idle limit, and its user and organisation active. Every request checks it.
pub fn session_user(conn: &mut DbConnection, claims: &Claims) -> AppResult<CurrentUser> {
    let now = now();
    let (session, user, org, totp_enabled_at) =
        sessions::find_with_user(conn, &claims.jti, &claims.sub)?
            .ok_or_else(AppError::unauthenticated)?;
    let live = session.revoked_at.is_none()
        && session.expires_at > now
        && session.last_seen_at + IDLE_TIMEOUT > now
        && user.active
        && org.active;
    if !live {
        return Err(AppError::unauthenticated());
    }
    if now - session.last_seen_at > TOUCH_EVERY {
        sessions::touch(conn, &session.id, now)?;
    }
    CurrentUser::from_rows(session.id, user, org, totp_enabled_at.is_some())
}

pub async fn logout(state: &AppState, session_id: String) -> AppResult<()> {
    state
        .db(move |conn| Ok(sessions::revoke(conn, &session_id, now())?))
        .await?;
    Ok(())
}

impl CurrentUser {
    pub fn from_rows(
        session_id: String,
        user: crate::repo::models::User,
        org: crate::repo::models::Organisation,
        two_factor: bool,
    ) -> AppResult<Self> {
        let role = user.role;
        Ok(CurrentUser {
            id: user.id,
            session_id,
            email: user.email,
            name: user.name,
            role,
            language: user.language,
            organisation_id: org.id,
            organisation_code: org.code,
            organisation_name: org.name,
            organisation_kind: org.kind,
            two_factor,
            two_factor_required: crate::access::account::two_factor_required(
                role,
                org.require_totp,
            ),
        })
    }
}
