//! `/account`: the signed-in user's password, sessions and two-factor set-up.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::{CsrfForm, CsrfProtected};
use crate::auth::{CurrentUser, PageUser, PageUserSettingUp};
use crate::auth::{PageCaller, PageCallerSettingUp};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::two_factor as two_factor_repo;
use crate::services::account::two_factor;
use crate::services::account::{self, PasswordChange};
use crate::state::AppState;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::{page_context, render, see_other};

#[derive(Deserialize)]
pub struct Notice {
    done: Option<String>,
}

#[derive(Serialize)]
struct Row {
    id: String,
    created: String,
    last_seen: String,
    ip: String,
    device: String,
    current: bool,
}

async fn render_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    status: StatusCode,
    notice: Option<&str>,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let list = account::sessions(state, user).await?;
    let rows: Vec<Row> = list
        .items
        .into_iter()
        .map(|s| Row {
            id: s.id,
            created: s.created_at.format("%Y-%m-%d %H:%M").to_string(),
            last_seen: s.last_seen_at.format("%Y-%m-%d %H:%M").to_string(),
            ip: s.ip.unwrap_or_default(),
            device: s.user_agent.unwrap_or_default().chars().take(80).collect(),
            current: s.current,
        })
        .collect();
    let mut ctx = page_context(req, state, Some(user));
    ctx.insert("sessions", &rows);
    ctx.insert("notice", &notice);
    ctx.insert("error", &error);
    render(state, status, "account.html", &ctx)
}

#[get("/account")]
pub async fn account_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    q: web::Query<Notice>,
) -> AppResult<HttpResponse> {
    let notice = match q.done.as_deref() {
        Some("password") => Some("account-password-changed"),
        Some("session") => Some("account-session-ended"),
        _ => None,
    };
    render_page(&req, &state, &user.0, StatusCode::OK, notice, None).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    csrf_token: String,
    current_password: String,
    new_password: String,
    new_password_confirm: String,
}

impl CsrfProtected for PasswordForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

#[post("/account/password")]
pub async fn password_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    form: CsrfForm<PasswordForm>,
) -> AppResult<HttpResponse> {
    let (user, form) = (caller.user, form.0);
    if form.new_password != form.new_password_confirm {
        let msg = crate::i18n::text(
            crate::i18n::request_language(&req, user.language.as_deref()),
            "set-password-mismatch",
        );
        return render_page(
            &req,
            &state,
            &user,
            StatusCode::BAD_REQUEST,
            None,
            Some(msg),
        )
        .await;
    }
    let ip = caller.ip;
    let change = PasswordChange {
        current_password: form.current_password,
        new_password: form.new_password,
    };
    let new_password = change.new_password.clone();
    match account::change_password(&state, &user, ip, change).await {
        Ok(()) => Ok(see_other("/account?done=password")),
        Err(AppError::BadRequest { code, .. }) => {
            // Refused: say which rule in the reader's language (the check runs again only on
            // this path, off the workers).
            let problem = web::block(move || crate::domain::password_policy::check(&new_password))
                .await?
                .err();
            let key = match (code, problem) {
                (ErrorCode::WeakPassword, Some(p)) => p.key(),
                _ => "account-wrong-password",
            };
            let message = crate::i18n::text(
                crate::i18n::request_language(&req, user.language.as_deref()),
                key,
            );
            render_page(
                &req,
                &state,
                &user,
                StatusCode::BAD_REQUEST,
                None,
                Some(message),
            )
            .await
        }
        Err(other) => Err(other),
    }
}

#[post("/account/sessions/{id}/end")]
pub async fn end_session_submit(
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let ip = caller.ip;
    account::end_session(&state, &caller.user, ip, id.into_inner()).await?;
    Ok(see_other("/account?done=session"))
}

/// `/account/two-factor`: set-up (QR code, secret, confirmation by a code) or its status.
/// Accounts that must set up two-factor are sent here by every other page.
#[get("/account/two-factor")]
pub async fn two_factor_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUserSettingUp,
) -> AppResult<HttpResponse> {
    render_two_factor(&req, &state, &user.0, StatusCode::OK, None).await
}

async fn render_two_factor(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    status: StatusCode,
    error: Option<&str>,
) -> AppResult<HttpResponse> {
    let mut ctx = page_context(req, state, Some(user));
    ctx.insert("required", &user.must_set_up_two_factor());
    ctx.insert("error", &error);
    let user_id = user.id.clone();
    if user.two_factor {
        let (since, left) = state
            .db(move |conn| {
                let since = two_factor_repo::state(conn, &user_id)?.enabled_at;
                let left = two_factor_repo::unused_recovery_codes(conn, &user_id)?;
                Ok((since, left))
            })
            .await?;
        ctx.insert("enabled", &true);
        ctx.insert(
            "enabled_since",
            &since
                .map(|s| s.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        );
        ctx.insert("recovery_left", &left);
    } else {
        let (email, issuer, keys) = (
            user.email.clone(),
            two_factor::issuer(&state.settings.public_url),
            state.settings.totp_keys.clone(),
        );
        let start = state
            .db(move |conn| two_factor::start_setup(conn, &keys, &user_id, &email, &issuer))
            .await?;
        ctx.insert("enabled", &false);
        ctx.insert("qr_svg", &two_factor::qr_svg(&start.otpauth_uri)?);
        // Shown in groups of four, as authenticator apps accept it and people read it.
        let grouped: Vec<String> = start
            .secret
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        ctx.insert("secret", &grouped.join(" "));
    }
    let mut response = render(state, status, "account/two_factor.html", &ctx)?;
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

#[derive(Deserialize)]
pub struct TwoFactorForm {
    csrf_token: String,
    code: String,
}

impl CsrfProtected for TwoFactorForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

#[post("/account/two-factor")]
pub async fn two_factor_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCallerSettingUp,
    form: CsrfForm<TwoFactorForm>,
) -> AppResult<HttpResponse> {
    let user = caller.user;
    let ip = caller.ip;
    let (user_id, email, code) = (user.id.clone(), user.email.clone(), form.0.code);
    let keys = state.settings.totp_keys.clone();
    match state
        .db(move |conn| two_factor::confirm_setup(conn, &keys, &user_id, &email, &ip, &code))
        .await
    {
        Ok(codes) => {
            let user = CurrentUser {
                two_factor: true,
                ..user
            };
            let mut ctx = page_context(&req, &state, Some(&user));
            ctx.insert("recovery_codes", &codes.recovery_codes);
            let mut response = render(&state, StatusCode::OK, "account/two_factor.html", &ctx)?;
            response.headers_mut().insert(
                actix_web::http::header::CACHE_CONTROL,
                actix_web::http::header::HeaderValue::from_static("no-store"),
            );
            Ok(response)
        }
        Err(AppError::BadRequest { .. }) => {
            render_two_factor(
                &req,
                &state,
                &user,
                StatusCode::BAD_REQUEST,
                Some("tf-wrong-code"),
            )
            .await
        }
        Err(AppError::Conflict(_)) => Ok(see_other("/account/two-factor")),
        Err(other) => Err(other),
    }
}
