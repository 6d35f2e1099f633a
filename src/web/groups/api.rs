//! `/api/v1/working-groups`: the groups, their members and their spaces.

use actix_web::web::{Json, Path};
use actix_web::{delete, get, post, HttpResponse};

use crate::auth::{ApiCaller, ApiEntrant};
use crate::error::{AppResult, ErrorBody};
use crate::services::groups::{self, GroupDetail, GroupSummary, MemberView, NewGroup, NewMember};
use crate::web::common::api::Answer;

/// Every working group with its number of member organisations.
#[utoipa::path(tag = "groups", security(("bearer" = [])),
    responses((status = 200, body = Vec<GroupSummary>), (status = 401, body = ErrorBody)))]
#[get("/working-groups")]
pub fn list_groups(caller: ApiEntrant) -> Answer {
    caller.ok(|conn, _, _| groups::list(conn))
}

/// Adds a working group (coordinators).
#[utoipa::path(tag = "groups", request_body = NewGroup, security(("bearer" = [])),
    responses((status = 201, body = GroupSummary), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/working-groups")]
pub fn create_group(caller: ApiEntrant, body: Json<NewGroup>) -> Answer {
    caller.created(move |conn, user, ip| groups::create(conn, user, ip, body.0))
}

/// A group: its members, its upcoming activities, and the documents and threads addressed to
/// it that the caller may see.
#[utoipa::path(tag = "groups", security(("bearer" = [])),
    responses((status = 200, body = GroupDetail), (status = 404, body = ErrorBody)))]
#[get("/working-groups/{code}")]
pub fn get_group(caller: ApiEntrant, code: Path<String>) -> Answer {
    caller.ok(move |conn, user, _| groups::read(conn, user, &code))
}

/// Adds an organisation to the group or changes its role (coordinators and the chair's focal
/// points); answers the members.
#[utoipa::path(tag = "groups", request_body = NewMember, security(("bearer" = [])),
    responses((status = 200, body = Vec<MemberView>), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[post("/working-groups/{code}/members")]
pub fn put_member(caller: ApiEntrant, code: Path<String>, body: Json<NewMember>) -> Answer {
    caller.ok(move |conn, user, ip| groups::put_member(conn, user, ip, &code, body.0))
}

/// Removes an organisation from the group: its users lose what is addressed to the group.
#[utoipa::path(tag = "groups", security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[delete("/working-groups/{code}/members/{organisation}")]
pub async fn remove_member(
    caller: ApiCaller,
    path: Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (code, organisation) = path.into_inner();
    caller
        .db(move |conn, user, ip| groups::remove_member(conn, user, ip, &code, &organisation))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
