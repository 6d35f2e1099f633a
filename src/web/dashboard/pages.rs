//! The dashboard: by role, what waits for the signed-in user and what changed since their
//! previous visit (`services::dashboard`).

use actix_web::{get, HttpResponse};

use crate::auth::PageCaller;
use crate::error::AppResult;
use crate::services::dashboard as board;

#[get("/")]
pub async fn dashboard(caller: PageCaller) -> AppResult<HttpResponse> {
    let board = caller
        .db(move |conn, user, _| board::read(conn, user))
        .await?;
    let user = &caller.user;
    let mut ctx = caller.context();
    ctx.insert("unread_count", &board.unread_count);
    ctx.insert("report_count", &board.report_count);
    ctx.insert("open_need_count", &board.open_need_count);
    ctx.insert("coverage", &board.coverage);
    ctx.insert("role_key", &format!("role-{}", user.role));
    ctx.insert("org_kind_key", &format!("kind-{}", user.organisation_kind));
    // Measures at risk (issue 15, its own block): insert what `plans/at_risk.html` needs here.
    ctx.insert("dashboard", &board);
    caller.render("dashboard.html", &ctx)
}
