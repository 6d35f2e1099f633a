//! Sign-in, sign-out and set-password pages.

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::device;
use crate::auth::extractors::{expired_session_cookie, optional_page_user, session_cookie};
use crate::auth::jwt::TokenKind;
use crate::auth::ClientMeta;
use crate::auth::PageUserSettingUp;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::services::{self, admin::account_creation};
use crate::state::AppState;
use crate::web::auth::api::login_request;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::{page_context, render, safe_next, see_other};

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    done: Option<String>,
}

#[get("/login")]
pub async fn login_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<LoginQuery>,
) -> AppResult<HttpResponse> {
    if optional_page_user(&req).await.is_some() {
        return Ok(see_other(safe_next(q.next.as_deref())));
    }
    let mut ctx = page_context(&req, &state, None);
    ctx.insert("next", &safe_next(q.next.as_deref()));
    ctx.insert("email", "");
    if q.done.is_some() {
        ctx.insert("notice", "login-password-set");
    }
    render(&state, StatusCode::OK, "login.html", &ctx)
}

#[derive(Deserialize)]
pub struct LoginForm {
    csrf_token: String,
    email: String,
    password: String,
    #[serde(default)]
    totp: Option<String>,
    next: Option<String>,
}
csrf_protected!(LoginForm, signed_out);

#[post("/login")]
pub async fn login_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    client: ClientMeta,
    form: CsrfForm<LoginForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let next = safe_next(form.next.as_deref());
    let (email, password, totp) = (form.email.clone(), form.password, form.totp);
    let request = login_request(&req, client.ip, email, password, totp, TokenKind::Page);
    let result = services::auth::login(&state, request).await;
    match result {
        Ok(signed_in) => {
            let max_age = (signed_in.expires_at - chrono::Utc::now()).num_seconds();
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, next))
                .cookie(session_cookie(signed_in.token, max_age))
                .cookie(device::cookie(signed_in.device_cookie))
                .finish())
        }
        Err(err @ (AppError::Unauthorized { .. } | AppError::TooManyRequests { .. })) => {
            let mut ctx = page_context(&req, &state, None);
            ctx.insert("next", &next);
            ctx.insert("email", form.email.trim());
            let error = match err.code() {
                ErrorCode::TotpRequired => "login-totp-required",
                ErrorCode::InvalidTotp => "login-totp-wrong",
                ErrorCode::TotpUnavailable => "login-totp-unavailable",
                _ => "login-failed",
            };
            ctx.insert("error", error);
            ctx.insert("totp_focus", &error.starts_with("login-totp"));
            let mut response = if let AppError::TooManyRequests { retry_after_secs } = err {
                ctx.insert("retry_minutes", &retry_after_secs.div_ceil(60));
                let mut r = render(&state, StatusCode::TOO_MANY_REQUESTS, "login.html", &ctx)?;
                r.headers_mut()
                    .insert(header::RETRY_AFTER, retry_after_secs.into());
                r
            } else {
                render(&state, StatusCode::UNAUTHORIZED, "login.html", &ctx)?
            };
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

#[post("/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    user: PageUserSettingUp,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    services::auth::logout(&state, user.0.session_id).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/login"))
        .cookie(expired_session_cookie())
        .finish())
}

/// A new password from a form with its repetition: hashed, or the translation key of what is
/// wrong with it.
pub async fn new_password_hash(
    state: &AppState,
    password: String,
    repeated: &str,
) -> AppResult<Result<String, &'static str>> {
    if password != repeated {
        return Ok(Err("set-password-mismatch"));
    }
    Ok(state.hasher.hash_new(password).await?.map_err(|p| p.key()))
}

/// `set_password.html` serves both the invitation link and the reset link.
fn set_password_context(req: &HttpRequest, state: &AppState) -> tera::Context {
    let mut ctx = page_context(req, state, None);
    ctx.insert("title_key", "set-password-title");
    ctx.insert("form_action", "/set-password");
    ctx
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

#[get("/set-password")]
pub async fn set_password_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> AppResult<HttpResponse> {
    let token = q.into_inner().token.unwrap_or_default();
    let lookup = token.clone();
    let valid = !token.is_empty()
        && state
            .db(move |conn| account_creation::user_for_token(conn, &lookup))
            .await?
            .is_some();
    let mut ctx = set_password_context(&req, &state);
    ctx.insert("invalid", &!valid);
    ctx.insert("token", &token);
    render(
        &state,
        if valid {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        },
        "set_password.html",
        &ctx,
    )
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    csrf_token: String,
    token: String,
    password: String,
    password_confirm: String,
}
csrf_protected!(SetPasswordForm, signed_out);

#[post("/set-password")]
pub async fn set_password_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CsrfForm<SetPasswordForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let hash = match new_password_hash(&state, form.password, &form.password_confirm).await? {
        Ok(hash) => hash,
        Err(error) => {
            let mut ctx = set_password_context(&req, &state);
            ctx.insert("invalid", &false);
            ctx.insert("token", &form.token);
            ctx.insert("error", error);
            return render(&state, StatusCode::BAD_REQUEST, "set_password.html", &ctx);
        }
    };
    let token = form.token;
    match state
        .db(move |conn| account_creation::set_password_with_token(conn, &token, &hash))
        .await
    {
        Ok(()) => Ok(see_other("/login?done=1")),
        Err(AppError::BadRequest {
            code: ErrorCode::InvalidToken,
            ..
        }) => {
            let mut ctx = set_password_context(&req, &state);
            ctx.insert("invalid", &true);
            render(&state, StatusCode::BAD_REQUEST, "set_password.html", &ctx)
        }
        Err(other) => Err(other),
    }
}
