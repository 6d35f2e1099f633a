//! The States' pages: the index by regional group, one State's page, and the way to one's
//! own State's page.

use actix_web::http::header;
use actix_web::web::Path;
use actix_web::{get, HttpResponse};

use crate::access::dashboard::own_state as own_state_of;
use crate::auth::PageCaller;
use crate::error::AppResult;
use crate::services::states;
use crate::web::common::render::see_other;

/// The page's language (the context's, which the request and the user's choice decide).
fn language(ctx: &tera::Context) -> String {
    ctx.get("lang")
        .and_then(|v| v.as_str())
        .unwrap_or("en")
        .to_string()
}

#[get("/states")]
pub async fn index(caller: PageCaller) -> AppResult<HttpResponse> {
    let mut ctx = caller.context();
    let lang = language(&ctx);
    let groups = caller
        .db(move |conn, _, _| states::index(conn, &lang))
        .await?;
    ctx.insert("groups", &groups);
    ctx.insert("own_state", &own_state_of(&caller.actor));
    caller.render("states/index.html", &ctx)
}

/// A Member State's users land on their own State's page; others on the index.
#[get("/states/mine")]
pub async fn own_state(caller: PageCaller) -> AppResult<HttpResponse> {
    Ok(see_other(match own_state_of(&caller.actor) {
        Some(code) => format!("/states/{code}"),
        None => "/states".to_string(),
    }))
}

#[get("/states/{code}")]
pub async fn show(caller: PageCaller, code: Path<String>) -> AppResult<HttpResponse> {
    let code = code.into_inner();
    let mut ctx = caller.context();
    let lang = language(&ctx);
    let asked = code.clone();
    let page = caller
        .db(move |conn, user, _| states::read(conn, user, &asked, &lang))
        .await?;
    if page.code != code {
        // One address per State: the canonical code, upper case.
        return Ok(HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, format!("/states/{}", page.code)))
            .finish());
    }
    ctx.insert("state", &page);
    caller.render("states/show.html", &ctx)
}
