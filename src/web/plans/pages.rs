//! The plan page: measures, statuses, the values reported, the State's progress form and the
//! coordinators' validation queue; and the posts of those forms.

use actix_web::web::Path;
use actix_web::{get, post, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::PageCaller;
use crate::domain::plans::{MeasureKind, ProgressDecision};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::plans::{self, NewProgress, PlanView, ProgressDecisionInput};
use crate::web::common::render::{non_empty, refused_input, see_other};

/// The plan page, with the refusal of a form posted on it (400) when there is one.
async fn render_plan(
    caller: &PageCaller,
    plan_id: String,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let plan: PlanView = caller
        .db(move |conn, user, ip| plans::read(conn, user, ip, &plan_id))
        .await?;
    let pending: Vec<_> = plan
        .measures
        .iter()
        .flat_map(|m| {
            m.progress
                .iter()
                .filter(|p| p.status == crate::domain::plans::ProgressStatus::Pending)
                .map(move |p| serde_json::json!({"measure": m.indicator, "measure_id": m.id, "p": p}))
        })
        .collect();
    let (measure_charts, bars) = super::charts::plan_charts(&plan, caller.lang);
    let mut ctx = caller.context();
    ctx.insert("measure_charts", &measure_charts);
    ctx.insert("bars", &bars);
    ctx.insert("plan", &plan);
    ctx.insert("pending", &pending);
    ctx.insert("today", &crate::domain::time::now().date().to_string());
    caller.render_form("plans/show.html", ctx, error)
}

#[get("/plans/{id}")]
pub async fn show_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    render_plan(&caller, id.into_inner(), None).await
}

/// The plan's IATI file in the browser's session (the page links it; the API takes bearer
/// tokens only).
#[get("/plans/{id}/iati.xml")]
pub async fn iati_file(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    let publisher = super::api::publisher(&caller);
    let id = id.into_inner();
    let xml = caller
        .db(move |conn, user, ip| plans::plan_activity(conn, user, ip, &publisher, &id))
        .await?;
    Ok(super::api::xml_response("iati-plan.xml", xml))
}

#[derive(Debug, Deserialize)]
pub struct ProgressForm {
    csrf_token: String,
    value: String,
    on: String,
    #[serde(default)]
    note: String,
    /// The measure's kind as the page showed it: how to read `value`.
    measure: String,
}
csrf_protected!(ProgressForm);

#[post("/plans/{id}/measures/{mid}/progress")]
pub async fn progress_submit(
    caller: PageCaller,
    path: Path<(String, String)>,
    form: CsrfForm<ProgressForm>,
) -> AppResult<HttpResponse> {
    let (plan_id, measure_id) = path.into_inner();
    let form = form.0;
    let numeric = form
        .measure
        .parse::<MeasureKind>()
        .map(MeasureKind::is_numeric)
        .unwrap_or(false);
    let value = match form.value.trim().replace(',', ".").parse::<f64>() {
        Ok(n) if numeric && n.is_finite() => serde_json::json!(n),
        _ => serde_json::Value::String(form.value.trim().to_string()),
    };
    let on = form
        .on
        .trim()
        .parse()
        .map_err(|_| AppError::invalid(ErrorCode::InvalidDate, "the date must be YYYY-MM-DD"));
    let input = on.map(|on| NewProgress {
        value,
        on,
        note: form.note,
    });
    let target = plan_id.clone();
    let result = caller
        .db(move |conn, user, ip| plans::report(conn, user, ip, &target, &measure_id, input?))
        .await;
    match refused_input(result, caller.lang)? {
        Ok(_) => Ok(see_other(format!("/plans/{plan_id}#measures"))),
        Err(message) => render_plan(&caller, plan_id, Some(message)).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    csrf_token: String,
    decision: String,
    #[serde(default)]
    reason: String,
}
csrf_protected!(DecisionForm);

#[post("/plans/{id}/measures/{mid}/progress/{pid}")]
pub async fn decision_submit(
    caller: PageCaller,
    path: Path<(String, String, String)>,
    form: CsrfForm<DecisionForm>,
) -> AppResult<HttpResponse> {
    let (plan_id, measure_id, progress_id) = path.into_inner();
    let form = form.0;
    let decision = form
        .decision
        .parse::<ProgressDecision>()
        .map_err(|_| AppError::invalid(ErrorCode::InvalidField, "validated or returned"));
    let input = decision.map(|decision| ProgressDecisionInput {
        decision,
        reason: non_empty(&form.reason),
    });
    let target = plan_id.clone();
    let result = caller
        .db(move |conn, user, ip| {
            plans::decide(conn, user, ip, &target, &measure_id, &progress_id, input?)
        })
        .await;
    match refused_input(result, caller.lang)? {
        Ok(_) => Ok(see_other(format!("/plans/{plan_id}#validation"))),
        Err(message) => render_plan(&caller, plan_id, Some(message)).await,
    }
}
