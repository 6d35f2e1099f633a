//! `/groups` and `/groups/{code}`: the working groups, a group's space, and the membership
//! forms for those who manage it.

use crate::error::ErrorCode;
use crate::web::common::organisations;
use actix_web::http::StatusCode;
use actix_web::web::Path;
use actix_web::{get, post, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::PageCaller;
use crate::error::AppResult;
use crate::services::groups::{self, GroupRole, NewMember};
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::{refused_input, see_other};

#[derive(Debug, Deserialize)]
pub struct MemberForm {
    csrf_token: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    role: String,
}
csrf_protected!(MemberForm);

#[get("/groups")]
pub async fn list_page(caller: PageCaller) -> AppResult<HttpResponse> {
    let items = caller.db(|conn, _, _| groups::list(conn)).await?;
    let mut ctx = caller.context();
    ctx.insert("items", &items);
    caller.render("groups/list.html", &ctx)
}

async fn render_group(
    caller: &PageCaller,
    code: String,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let detail = caller
        .db(move |conn, user, _| groups::read(conn, user, &code))
        .await?;
    let mut ctx = caller.context();
    if detail.may_manage {
        caller.insert_organisation_picker(&mut ctx).await?;
    }
    ctx.insert("g", &detail);
    {
        use strum::VariantArray;
        ctx.insert("roles", GroupRole::VARIANTS);
    }
    let problem = error.map(|m| (StatusCode::BAD_REQUEST, m));
    caller.render_refused("groups/show.html", ctx, problem)
}

#[get("/groups/{code}")]
pub async fn show_page(caller: PageCaller, code: Path<String>) -> AppResult<HttpResponse> {
    render_group(&caller, code.into_inner(), None).await
}

/// Adds a member or changes its role; a refusal shows the page again with it.
#[post("/groups/{code}/members")]
pub async fn member_submit(
    caller: PageCaller,
    code: Path<String>,
    form: CsrfForm<MemberForm>,
) -> AppResult<HttpResponse> {
    let code = code.into_inner();
    let role = match form.0.role.trim() {
        "" => None,
        r => match r.parse::<GroupRole>() {
            Ok(role) => Some(role),
            Err(_) => {
                let message = crate::i18n::text(caller.lang, &ErrorCode::InvalidRole.message_key());
                return render_group(&caller, code, Some(message)).await;
            }
        },
    };
    let typed = form.0.organisation.clone();
    let target = code.clone();
    let result = caller
        .db(move |conn, user, ip| {
            // The organisation may be typed by name as well as by code.
            let organisation = organisations::resolve(&organisations::directory(conn)?, &typed)?;
            let input = NewMember { organisation, role };
            groups::put_member(conn, user, ip, &target, input)
        })
        .await;
    match refused_input(result, caller.lang)? {
        Ok(_) => Ok(see_other(format!("/groups/{code}"))),
        Err(message) => render_group(&caller, code, Some(message)).await,
    }
}

#[post("/groups/{code}/members/{organisation}/remove")]
pub async fn remove_submit(
    caller: PageCaller,
    path: Path<(String, String)>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let (code, organisation) = path.into_inner();
    let target = code.clone();
    caller
        .db(move |conn, user, ip| groups::remove_member(conn, user, ip, &target, &organisation))
        .await?;
    Ok(see_other(format!("/groups/{code}")))
}
