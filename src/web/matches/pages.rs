//! HTML pages for matches: what waits for me (`/matches`), and the forms that propose, accept,
//! decline and complete a match (no JavaScript; each post answers with a redirect back).

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::{PageCaller, PageUser};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::PageParams;
use crate::services::matches::{self, MatchQuery, MatchStatus, NewMatch};
use crate::state::AppState;
use crate::web::common::lists::next_url;
use crate::web::common::render::{page_context, render, see_other};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct MatchListForm {
    /// `1`: every match the caller may see, not only what waits for them.
    #[serde(default)]
    all: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

#[get("/matches")]
pub async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    f: web::Query<MatchListForm>,
) -> AppResult<HttpResponse> {
    let (user, f) = (user.0, f.into_inner());
    let all = f.all == "1";
    let query = MatchQuery {
        waiting: (!all).then(|| "me".to_string()),
        page: PageParams::html(&f.cursor),
        ..MatchQuery::default()
    };
    let viewer = user.clone();
    let page = state
        .db(move |conn| matches::list(conn, &viewer, query))
        .await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    let pairs = [("all", f.all.as_str())];
    ctx.insert(
        "next_url",
        &next_url("/matches", &pairs, page.next_cursor.as_deref()),
    );
    ctx.insert("match_items", &page.items);
    ctx.insert("all", &all);
    ctx.insert("back", "/matches");
    render(&state, StatusCode::OK, "matches/list.html", &ctx)
}

/// Where a form post returns: the page it came from, if it is one of the portal's own.
fn back_to(back: &str, fallback: String) -> String {
    let ours = ["/matches", "/needs/", "/projects/"];
    let safe = back
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/-_?=&".contains(c));
    if safe && ours.iter().any(|p| back.starts_with(p)) {
        back.to_string()
    } else {
        fallback
    }
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

#[post("/matches/new")]
pub async fn propose_submit(
    state: web::Data<AppState>,
    caller: PageCaller,
    form: CsrfForm<ProposeForm>,
) -> AppResult<HttpResponse> {
    let (user, ip, f) = (caller.user, caller.ip, form.0);
    let need_id = Some(f.need_id.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or(f.need_choice.trim())
        .to_string();
    let project_id = f.project_id.trim().to_string();
    let input = NewMatch {
        need_id,
        project_id: project_id.clone(),
        note: f.note,
    };
    state
        .db(move |conn| matches::propose(conn, &user, &ip, input))
        .await?;
    Ok(see_other(format!("/projects/{project_id}")))
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
pub async fn move_submit(
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    form: CsrfForm<MoveForm>,
) -> AppResult<HttpResponse> {
    let (user, ip, id, f) = (caller.user, caller.ip, id.into_inner(), form.0);
    let status: MatchStatus = f.status.trim().parse().map_err(|_| {
        AppError::invalid(
            ErrorCode::InvalidField,
            "status is accepted, declined or completed",
        )
    })?;
    let reason = Some(f.reason).filter(|r| !r.trim().is_empty());
    let patch = matches::MatchPatch { status, reason };
    state
        .db(move |conn| matches::transition(conn, &user, &ip, &id, patch))
        .await?;
    Ok(see_other(back_to(&f.back, "/matches".into())))
}
