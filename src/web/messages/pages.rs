//! The messaging pages: inbox, thread, compose, reply and the mail preference. They work
//! without JavaScript; every form carries the CSRF token.

use actix_web::http::{header, StatusCode};
use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::messages::may_post;
use crate::auth::csrf::CsrfForm;
use crate::auth::{PageCaller, PageEntrant};
use crate::domain::values::MailMode;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::repo::mail_preferences;
use crate::services::messages::{self, NewThread};
use crate::state::AppState;
use crate::web::common::organisations::codes_typed;
use crate::web::common::render::see_other;

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
pub async fn inbox(entrant: PageEntrant, q: Query<InboxQuery>) -> actix_web::Result<HttpResponse> {
    let (saved, page) = (q.saved.is_some(), PageParams::new(q.0.cursor, Some(50)));
    let (caller, (page, mode)) = entrant
        .db(move |conn, user, _| {
            let page = messages::inbox(conn, user, &page)?;
            Ok((page, mail_preferences::mail_mode(conn, &user.id)?))
        })
        .await?;
    let mut ctx = caller.context();
    ctx.insert("unread_count", &page.unread_total);
    ctx.insert("inbox", &page);
    ctx.insert("may_post", &may_post(&caller.actor).is_ok());
    ctx.insert("mail_mode", &mode);
    if saved {
        ctx.insert("notice", "messages-mail-saved");
    }
    Ok(caller.render("messages/inbox.html", &ctx)?)
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
    to_working_groups: String,
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

/// The context of a messaging page: the unread count in the navigation is up to date.
async fn messages_context(caller: &PageCaller) -> AppResult<tera::Context> {
    let mut ctx = caller.context();
    ctx.insert(
        "unread_count",
        &unread_count(&caller.state, &caller.user.id).await?,
    );
    Ok(ctx)
}

async fn compose_page(
    caller: &PageCaller,
    form: &ComposeForm,
    status: StatusCode,
    error: Option<(&str, String)>,
) -> AppResult<HttpResponse> {
    let mut ctx = messages_context(caller).await?;
    caller.insert_organisation_picker(&mut ctx).await?;
    ctx.insert("form", form);
    if let Some((key, detail)) = error {
        ctx.insert("error", key);
        ctx.insert("detail", &detail);
    }
    caller.render_status(status, "messages/compose.html", &ctx)
}

#[get("/messages/new")]
pub async fn compose(caller: PageCaller) -> AppResult<HttpResponse> {
    may_post(&caller.actor)?;
    let form = ComposeForm {
        restricted: Some("on".into()),
        ..Default::default()
    };
    compose_page(&caller, &form, StatusCode::OK, None).await
}

/// A refused post as a page message (status, translation key, detail), or the error itself.
fn page_problem(err: AppError) -> Result<(StatusCode, String, String, Option<u64>), AppError> {
    match err {
        // What the code means, translated; the service's own words are for the API.
        err @ AppError::BadRequest { .. } => Ok((
            StatusCode::BAD_REQUEST,
            err.code().message_key(),
            String::new(),
            None,
        )),
        AppError::TooManyRequests { retry_after_secs } => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            "messages-error-rate".to_string(),
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
    caller: PageCaller,
    form: CsrfForm<ComposeForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let mut new = NewThread {
        subject: form.subject.clone(),
        to_users: split_list(&form.to_users),
        to_organisations: Vec::new(),
        to_working_groups: split_list(&form.to_working_groups),
        body: form.body.clone(),
        restricted: form.restricted.is_some(),
    };
    let organisations = form.to_organisations.clone();
    let created = caller
        .db(move |conn, user, _| {
            // Organisations may be typed by name as well as by code.
            new.to_organisations = split_list(&codes_typed(conn, &organisations)?);
            messages::create_thread(conn, user, new)
        })
        .await;
    match created {
        Ok(id) => Ok(see_other(format!("/messages/{id}"))),
        Err(err) => {
            let (status, key, detail, retry) = page_problem(err)?;
            let page = compose_page(&caller, &form, status, Some((&key, detail))).await?;
            Ok(with_retry_after(page, retry))
        }
    }
}

async fn thread_page(
    caller: &PageCaller,
    thread_id: String,
    status: StatusCode,
    reply: Option<(&str, &str)>,
) -> AppResult<HttpResponse> {
    let detail = caller
        .db(move |conn, user, _| messages::open_thread(conn, user, &thread_id))
        .await?;
    let mut ctx = messages_context(caller).await?;
    ctx.insert("thread", &detail);
    ctx.insert("may_post", &may_post(&caller.actor).is_ok());
    let (error, body) = reply.unwrap_or(("", ""));
    if !error.is_empty() {
        ctx.insert("error", error);
    }
    ctx.insert("body", body);
    caller.render_status(status, "messages/thread.html", &ctx)
}

#[get("/messages/{id}")]
pub async fn thread(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    thread_page(&caller, id.into_inner(), StatusCode::OK, None).await
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
    caller: PageCaller,
    id: Path<String>,
    form: CsrfForm<ReplyForm>,
) -> AppResult<HttpResponse> {
    let (thread_id, body) = (id.into_inner(), form.0.body);
    let (id, text) = (thread_id.clone(), body.clone());
    let replied = caller
        .db(move |conn, user, _| messages::reply(conn, user, &id, &text))
        .await;
    match replied {
        Ok(message_id) => Ok(see_other(format!("/messages/{thread_id}#m-{message_id}"))),
        Err(err) => {
            let (status, key, _, retry) = page_problem(err)?;
            let page = thread_page(&caller, thread_id, status, Some((&key, &body))).await?;
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
    caller: PageCaller,
    form: CsrfForm<MailPreferenceForm>,
) -> AppResult<HttpResponse> {
    let mode =
        form.0.mail_mode.parse::<MailMode>().map_err(|_| {
            AppError::invalid(ErrorCode::InvalidMailMode, "choose immediate or digest")
        })?;
    caller
        .redirect(move |conn, user, _| {
            mail_preferences::set_mail_mode(conn, &user.id, mode)?;
            Ok("/messages?saved=1".into())
        })
        .await
}
