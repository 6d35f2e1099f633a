//! Progress values: reported on a measure of a visible plan by the concerned State's focal
//! points or a coordinator; validated or returned (with a reason) by coordinators.

use chrono::NaiveDate;

use super::types::{NewProgress, ProgressDecisionInput, ProgressView};
use super::{event, progress_view, values::check_value};
use crate::access::plans as access;
use crate::auth::tokens::new_id;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::plans::{ConsultationStatus, ProgressDecision, ProgressStatus};
use crate::domain::time::now;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::consultations as consultations_repo;
use crate::repo::plans::{self as repo, Measure, Progress};
use crate::services::audit;
use crate::services::content::{self, block};

/// The plan's measure, once the caller may see the plan (404 otherwise); a measure of another
/// plan (or none) is a 400, the same whatever the measure id names.
fn visible_measure(
    conn: &mut DbConnection,
    user: &CurrentUser,
    plan_id: &str,
    measure_id: &str,
) -> AppResult<(crate::repo::consultations::Consultation, Measure)> {
    let scope = content::scope(user);
    let (consultation, _) = consultations_repo::find_visible_by_plan(conn, &scope, plan_id)?
        .ok_or(AppError::NotFound)?;
    let measure = repo::measure_of_plan(conn, plan_id, measure_id)?.ok_or_else(|| {
        AppError::invalid(
            ErrorCode::UnknownMeasure,
            "the measure is not one of this plan's",
        )
    })?;
    Ok((consultation, measure))
}

fn check_date(on: NaiveDate, measure: &Measure, today: NaiveDate) -> AppResult<()> {
    if on > today {
        return Err(AppError::invalid(
            ErrorCode::InvalidDate,
            "`on` cannot be in the future",
        ));
    }
    if on < measure.baseline_on {
        return Err(AppError::invalid(
            ErrorCode::InvalidDate,
            "`on` cannot be before the baseline's date",
        ));
    }
    Ok(())
}

pub fn report(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    plan_id: &str,
    measure_id: &str,
    input: NewProgress,
) -> AppResult<ProgressView> {
    let note = block("note", &input.note, 2_000)?;
    write_transaction(conn, |conn| {
        let (consultation, measure) = visible_measure(conn, user, plan_id, measure_id)?;
        access::require_reporter(&user.actor(), &consultation.member_state_id)?;
        if consultation.status != ConsultationStatus::Published {
            return Err(AppError::Conflict(
                "progress is reported on published plans".into(),
            ));
        }
        let value = check_value(measure.measure, "value", &input.value)?;
        let now = now();
        check_date(input.on, &measure, now.date())?;
        let progress = Progress {
            id: new_id(),
            plan_id: plan_id.to_string(),
            measure_id: measure.id.clone(),
            value_number: value.number,
            value_text: value.text,
            measured_on: input.on,
            note,
            status: ProgressStatus::Pending,
            reported_by: user.id.clone(),
            reported_at: now,
            decided_by: None,
            decided_at: None,
            reason: None,
        };
        repo::insert_progress(conn, &progress)?;
        let details = serde_json::json!({"measure_id": measure.id, "progress_id": progress.id,
            "value": progress.value_text, "on": progress.measured_on});
        audit::record(
            conn,
            event(user, ip, "plan.progress.report", plan_id).details(details),
        )?;
        Ok(progress_view(progress, user.name.clone(), None))
    })
}

pub fn decide(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    plan_id: &str,
    measure_id: &str,
    progress_id: &str,
    input: ProgressDecisionInput,
) -> AppResult<ProgressView> {
    let reason = match input.reason.as_deref().map(|r| block("reason", r, 2_000)) {
        Some(r) => Some(r?).filter(|r| !r.is_empty()),
        None => None,
    };
    if input.decision == ProgressDecision::Returned && reason.is_none() {
        return Err(AppError::invalid(
            ErrorCode::InvalidField,
            "a returned value needs a reason",
        ));
    }
    write_transaction(conn, |conn| {
        let (_, measure) = visible_measure(conn, user, plan_id, measure_id)?;
        access::require_validator(&user.actor())?;
        let mut progress = repo::progress_of_measure(conn, plan_id, &measure.id, progress_id)?
            .ok_or(AppError::NotFound)?;
        if progress.status != ProgressStatus::Pending {
            return Err(AppError::Conflict("this value was already decided".into()));
        }
        let now = now();
        progress.status = input.decision.into();
        progress.decided_by = Some(user.id.clone());
        progress.decided_at = Some(now);
        progress.reason = reason;
        repo::update_progress(conn, &progress)?;
        let details = serde_json::json!({"measure_id": measure.id, "progress_id": progress.id,
            "decision": input.decision, "reason": progress.reason});
        audit::record(
            conn,
            event(user, ip, "plan.progress.decide", plan_id).details(details),
        )?;
        let reporter = repo::reporter_name(conn, &progress.reported_by)?;
        Ok(progress_view(progress, reporter, Some(user.name.clone())))
    })
}
