//! The dashboard: by role, what waits for the signed-in user and what changed since their
//! previous visit (`services::dashboard`).

use actix_web::{get, HttpResponse};

use crate::auth::PageEntrant;
use crate::services::dashboard as board;

#[get("/")]
pub async fn dashboard(entrant: PageEntrant) -> actix_web::Result<HttpResponse> {
    let state = entrant.state.clone();
    let (caller, (board, at_risk)) = entrant
        .db(move |conn, user, _| {
            Ok((
                board::read(conn, user, &state.need_figures)?,
                crate::services::plans::at_risk(conn, user)?,
            ))
        })
        .await?;
    let user = &caller.user;
    let mut ctx = caller.context();
    ctx.insert("unread_count", &board.unread_count);
    ctx.insert("report_count", &board.report_count);
    ctx.insert("open_need_count", &board.open_need_count);
    ctx.insert("coverage", &board.coverage);
    ctx.insert("role_key", &format!("role-{}", user.role));
    ctx.insert("org_kind_key", &format!("kind-{}", user.organisation_kind));
    ctx.insert(
        "at_risk",
        &crate::web::plans::at_risk::at_risk_block(at_risk),
    );
    ctx.insert("dashboard", &board);
    // The areas with what each holds (the navigation's areas, described).
    ctx.insert("areas", &crate::web::common::render::navigation(Some(user)));
    Ok(caller.render("dashboard.html", &ctx)?)
}
