//! The calendar's pages: `/calendar` (month grid, agenda, filters), an activity's page and
//! the forms that create and edit one, which show the clash warnings before saving.

use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use super::calendar::{first_of_month, last_of_month, neighbours, weeks};
use super::form::{self, ActivityForm, Outcome};
use crate::access::activities::may_create;
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::PageCaller;
use crate::domain::values::{ActivityKind, ActivityStatus, ActivityVisibility};
use crate::domain::OrgKind;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::services::activities::{self, ActivityQuery};
use crate::services::reference;
use crate::web::common::lists::filter_query;
use crate::web::common::render::{non_empty, refused_input, see_other};

/// How many activities one month shows at most.
const MONTH_CAP: i64 = 500;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CalendarFilters {
    #[serde(default)]
    month: String,
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    organisation: String,
}

impl CalendarFilters {
    fn pairs(&self) -> [(&'static str, &str); 5] {
        [
            ("member_state", self.member_state.as_str()),
            ("region", self.region.as_str()),
            ("programme", self.programme.as_str()),
            ("kind", self.kind.as_str()),
            ("organisation", self.organisation.as_str()),
        ]
    }
}

/// The organisations the filter offers: every one but the Member States (which have their own).
fn organisers_picker() -> Vec<(String, String)> {
    reference::reference_organisations()
        .into_iter()
        .filter(|o| o.kind != OrgKind::MemberState)
        .map(|o| (o.code, o.name))
        .collect()
}

/// Names the form and filter choices share.
fn choices(ctx: &mut tera::Context) {
    use strum::VariantArray;
    ctx.insert("kinds", ActivityKind::VARIANTS);
    ctx.insert("statuses", ActivityStatus::VARIANTS);
    ctx.insert("visibilities", ActivityVisibility::VARIANTS);
    ctx.insert("regions", reference::regions());
    ctx.insert("programmes", reference::programmes());
}

#[get("/calendar")]
pub async fn calendar_page(
    caller: PageCaller,
    f: Query<CalendarFilters>,
) -> AppResult<HttpResponse> {
    let f = f.0;
    let today = crate::domain::time::now().date();
    let first = first_of_month(&f.month, today)?;
    let last = last_of_month(first);
    let query = ActivityQuery {
        member_state: non_empty(&f.member_state),
        region: non_empty(&f.region),
        programme: non_empty(&f.programme),
        kind: non_empty(&f.kind),
        organisation: non_empty(&f.organisation),
        status: None,
        working_group: None,
        from: Some(first.to_string()),
        to: Some(last.to_string()),
        page: PageParams::default(),
    };
    let items = caller
        .db(move |conn, user, _| activities::in_window(conn, user, &query, MONTH_CAP + 1))
        .await?;
    // One more than the grid shows tells whether the month has more than it can show.
    let mut items = items;
    let more = items.len() as i64 > MONTH_CAP;
    items.truncate(MONTH_CAP as usize);
    let (previous, next) = neighbours(first);
    let filters = filter_query(&f.pairs());
    let mut ctx = caller.context();
    ctx.insert("weeks", &weeks(first, today, &items));
    ctx.insert("items", &items);
    ctx.insert("more_than_cap", &more);
    ctx.insert("month_cap", &MONTH_CAP);
    ctx.insert("month", &first.format("%Y-%m").to_string());
    ctx.insert("month_key", &format!("month-{}", first.format("%m")));
    ctx.insert("year", &first.format("%Y").to_string());
    ctx.insert("previous", &previous);
    ctx.insert("next", &next);
    ctx.insert("filters", &filters);
    ctx.insert("f", &f);
    caller
        .insert_state_filter(&mut ctx, &f.member_state)
        .await?;
    ctx.insert("organisations", &organisers_picker());
    ctx.insert("may_create", &may_create(&caller.actor));
    choices(&mut ctx);
    caller.render("activities/calendar.html", &ctx)
}

#[get("/activities/new")]
pub async fn new_page(caller: PageCaller) -> AppResult<HttpResponse> {
    crate::access::activities::require_creator(&caller.actor)?;
    let values = ActivityForm {
        kind: "workshop".into(),
        status: "planned".into(),
        visibility: "platform".into(),
        ..Default::default()
    };
    render_form(&caller, &values, None, None, Vec::new()).await
}

#[post("/activities/new")]
pub async fn create_submit(
    caller: PageCaller,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let values = ActivityForm::from_fields(&fields.0);
    let submitted = values.clone();
    let result = caller
        .db(move |conn, user, ip| form::save(conn, user, ip, None, submitted))
        .await;
    answer(&caller, values, None, result).await
}

#[get("/activities/{id}")]
pub async fn show_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    let (detail, versions) = caller
        .db(move |conn, user, _| {
            let detail = activities::read(conn, user, &id)?;
            let versions = match detail.may_edit {
                true => activities::versions(conn, user, &id)?,
                false => Vec::new(),
            };
            Ok((detail, versions))
        })
        .await?;
    let mut ctx = caller.context();
    let month = detail.activity.starts_on.format("%Y-%m").to_string();
    ctx.insert("month", &month);
    ctx.insert("a", &detail.activity);
    ctx.insert("may_edit", &detail.may_edit);
    ctx.insert("versions", &versions);
    caller.render("activities/show.html", &ctx)
}

#[get("/activities/{id}/edit")]
pub async fn edit_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    let detail = caller
        .db(move |conn, user, _| activities::read(conn, user, &id))
        .await?;
    if !detail.may_edit {
        return Err(AppError::forbidden(
            "only the organisers and coordinators edit it",
        ));
    }
    let id = detail.activity.id.clone();
    let values = ActivityForm::of(&detail.activity);
    render_form(&caller, &values, Some(&id), None, Vec::new()).await
}

#[post("/activities/{id}/edit")]
pub async fn edit_submit(
    caller: PageCaller,
    id: Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let values = ActivityForm::from_fields(&fields.0);
    let (submitted, target) = (values.clone(), id.into_inner());
    let editing = target.clone();
    let result = caller
        .db(move |conn, user, ip| form::save(conn, user, ip, Some(&editing), submitted))
        .await;
    answer(&caller, values, Some(&target), result).await
}

/// A saved form goes to the activity; clashes to confirm or a refusal show the form again.
async fn answer(
    caller: &PageCaller,
    values: ActivityForm,
    id: Option<&str>,
    result: AppResult<Outcome>,
) -> AppResult<HttpResponse> {
    match refused_input(result, caller.lang)? {
        Ok(Outcome::Saved(id)) => Ok(see_other(format!("/activities/{id}"))),
        Ok(Outcome::Clashes(clashes)) => render_form(caller, &values, id, None, clashes).await,
        Err(message) => render_form(caller, &values, id, Some(message), Vec::new()).await,
    }
}

async fn render_form(
    caller: &PageCaller,
    values: &ActivityForm,
    id: Option<&str>,
    error: Option<String>,
    clashes: Vec<activities::Clash>,
) -> AppResult<HttpResponse> {
    let mut ctx = caller.context();
    ctx.insert("form", values);
    let (heading, action) = match id {
        Some(id) => ("activity-edit", format!("/activities/{id}/edit")),
        None => ("activities-new", "/activities/new".to_string()),
    };
    ctx.insert("heading", heading);
    ctx.insert("action", &action);
    ctx.insert("clashes", &clashes);
    ctx.insert(
        "states",
        caller.state.state_picker().await?.states_in(caller.lang),
    );
    choices(&mut ctx);
    caller.render_form("activities/form.html", ctx, error)
}
