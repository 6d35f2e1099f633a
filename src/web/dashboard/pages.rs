//! The dashboard: what the signed-in user has to hand.

use actix_web::{get, HttpResponse};

use crate::access::coordination::sees_coverage;
use crate::auth::PageCaller;
use crate::error::AppResult;
use crate::services::coordination;

#[get("/")]
pub async fn dashboard(caller: PageCaller) -> AppResult<HttpResponse> {
    let (user, state) = (&caller.user, &caller.state);
    let scope = crate::services::content::scope(user);
    let with_coverage = sees_coverage(&caller.actor);
    let (reports, open_needs, coverage) = caller
        .db(move |conn, user, _| {
            let coverage = if with_coverage {
                Some(coordination::coverage(conn, user)?)
            } else {
                None
            };
            Ok((
                crate::repo::reports::count_visible(conn, &scope)?,
                crate::repo::needs::count_open_visible(conn, &scope)?,
                coverage,
            ))
        })
        .await?;
    let at_risk = caller
        .db(|c, u, _| crate::services::plans::at_risk(c, u))
        .await?;
    let mut ctx = caller.context();
    ctx.insert(
        "at_risk",
        &crate::web::plans::at_risk::at_risk_block(at_risk),
    );
    ctx.insert("report_count", &reports);
    ctx.insert("open_need_count", &open_needs);
    ctx.insert("coverage", &coverage);
    ctx.insert(
        "unread_count",
        &crate::web::messages::pages::unread_count(state, &user.id).await?,
    );
    ctx.insert("role_key", &format!("role-{}", user.role));
    ctx.insert("org_kind_key", &format!("kind-{}", user.organisation_kind));
    caller.render("dashboard.html", &ctx)
}
