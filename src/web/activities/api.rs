//! `/api/v1/activities`: the shared calendar's activities and their clash warnings.

use actix_web::web::{Json, Path, Query};
use actix_web::{get, patch, post};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiEntrant;
use crate::error::ErrorBody;
use crate::pagination::PageParams;
use crate::services::activities::{
    self, ActivityDetail, ActivityPage, ActivityPatch, ActivityQuery, ActivitySaved,
    ActivityVersionView, Clash, ClashQuestion, NewActivity,
};
use crate::web::common::api::Answer;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ActivityListParams {
    /// A Member State's code.
    pub member_state: Option<String>,
    /// A regional group.
    pub region: Option<String>,
    /// A programme code.
    pub programme: Option<String>,
    /// `training`, `workshop`, `assessment_visit`, `consultation`, `conference`, `meeting`
    /// or `other`.
    pub kind: Option<String>,
    /// An organising organisation's code.
    pub organisation: Option<String>,
    /// `planned`, `confirmed`, `held` or `cancelled`.
    pub status: Option<String>,
    /// A working group's code.
    pub working_group: Option<String>,
    /// `YYYY-MM-DD`: activities ending on or after this day.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: activities starting on or before this day.
    pub to: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl From<ActivityListParams> for ActivityQuery {
    fn from(p: ActivityListParams) -> Self {
        ActivityQuery {
            member_state: p.member_state,
            region: p.region,
            programme: p.programme,
            kind: p.kind,
            organisation: p.organisation,
            status: p.status,
            working_group: p.working_group,
            from: p.from,
            to: p.to,
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ClashParams {
    /// `YYYY-MM-DD`.
    pub starts_on: Option<String>,
    /// `YYYY-MM-DD`.
    pub ends_on: Option<String>,
    pub member_state: Option<String>,
    pub programme: Option<String>,
    /// An activity being edited, left out of its own warnings.
    pub exclude: Option<String>,
}

/// Activities the caller may see, in start order.
#[utoipa::path(tag = "activities", params(ActivityListParams), security(("bearer" = [])),
    responses((status = 200, body = ActivityPage), (status = 400, body = ErrorBody)))]
#[get("/activities")]
pub fn list_activities(caller: ApiEntrant, q: Query<ActivityListParams>) -> Answer {
    caller.ok(move |conn, user, _| activities::list(conn, user, q.0.into()))
}

/// Creates an activity organised by the caller's organisation (and partners), with the clash
/// warnings of its days.
#[utoipa::path(tag = "activities", request_body = NewActivity, security(("bearer" = [])),
    responses((status = 201, body = ActivitySaved), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/activities")]
pub fn create_activity(caller: ApiEntrant, body: Json<NewActivity>) -> Answer {
    caller.created(move |conn, user, ip| activities::create(conn, user, ip, body.0))
}

/// What would clash with an activity on these days, in this State or programme (a form's
/// preview); names only activities the caller may see.
#[utoipa::path(tag = "activities", params(ClashParams), security(("bearer" = [])),
    responses((status = 200, body = Vec<Clash>), (status = 400, body = ErrorBody)))]
#[get("/activities/clashes")]
pub fn activity_clashes(caller: ApiEntrant, q: Query<ClashParams>) -> Answer {
    let q = q.into_inner();
    let question = ClashQuestion {
        starts_on: q.starts_on,
        ends_on: q.ends_on,
        member_state: q.member_state,
        programme: q.programme,
        exclude: q.exclude,
    };
    caller.ok(move |conn, user, _| activities::preview_clashes(conn, user, question))
}

/// One activity.
#[utoipa::path(tag = "activities", security(("bearer" = [])),
    responses((status = 200, body = ActivityDetail), (status = 404, body = ErrorBody)))]
#[get("/activities/{id}")]
pub fn get_activity(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, _| activities::read(conn, user, &id))
}

/// Edits an activity (its organisers' focal points, coordinators); the previous state is kept
/// as a version. Cancelling is `{"status": "cancelled"}`.
#[utoipa::path(tag = "activities", request_body = ActivityPatch, security(("bearer" = [])),
    responses((status = 200, body = ActivitySaved), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[patch("/activities/{id}")]
pub fn patch_activity(caller: ApiEntrant, id: Path<String>, body: Json<ActivityPatch>) -> Answer {
    caller.ok(move |conn, user, ip| activities::update(conn, user, ip, &id, body.0))
}

/// An activity's earlier versions, newest first (for those who may edit it).
#[utoipa::path(tag = "activities", security(("bearer" = [])),
    responses((status = 200, body = Vec<ActivityVersionView>), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
#[get("/activities/{id}/versions")]
pub fn activity_versions(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, _| activities::versions(conn, user, &id))
}
