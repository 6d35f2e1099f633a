//! The dashboard: what the signed-in user has to hand.

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::auth::PageUser;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::common::render::{page_context, render};

#[get("/")]
pub async fn dashboard(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
) -> AppResult<HttpResponse> {
    let user = user.0;
    let scope = crate::services::content::scope(&user);
    let (reports, open_needs) = state
        .db(move |conn| {
            Ok((
                crate::repo::reports::count_visible(conn, &scope)?,
                crate::repo::needs::count_open_visible(conn, &scope)?,
            ))
        })
        .await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    ctx.insert("report_count", &reports);
    ctx.insert("open_need_count", &open_needs);
    ctx.insert(
        "unread_count",
        &crate::web::messages::pages::unread_count(&state, &user.id).await?,
    );
    ctx.insert("role_key", &format!("role-{}", user.role));
    ctx.insert("org_kind_key", &format!("kind-{}", user.organisation_kind));
    render(&state, StatusCode::OK, "dashboard.html", &ctx)
}
