//! Implementation plans: read through their consultation's scope with each measure's derived
//! status and the count per status; progress reported by the concerned State (or a
//! coordinator) and validated or returned by coordinators; every step audited.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::{Connection, QueryResult};

use crate::access::plans as access;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::plans::{qualitative_status, MeasureStatus, NumericPath, ProgressStatus};
use crate::domain::time::now;
use crate::error::{AppError, AppResult};
use crate::repo::consultations as consultations_repo;
use crate::repo::plans::{self as repo, Measure, Progress};
use crate::services::audit::{self, Event};
use crate::services::consultations::{read_list, BaselineInput};
use crate::services::content;

mod at_risk;
mod iati;
mod iati_xml;
mod progress;
mod types;
pub mod values;
pub use at_risk::{at_risk, AtRisk, AtRiskMeasure, AtRiskPlan};
pub use iati::{plan_activity, programme_activities};
pub use iati_xml::{area_code, Publisher};
pub use progress::{decide, report};
pub use types::*;

fn event(user: &CurrentUser, ip: &str, action: &'static str, id: &str) -> Event {
    Event::by(action, user, ip).target("plan", id)
}

/// A measure's status from its latest validated value (`today` for qualitative measures).
pub fn measure_status(m: &Measure, latest: Option<&Progress>, today: NaiveDate) -> MeasureStatus {
    let Some(latest) = latest else {
        return MeasureStatus::NotStarted;
    };
    match (m.baseline_value, m.target_value, latest.value_number) {
        (Some(baseline), Some(target), Some(value)) => NumericPath {
            baseline,
            baseline_on: m.baseline_on,
            target,
            due_on: m.due_on,
        }
        .status(value, latest.measured_on),
        _ => qualitative_status(&m.target_text, m.due_on, &latest.value_text, today),
    }
}

pub(crate) fn progress_view(
    p: Progress,
    reporter: String,
    decider: Option<String>,
) -> ProgressView {
    ProgressView {
        value: values::as_json(p.value_number, &p.value_text),
        id: p.id,
        measure_id: p.measure_id,
        on: p.measured_on,
        note: p.note,
        status: p.status,
        reported_by: reporter,
        reported_at: p.reported_at.into(),
        decided_by: decider,
        decided_at: p.decided_at.map(Into::into),
        reason: p.reason,
    }
}

/// A measure as the plan shows it, with its status, latest validated value and values.
pub fn measure_view(
    m: Measure,
    status: MeasureStatus,
    latest: Option<ProgressView>,
    progress: Vec<ProgressView>,
) -> MeasureView {
    MeasureView {
        baseline: BaselineInput {
            value: values::as_json(m.baseline_value, &m.baseline_text),
            on: m.baseline_on,
        },
        target: values::as_json(m.target_value, &m.target_text),
        assistance_areas: read_list(&m.assistance_areas),
        responsible: read_list(&m.responsible),
        id: m.id,
        position: m.position,
        requirement: m.requirement,
        recommendation: m.recommendation,
        indicator: m.indicator,
        unit: m.unit,
        measure: m.measure,
        ascending: m.ascending,
        due_on: m.due_on,
        status,
        latest,
        progress,
    }
}

/// One plan as the caller may see it; the read (or the refusal) is audited. The plan is read
/// in one read transaction, outside the write lock; only the entry is written under it
/// ([`audit::record_read`]).
pub fn read(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
) -> AppResult<PlanView> {
    let scope = content::scope(user);
    let actor = user.actor();
    let found = conn.transaction(|conn| -> QueryResult<_> {
        let Some((consultation, state)) =
            consultations_repo::find_visible_by_plan(conn, &scope, id)?
        else {
            return Ok(None);
        };
        let state_id = consultation.member_state_id.clone();
        let unvalidated = access::sees_unvalidated_values(&actor, &state_id);
        let measures = repo::measures(conn, id)?;
        let mut by_measure: HashMap<String, Vec<ProgressView>> = HashMap::new();
        let mut latest: HashMap<String, Progress> = HashMap::new();
        for (p, reporter, decider) in repo::progress(conn, id, unvalidated)? {
            if p.status == ProgressStatus::Validated {
                // Oldest measurement first: the last validated one seen is the latest.
                latest.insert(p.measure_id.clone(), p.clone());
            }
            by_measure
                .entry(p.measure_id.clone())
                .or_default()
                .push(progress_view(p, reporter, decider));
        }
        let today = now().date();
        let mut counts = StatusCounts::default();
        let measures: Vec<MeasureView> = measures
            .into_iter()
            .map(|m| {
                let last = latest.get(&m.id);
                let status = measure_status(&m, last, today);
                counts.add(status);
                let progress = by_measure.remove(&m.id).unwrap_or_default();
                let latest = progress
                    .iter()
                    .rev()
                    .find(|p| Some(&p.id) == last.map(|l| &l.id))
                    .cloned();
                measure_view(m, status, latest, progress)
            })
            .collect();
        let needs = repo::visible_needs(conn, &scope, &consultation.id)?
            .into_iter()
            .map(|(n, measure_id)| PlanNeed {
                restricted: n.visibility != crate::domain::values::NeedVisibility::Published,
                id: n.id,
                measure_id,
                title: n.title,
                thematic_area: n.thematic_area,
                status: n.status.to_string(),
            })
            .collect();
        Ok(Some(PlanView {
            id: id.to_string(),
            consultation_id: consultation.id,
            member_state: state.code,
            member_state_name: state.name,
            programme: consultation.programme,
            held_on: consultation.held_on,
            status: consultation.status,
            consent: consultation.consent,
            measures,
            status_counts: counts,
            needs,
            may_report: access::may_report_progress(&actor, &state_id),
            may_validate: access::may_validate_progress(&actor),
        }))
    })?;
    let Some(plan) = found else {
        audit::record_refused_read(conn, event(user, ip, "plan.read", id), id)?;
        return Err(AppError::NotFound);
    };
    audit::record_read(conn, event(user, ip, "plan.read", id))?;
    Ok(plan)
}
