//! The messaging pages: inbox, thread, compose, reply and the mail preference. They work
//! without JavaScript; every form carries the CSRF token.

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::{CurrentUser, PageUser};
use crate::domain::values::MailMode;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::repo::mail_preferences;
use crate::services::messages::{self, NewThread};
use crate::state::AppState;
use crate::web::common::render::{page_context, render, see_other};

/// The navigation badge: unread messages of the signed-in user.
pub async fn unread_count(state: &AppState, user_id: &str) -> AppResult<i64> {
    let user_id = user_id.to_string();
    state
        .db(move |conn| messages::unread_total(conn, &user_id))
        .await
}

#[derive(Deserialize)]
pub struct InboxQuery {
    cursor: Option<String>,
    saved: Option<String>,
}

#[get("/messages")]
pub async fn inbox(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    q: web::Query<InboxQuery>,
) -> AppResult<HttpResponse> {
    let user = user.0;
    let q = q.into_inner();
    let reader = user.clone();
    let (page, mode) = state
        .db(move |conn| {
            let page = messages::inbox(conn, &reader, &PageParams::new(q.cursor, Some(50)))?;
            Ok((page, mail_preferences::mail_mode(conn, &reader.id)?))
        })
        .await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    ctx.insert("unread_count", &page.unread_total);
    ctx.insert("inbox", &page);
    ctx.insert("mail_mode", &mode);
    if q.saved.is_some() {
        ctx.insert("notice", "messages-mail-saved");
    }
    render(&state, StatusCode::OK, "messages/inbox.html", &ctx)
}

#[derive(Deserialize, Serialize, Default)]
pub struct ComposeForm {
    #[serde(skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    to_users: String,
    #[serde(default)]
    to_organisations: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    restricted: Option<String>,
}
csrf_protected!(ComposeForm);

fn split_list(raw: &str) -> Vec<String> {
    raw.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

async fn compose_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    form: &ComposeForm,
    status: StatusCode,
    error: Option<(&str, String)>,
) -> AppResult<HttpResponse> {
    let organisations = state
        .db(|conn| Ok(crate::repo::messages::organisation_directory(conn)?))
        .await?;
    let mut ctx = page_context(req, state, Some(user));
    ctx.insert("unread_count", &unread_count(state, &user.id).await?);
    ctx.insert("organisations", &organisations);
    ctx.insert("form", form);
    if let Some((key, detail)) = error {
        ctx.insert("error", key);
        ctx.insert("detail", &detail);
    }
    render(state, status, "messages/compose.html", &ctx)
}

#[get("/messages/new")]
pub async fn compose(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
) -> AppResult<HttpResponse> {
    crate::access::messages::may_post(&user.0.actor())?;
    let form = ComposeForm {
        restricted: Some("on".into()),
        ..Default::default()
    };
    compose_page(&req, &state, &user.0, &form, StatusCode::OK, None).await
}

/// A refused post as a page message (status, translation key, detail), or the error itself.
fn page_problem(
    err: AppError,
) -> Result<(StatusCode, &'static str, String, Option<u64>), AppError> {
    match err {
        AppError::BadRequest { message, .. } => {
            Ok((StatusCode::BAD_REQUEST, "messages-error", message, None))
        }
        AppError::TooManyRequests { retry_after_secs } => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            "messages-error-rate",
            String::new(),
            Some(retry_after_secs),
        )),
        other => Err(other),
    }
}

fn with_retry_after(mut res: HttpResponse, retry: Option<u64>) -> HttpResponse {
    if let Some(secs) = retry {
        res.headers_mut().insert(header::RETRY_AFTER, secs.into());
    }
    res
}

#[post("/messages/new")]
pub async fn compose_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    form: CsrfForm<ComposeForm>,
) -> AppResult<HttpResponse> {
    let user = user.0;
    let form = form.0;
    let new = NewThread {
        subject: form.subject.clone(),
        to_users: split_list(&form.to_users),
        to_organisations: split_list(&form.to_organisations),
        body: form.body.clone(),
        restricted: form.restricted.is_some(),
    };
    let author = user.clone();
    match state
        .db(move |conn| messages::create_thread(conn, &author, new))
        .await
    {
        Ok(id) => Ok(see_other(format!("/messages/{id}"))),
        Err(err) => {
            let (status, key, detail, retry) = page_problem(err)?;
            let page =
                compose_page(&req, &state, &user, &form, status, Some((key, detail))).await?;
            Ok(with_retry_after(page, retry))
        }
    }
}

async fn thread_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    thread_id: String,
    status: StatusCode,
    reply: Option<(&str, &str)>,
) -> AppResult<HttpResponse> {
    let reader = user.clone();
    let detail = state
        .db(move |conn| messages::open_thread(conn, &reader, &thread_id))
        .await?;
    let mut ctx = page_context(req, state, Some(user));
    ctx.insert("unread_count", &unread_count(state, &user.id).await?);
    ctx.insert("thread", &detail);
    ctx.insert(
        "may_post",
        &crate::access::messages::may_post(&user.actor()).is_ok(),
    );
    let (error, body) = reply.unwrap_or(("", ""));
    if !error.is_empty() {
        ctx.insert("error", error);
    }
    ctx.insert("body", body);
    render(state, status, "messages/thread.html", &ctx)
}

#[get("/messages/{id}")]
pub async fn thread(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    thread_page(
        &req,
        &state,
        &user.0,
        path.into_inner(),
        StatusCode::OK,
        None,
    )
    .await
}

#[derive(Deserialize)]
pub struct ReplyForm {
    csrf_token: String,
    #[serde(default)]
    body: String,
}
csrf_protected!(ReplyForm);

#[post("/messages/{id}")]
pub async fn reply_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    form: CsrfForm<ReplyForm>,
) -> AppResult<HttpResponse> {
    let user = user.0;
    let thread_id = path.into_inner();
    let body = form.0.body;
    let (author, id, text) = (user.clone(), thread_id.clone(), body.clone());
    match state
        .db(move |conn| messages::reply(conn, &author, &id, &text))
        .await
    {
        Ok(message_id) => Ok(see_other(format!("/messages/{thread_id}#m-{message_id}"))),
        Err(err) => {
            let (status, key, _, retry) = page_problem(err)?;
            let page =
                thread_page(&req, &state, &user, thread_id, status, Some((key, &body))).await?;
            Ok(with_retry_after(page, retry))
        }
    }
}

#[derive(Deserialize)]
pub struct MailPreferenceForm {
    csrf_token: String,
    mail_mode: String,
}
csrf_protected!(MailPreferenceForm);

#[post("/messages/preferences")]
pub async fn mail_preference(
    state: web::Data<AppState>,
    user: PageUser,
    form: CsrfForm<MailPreferenceForm>,
) -> AppResult<HttpResponse> {
    let mode =
        form.0.mail_mode.parse::<MailMode>().map_err(|_| {
            AppError::invalid(ErrorCode::InvalidMailMode, "choose immediate or digest")
        })?;
    let user_id = user.0.id;
    state
        .db(move |conn| Ok(mail_preferences::set_mail_mode(conn, &user_id, mode)?))
        .await?;
    Ok(see_other("/messages?saved=1"))
}
