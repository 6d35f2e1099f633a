//! Sign-in, session checks and sign-out.

use chrono::{DateTime, Duration, Utc};

use crate::auth::extractors::CurrentUser;
use crate::auth::tokens::new_id;
use crate::domain::{Email, OrgKind, Role};
use crate::error::{AppError, AppResult};
use crate::repo::models::{LoginFailure, Session};
use crate::repo::two_factor as two_factor_repo;
use crate::repo::{login_failures, sessions, users};
use crate::services::audit::{self, Event, Outcome};
use crate::services::two_factor::{self, SecondFactor};
use crate::state::AppState;

/// A session ends 12 hours after sign-in whatever happens.
pub const ABSOLUTE_LIFETIME: Duration = Duration::hours(12);
/// … and after 30 minutes without a request.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// `last_seen_at` is written at most this often, so reads stay reads.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// Failed sign-ins counted over this window …
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// … from one address before it gets 429,
pub const MAX_FAILURES_PER_IP: i64 = 20;
/// … and on one account.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;

pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// A two-factor code or a recovery code, for accounts with two-factor on.
    pub totp: Option<String>,
    pub ip: String,
    pub user_agent: Option<String>,
}

pub struct SignedIn {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: CurrentUser,
}

fn retry_after(oldest: Option<chrono::NaiveDateTime>, now: chrono::NaiveDateTime) -> u64 {
    oldest
        .map(|o| (o + FAILURE_WINDOW - now).num_seconds().max(1) as u64)
        .unwrap_or(FAILURE_WINDOW.num_seconds() as u64)
}

pub async fn login(state: &AppState, req: LoginRequest) -> AppResult<SignedIn> {
    // Control characters (NUL above all, which PostgreSQL refuses in text) never reach a query.
    let malformed = req.email.chars().any(char::is_control);
    let email_key: String = req
        .email
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_control())
        .take(320)
        .collect();
    if req.password.len() > 1024 {
        return Err(AppError::invalid_credentials());
    }
    let now = Utc::now().naive_utc();

    let (ip, key) = (req.ip.clone(), email_key.clone());
    let account = state
        .db(move |conn| {
            let since = now - FAILURE_WINDOW;
            let by_ip = login_failures::by_ip_since(conn, &ip, since)?;
            let by_account = login_failures::by_email_since(conn, &key, since)?;
            let throttled = if by_ip.count >= MAX_FAILURES_PER_IP {
                Some(retry_after(by_ip.oldest, now))
            } else if by_account.count >= MAX_FAILURES_PER_ACCOUNT {
                Some(retry_after(by_account.oldest, now))
            } else {
                None
            };
            if let Some(retry_after_secs) = throttled {
                let event = Event::new("auth.login").ip(&ip).outcome(Outcome::Denied);
                audit::record(
                    conn,
                    Event {
                        actor_email: Some(key.clone()),
                        ..event
                    },
                )?;
                return Err(AppError::TooManyRequests { retry_after_secs });
            }
            if malformed || Email::parse(&key).is_err() {
                return Ok(None);
            }
            Ok(users::find_by_email(conn, &key)?)
        })
        .await?;

    let usable = account.filter(|(u, o)| u.active && o.active && u.password_hash.is_some());
    let stored = usable.as_ref().and_then(|(u, _)| u.password_hash.clone());
    let ok = state.hasher.verify(req.password, stored).await?;

    let Some((user, org)) = usable.filter(|_| ok) else {
        let (ip, key) = (req.ip.clone(), email_key.clone());
        state
            .db(move |conn| record_failure(conn, &ip, &key, now, None))
            .await?;
        tracing::info!(ip = %req.ip, "failed sign-in");
        return Err(AppError::invalid_credentials());
    };

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
        ip: Some(req.ip.clone()),
        user_agent: req.user_agent.map(|ua| ua.chars().take(300).collect()),
    };
    let code = req
        .totp
        .map(|c| c.chars().take(64).collect::<String>())
        .filter(|c| !c.trim().is_empty());
    let (user_id, user_email, ip) = (user.id.clone(), user.email.clone(), req.ip.clone());
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
                login_failures::clear_for_email(conn, &email_key)?;
                sessions::insert(conn, &session)?;
                let mut event = audit::Event::new("auth.login")
                    .actor(&user_id, &user_email)
                    .ip(&ip)
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
                record_failure(conn, &ip, &email_key, now, Some(reason))?;
            }
            Ok(step)
        })
        .await?;
    let two_factor_on = match step {
        LoginStep::SignedIn { two_factor } => two_factor,
        LoginStep::TwoFactorRequired => {
            return Err(AppError::Unauthorized {
                code: "totp_required",
                message: "this account needs a two-factor code".into(),
            })
        }
        LoginStep::TwoFactorRejected(_) => {
            tracing::info!(ip = %req.ip, "failed sign-in (two-factor code)");
            return Err(AppError::Unauthorized {
                code: "invalid_totp",
                message: "the two-factor code is not right".into(),
            });
        }
    };
    let token = state.jwt.issue(&user.id, &session_id, issued, expires_at);
    tracing::info!(user = %user.id, "signed in");
    let current = CurrentUser::from_rows(session_id, user, org, two_factor_on)?;
    Ok(SignedIn {
        token,
        expires_at,
        user: current,
    })
}

enum LoginStep {
    SignedIn { two_factor: bool },
    TwoFactorRequired,
    TwoFactorRejected(SecondFactor),
}

/// A failed sign-in: audited, and counted for throttling by address and by account.
fn record_failure(
    conn: &mut crate::db::DbConnection,
    ip: &str,
    email_key: &str,
    now: chrono::NaiveDateTime,
    reason: Option<&str>,
) -> AppResult<()> {
    let mut event = Event::new("auth.login").ip(ip).outcome(Outcome::Failure);
    event.actor_email = Some(email_key.to_string());
    if let Some(reason) = reason {
        event = event.details(serde_json::json!({ "reason": reason }));
    }
    crate::db::write_transaction(conn, |conn| {
        audit::record(conn, event)?;
        login_failures::record(
            conn,
            &LoginFailure {
                id: new_id(),
                ip: ip.to_string(),
                email_lower: email_key.to_string(),
                failed_at: now,
            },
        )?;
        // Old rows are useless; trimming here keeps the table small without a timer.
        if rand::random::<u8>() == 0 {
            login_failures::purge_older_than(conn, now - Duration::days(1))?;
        }
        Ok(())
    })
}

/// Checks the token's signature and claims, then its session row: present, not revoked, not
/// past its absolute or idle limit, and its user and organisation active.
pub async fn authenticate(state: &AppState, token: &str) -> AppResult<CurrentUser> {
    let claims = state
        .jwt
        .verify(token)
        .ok_or_else(AppError::unauthenticated)?;
    state
        .db(move |conn| {
            let now = Utc::now().naive_utc();
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
        })
        .await
}

pub async fn logout(state: &AppState, session_id: String) -> AppResult<()> {
    state
        .db(move |conn| Ok(sessions::revoke(conn, &session_id, Utc::now().naive_utc())?))
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
        let role = Role::parse(&user.role)
            .ok_or_else(|| AppError::internal("unknown role in database"))?;
        let org_kind = OrgKind::parse(&org.kind)
            .ok_or_else(|| AppError::internal("unknown kind in database"))?;
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
            organisation_kind: org_kind,
            two_factor,
            two_factor_required: two_factor::required(role, org.require_totp),
        })
    }
}
