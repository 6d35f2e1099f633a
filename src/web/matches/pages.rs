//! HTML pages for matches: what waits for me (`/matches`), and the forms that propose, accept,
//! decline and complete a match (no JavaScript; each post answers with a redirect back).

use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::PageCaller;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::PageParams;
use crate::services::matches::{self, MatchQuery, MatchStatus, NewMatch};
use crate::web::common::api::Answer;
use crate::web::common::render::{safe_next, see_other};
use crate::web::projects::pages::{project_page, EnteredProposal};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct MatchListForm {
    /// `1`: every match the caller may see, not only what waits for them.
    #[serde(default)]
    all: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

#[get("/matches")]
pub async fn list_page(caller: PageCaller, f: Query<MatchListForm>) -> AppResult<HttpResponse> {
    let all = f.all == "1";
    let query = MatchQuery {
        waiting: (!all).then(|| "me".to_string()),
        page: PageParams::html(&f.cursor),
        ..MatchQuery::default()
    };
    let page = caller
        .db(move |conn, user, _| matches::list(conn, user, query))
        .await?;
    let (pairs, next) = ([("all", f.all.as_str())], page.next_cursor.as_deref());
    let mut ctx = caller.list_context("/matches", &pairs, next, &page.items, &f.0);
    ctx.insert("match_items", &page.items);
    ctx.insert("all", &all);
    ctx.insert("back", "/matches");
    caller.render("matches/list.html", &ctx)
}

#[derive(Debug, Deserialize)]
pub struct ProposeForm {
    csrf_token: String,
    project_id: String,
    /// A need id typed in; wins over the choice from the list.
    #[serde(default)]
    need_id: String,
    #[serde(default)]
    need_choice: String,
    #[serde(default)]
    note: String,
}
csrf_protected!(ProposeForm);

/// Proposes a match, then back to the project page; a refused proposal (a bad note: 400, the
/// pair already matched: 409) shows the project page again with the reason and what was
/// entered.
#[post("/matches/new")]
pub async fn propose_submit(
    caller: PageCaller,
    form: CsrfForm<ProposeForm>,
) -> AppResult<HttpResponse> {
    let f = form.0;
    let need_id = Some(f.need_id.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or(f.need_choice.trim())
        .to_string();
    let project_id = f.project_id.trim().to_string();
    let input = NewMatch {
        need_id,
        project_id: project_id.clone(),
        note: f.note.clone(),
    };
    let result = caller
        .db(move |conn, user, ip| matches::propose(conn, user, ip, input))
        .await;
    let problem = match result {
        Ok(_) => return Ok(see_other(format!("/projects/{project_id}"))),
        Err(AppError::BadRequest { message, .. }) => (StatusCode::BAD_REQUEST, message),
        Err(AppError::Conflict(message)) => (StatusCode::CONFLICT, message),
        Err(other) => return Err(other),
    };
    let entered = EnteredProposal {
        need_choice: f.need_choice,
        need_id: f.need_id,
        note: f.note,
    };
    project_page(&caller, project_id, Some(problem), entered).await
}

#[derive(Debug, Deserialize)]
pub struct MoveForm {
    csrf_token: String,
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}
csrf_protected!(MoveForm);

#[post("/matches/{id}")]
pub fn move_submit(caller: PageCaller, id: Path<String>, form: CsrfForm<MoveForm>) -> Answer {
    let f = form.0;
    let status = f.status.trim().parse::<MatchStatus>().map_err(|_| {
        AppError::invalid(
            ErrorCode::InvalidField,
            "status is accepted, declined or completed",
        )
    });
    let reason = Some(f.reason).filter(|r| !r.trim().is_empty());
    // Back to the portal page the form came from (a local path only).
    let back = Some(f.back.as_str())
        .filter(|b| !b.is_empty())
        .map_or("/matches".into(), |b| safe_next(Some(b)));
    caller.redirect(move |conn, user, ip| {
        let patch = matches::MatchPatch {
            status: status?,
            reason,
        };
        matches::transition(conn, user, ip, &id, patch)?;
        Ok(back)
    })
}
