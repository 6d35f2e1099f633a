//! HTML pages for consultations: list with filters, the coordinators' form, one consultation.

use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::consultations::may_edit_content;
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::PageCaller;
use crate::domain::plans::ConsultationStatus;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::PageParams;
use crate::services::consultations::{self, ConsultationQuery};
use crate::services::content::require_editor;
use crate::services::reference;
use crate::web::common::api::Answer;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::{non_empty, refused_input, see_other};

use super::forms::{render_form, ConsultationForm, MeasureForm};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ConsultationFilterForm {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    status: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

#[get("/consultations")]
pub async fn list_page(
    caller: PageCaller,
    f: Query<ConsultationFilterForm>,
) -> AppResult<HttpResponse> {
    let f = f.0;
    let year =
        match f.year.trim() {
            "" => None,
            y => Some(y.parse::<i32>().map_err(|_| {
                AppError::invalid(ErrorCode::InvalidQuery, "the year is not a number")
            })?),
        };
    let query = ConsultationQuery {
        member_state: non_empty(&f.member_state),
        programme: non_empty(&f.programme),
        year,
        status: non_empty(&f.status),
        page: PageParams::html(&f.cursor),
    };
    let page = caller
        .db(move |conn, user, _| consultations::list(conn, user, query))
        .await?;
    let picker = caller.state.state_picker().await?;
    let pairs = [
        ("member_state", f.member_state.as_str()),
        ("programme", f.programme.as_str()),
        ("year", f.year.as_str()),
        ("status", f.status.as_str()),
    ];
    let next = page.next_cursor.as_deref();
    let mut ctx = caller.list_context("/consultations", &pairs, next, &page.items, &f);
    ctx.insert(
        "state_options",
        &picker.filter_options(caller.lang, &f.member_state),
    );
    ctx.insert("programmes", reference::programmes());
    ctx.insert("may_edit", &may_edit_content(&caller.actor));
    caller.render("consultations/list.html", &ctx)
}

#[get("/consultations/new")]
pub async fn new_page(caller: PageCaller) -> AppResult<HttpResponse> {
    require_editor(&caller.user)?;
    render_form(&caller, ConsultationForm::blank(), None).await
}

#[post("/consultations/new")]
pub async fn create_submit(
    caller: PageCaller,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    require_editor(&caller.user)?;
    let form = ConsultationForm::from_fields(&fields.0);
    if fields.0.get("add_measure").is_some() {
        return render_form(&caller, form.with_blank_slots(1), None).await;
    }
    let input = form.input();
    let result = caller
        .db(move |conn, user, ip| consultations::create(conn, user, ip, input?))
        .await;
    match refused_input(result, caller.lang)? {
        Ok(view) => Ok(see_other(format!("/consultations/{}", view.id))),
        Err(message) => render_form(&caller, form, Some(message)).await,
    }
}

/// The consultation page; for the editors of a draft, the forms editing its measures, with
/// `failed`, the form refused (its values as typed, keyed by its measure's id or `new`).
async fn render_show(
    caller: &PageCaller,
    id: String,
    error: Option<String>,
    failed: Option<(String, MeasureForm)>,
) -> AppResult<HttpResponse> {
    let target = id.clone();
    let consultation = caller
        .db(move |conn, user, ip| consultations::read(conn, user, ip, &target))
        .await?;
    let may_edit = may_edit_content(&caller.actor);
    let measures = if may_edit && consultation.status == ConsultationStatus::Draft {
        caller
            .db(move |conn, user, _| consultations::draft_measures(conn, user, &id))
            .await?
    } else {
        Vec::new()
    };
    let failed = failed.map(|(key, form)| (key, serde_json::to_value(form).unwrap_or_default()));
    let form_for = |key: &str, stored: serde_json::Value| match &failed {
        Some((k, f)) if k == key => f.clone(),
        _ => stored,
    };
    let edits: Vec<serde_json::Value> = measures
        .iter()
        .map(|m| {
            let stored = serde_json::to_value(MeasureForm::of_view(m)).unwrap_or_default();
            serde_json::json!({"id": m.id, "position": m.position, "indicator": m.indicator,
                "areas": m.assistance_areas, "form": form_for(&m.id, stored)})
        })
        .collect();
    let blank = serde_json::to_value(MeasureForm::blank()).unwrap_or_default();
    let mut ctx = caller.context();
    ctx.insert("c", &consultation);
    ctx.insert("may_edit", &may_edit);
    ctx.insert("edits", &edits);
    ctx.insert("new_measure", &form_for("new", blank));
    ctx.insert("areas", reference::thematic_areas());
    ctx.insert("kinds", &["unit", "percentage", "qualitative"]);
    caller.render_form("consultations/show.html", ctx, error)
}

#[get("/consultations/{id}")]
pub async fn show_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    render_show(&caller, id.into_inner(), None, None).await
}

/// Adds a measure to a draft (the form of `consultations/show.html`).
#[post("/consultations/{id}/measures")]
pub async fn add_measure_submit(
    caller: PageCaller,
    id: Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let form = MeasureForm::first_of(&fields.0);
    let input = form.input();
    let target = id.clone();
    let result = caller
        .db(move |conn, user, ip| consultations::add_measure(conn, user, ip, &target, input?))
        .await;
    match refused_input(result, caller.lang)? {
        Ok(m) => Ok(see_other(format!("/consultations/{id}#edit-{}", m.id))),
        Err(message) => render_show(&caller, id, Some(message), Some(("new".into(), form))).await,
    }
}

/// Changes a draft's measure.
#[post("/consultations/{id}/measures/{mid}")]
pub async fn update_measure_submit(
    caller: PageCaller,
    path: Path<(String, String)>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let (id, mid) = path.into_inner();
    let form = MeasureForm::first_of(&fields.0);
    let input = form.input();
    let (target, measure) = (id.clone(), mid.clone());
    let result = caller
        .db(move |conn, user, ip| {
            consultations::update_measure(conn, user, ip, &target, &measure, input?)
        })
        .await;
    match refused_input(result, caller.lang)? {
        Ok(m) => Ok(see_other(format!("/consultations/{id}#edit-{}", m.id))),
        Err(message) => render_show(&caller, id, Some(message), Some((mid, form))).await,
    }
}

/// Removes a draft's measure and the needs drawn from it.
#[post("/consultations/{id}/measures/{mid}/delete")]
pub fn remove_measure_submit(
    caller: PageCaller,
    path: Path<(String, String)>,
    _form: CsrfForm<CsrfOnly>,
) -> Answer {
    let (id, mid) = path.into_inner();
    caller.redirect(move |conn, user, ip| {
        consultations::remove_measure(conn, user, ip, &id, &mid)
            .map(|()| format!("/consultations/{id}#measures"))
    })
}

#[post("/consultations/{id}/publish")]
pub fn publish_submit(caller: PageCaller, id: Path<String>, _form: CsrfForm<CsrfOnly>) -> Answer {
    caller.redirect(move |conn, user, ip| {
        consultations::publish(conn, user, ip, &id)
            .map(|view| format!("/consultations/{}", view.id))
    })
}
