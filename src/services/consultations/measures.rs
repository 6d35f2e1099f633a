//! A draft consultation's measures, edited by coordinators: added, changed, removed. Checked
//! as on creation (`checks::check_measures`); the needs drawn from a measure's assistance
//! areas follow its areas through the one `draw_needs` of creation (an area gained draws its
//! need, an area lost removes its need, the others are retitled); once the consultation is
//! published nothing changes (409). Every change is audited.

use super::checks::{check_measures, check_organisations, CheckedMeasure};
use super::types::{MeasureInput, MAX_MEASURES};
use super::{draw_needs, event, need_description, need_title, require_editor};
use super::{read_list, stored_measure};
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::plans::{ConsultationStatus, MeasureStatus};
use crate::domain::time::now;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::consultations::{self as repo, Consultation};
use crate::repo::plans::{self as plans_repo, Measure};
use crate::services::audit;
use crate::services::content;
use crate::services::plans::{measure_view, MeasureView};

/// The draft consultation and its plan's id, for an editor: 404 when the caller may not see
/// it, 403 when they may not edit, 409 once published.
fn editable_draft(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: &str,
) -> AppResult<(Consultation, String)> {
    let scope = content::scope(user);
    let (consultation, _, plan_id) =
        repo::find_visible(conn, &scope, id)?.ok_or(AppError::NotFound)?;
    require_editor(user)?;
    if consultation.status != ConsultationStatus::Draft {
        return Err(AppError::Conflict(
            "the measures of a published consultation cannot change".into(),
        ));
    }
    Ok((consultation, plan_id))
}

/// One measure checked as on creation, its responsible organisations known.
fn checked(
    conn: &mut DbConnection,
    consultation: &Consultation,
    input: &MeasureInput,
) -> AppResult<CheckedMeasure> {
    let mut list = check_measures(std::slice::from_ref(input), consultation.held_on)?;
    let m = list.pop().ok_or(AppError::NotFound)?;
    let responsible = check_organisations(conn, "responsible", &m.responsible)?;
    Ok(CheckedMeasure { responsible, ..m })
}

fn find_measure(conn: &mut DbConnection, plan_id: &str, measure_id: &str) -> AppResult<Measure> {
    plans_repo::measure_of_plan(conn, plan_id, measure_id)?.ok_or(AppError::NotFound)
}

fn view(m: Measure) -> MeasureView {
    measure_view(m, MeasureStatus::NotStarted, None, Vec::new())
}

pub fn add_measure(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    consultation_id: &str,
    input: MeasureInput,
) -> AppResult<MeasureView> {
    write_transaction(conn, |conn| {
        let (consultation, plan_id) = editable_draft(conn, user, consultation_id)?;
        let m = checked(conn, &consultation, &input)?;
        let position = plans_repo::next_position(conn, &plan_id)?;
        if position as usize > MAX_MEASURES {
            return Err(AppError::invalid(
                ErrorCode::InvalidField,
                format!("a plan has at most {MAX_MEASURES} measures"),
            ));
        }
        let measure = stored_measure(&plan_id, position as usize - 1, m);
        plans_repo::insert_measure(conn, &measure)?;
        let areas = read_list(&measure.assistance_areas);
        let needs = draw_needs(conn, user, &consultation, &measure, &areas)?;
        let details = serde_json::json!({"measure_id": measure.id, "needs": needs});
        audit::record(
            conn,
            event(user, ip, "consultation.measure_add", &consultation.id).details(details),
        )?;
        Ok(view(measure))
    })
}

pub fn update_measure(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    consultation_id: &str,
    measure_id: &str,
    input: MeasureInput,
) -> AppResult<MeasureView> {
    write_transaction(conn, |conn| {
        let (consultation, plan_id) = editable_draft(conn, user, consultation_id)?;
        let old = find_measure(conn, &plan_id, measure_id)?;
        let m = checked(conn, &consultation, &input)?;
        let measure = Measure {
            id: old.id.clone(),
            position: old.position,
            ..stored_measure(&plan_id, 0, m)
        };
        let areas = read_list(&measure.assistance_areas);
        let drawn = plans_repo::needs_of_measure(conn, &measure.id)?;
        let lost: Vec<String> = drawn
            .iter()
            .filter(|(_, area)| !areas.contains(area))
            .map(|(id, _)| id.clone())
            .collect();
        if plans_repo::needs_in_use(conn, &lost)? {
            return Err(AppError::Conflict(
                "a need drawn from an area removed is already in use (matched, documented)".into(),
            ));
        }
        let gained: Vec<String> = areas
            .iter()
            .filter(|a| !drawn.iter().any(|(_, area)| &area == a))
            .cloned()
            .collect();
        let kept: Vec<(String, String)> = drawn
            .iter()
            .filter(|(_, area)| areas.contains(area))
            .map(|(id, area)| (id.clone(), need_title(area, &measure)))
            .collect();
        plans_repo::update_measure(conn, &measure)?;
        plans_repo::delete_needs(conn, &lost)?;
        plans_repo::retitle_needs(conn, &kept, &need_description(&measure), now())?;
        draw_needs(conn, user, &consultation, &measure, &gained)?;
        let details = serde_json::json!({
            "measure_id": measure.id,
            "needs_added": gained.len(),
            "needs_removed": lost.len(),
        });
        audit::record(
            conn,
            event(user, ip, "consultation.measure_update", &consultation.id).details(details),
        )?;
        Ok(view(measure))
    })
}

pub fn remove_measure(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    consultation_id: &str,
    measure_id: &str,
) -> AppResult<()> {
    write_transaction(conn, |conn| {
        let (consultation, plan_id) = editable_draft(conn, user, consultation_id)?;
        let measure = find_measure(conn, &plan_id, measure_id)?;
        let drawn: Vec<String> = plans_repo::needs_of_measure(conn, &measure.id)?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        if plans_repo::needs_in_use(conn, &drawn)? {
            return Err(AppError::Conflict(
                "a need drawn from this measure is already in use (matched, documented)".into(),
            ));
        }
        plans_repo::delete_needs(conn, &drawn)?;
        plans_repo::delete_measure(conn, &measure)?;
        let details = serde_json::json!({
            "measure_id": measure.id,
            "needs_removed": drawn.len(),
            "areas": read_list(&measure.assistance_areas),
        });
        audit::record(
            conn,
            event(user, ip, "consultation.measure_remove", &consultation.id).details(details),
        )?;
        Ok(())
    })
}

/// A draft's measures, for its edit forms (editors; 409 once published).
pub fn draft_measures(
    conn: &mut DbConnection,
    user: &CurrentUser,
    consultation_id: &str,
) -> AppResult<Vec<MeasureView>> {
    let (_, plan_id) = editable_draft(conn, user, consultation_id)?;
    Ok(plans_repo::measures(conn, &plan_id)?
        .into_iter()
        .map(view)
        .collect())
}
