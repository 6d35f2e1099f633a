//! `/password-reset`: ask for a link by e-mail, then choose a new password with it.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::{CsrfForm, CsrfProtected};
use crate::auth::ClientMeta;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::services::auth::password_reset;
use crate::state::AppState;
use crate::web::auth::pages::new_password_hash;
use crate::web::common::render::{page_context, render, see_other};

#[derive(Deserialize)]
pub struct SentQuery {
    sent: Option<String>,
}

#[get("/password-reset")]
pub async fn request_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<SentQuery>,
) -> AppResult<HttpResponse> {
    let mut ctx = page_context(&req, &state, None);
    ctx.insert("sent", &q.sent.is_some());
    render(&state, StatusCode::OK, "password_reset.html", &ctx)
}

#[derive(Deserialize)]
pub struct RequestForm {
    csrf_token: String,
    email: String,
}

impl CsrfProtected for RequestForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
    const SIGNED_OUT: bool = true;
}

/// Whatever the address, the browser lands on the same "check your mail" page.
#[post("/password-reset")]
pub async fn request_submit(
    state: web::Data<AppState>,
    client: ClientMeta,
    form: CsrfForm<RequestForm>,
) -> AppResult<HttpResponse> {
    let ip = client.ip;
    password_reset::request(&state, form.0.email, ip).await?;
    Ok(see_other("/password-reset?sent=1"))
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

fn confirm_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    token: Option<&str>,
    error: Option<&str>,
) -> AppResult<HttpResponse> {
    let mut ctx = page_context(req, state, None);
    ctx.insert("title_key", "reset-title");
    ctx.insert("form_action", "/password-reset/confirm");
    ctx.insert("again_href", "/password-reset");
    ctx.insert("invalid", &token.is_none());
    ctx.insert("token", token.unwrap_or_default());
    ctx.insert("error", &error);
    let mut response = render(state, status, "set_password.html", &ctx)?;
    // The token is in the address: keep the page out of caches and referrers.
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

#[get("/password-reset/confirm")]
pub async fn confirm_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> AppResult<HttpResponse> {
    let token = q.into_inner().token.unwrap_or_default();
    let lookup = token.clone();
    let valid = !token.is_empty()
        && token.len() <= 128
        && state
            .db(move |conn| password_reset::token_is_usable(conn, &lookup))
            .await?;
    if valid {
        confirm_page(&req, &state, StatusCode::OK, Some(&token), None)
    } else {
        confirm_page(&req, &state, StatusCode::BAD_REQUEST, None, None)
    }
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    csrf_token: String,
    token: String,
    password: String,
    password_confirm: String,
}

impl CsrfProtected for ConfirmForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
    const SIGNED_OUT: bool = true;
}

#[post("/password-reset/confirm")]
pub async fn confirm_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    client: ClientMeta,
    form: CsrfForm<ConfirmForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let hash = match new_password_hash(&state, form.password, &form.password_confirm).await? {
        Ok(hash) => hash,
        Err(error) => {
            return confirm_page(
                &req,
                &state,
                StatusCode::BAD_REQUEST,
                Some(&form.token),
                Some(error),
            )
        }
    };
    let ip = client.ip;
    let token = form.token;
    match state
        .db(move |conn| password_reset::confirm(conn, &token, &hash, &ip))
        .await
    {
        Ok(()) => Ok(see_other("/login?done=reset")),
        Err(AppError::BadRequest {
            code: ErrorCode::InvalidToken,
            ..
        }) => confirm_page(&req, &state, StatusCode::BAD_REQUEST, None, None),
        Err(other) => Err(other),
    }
}
