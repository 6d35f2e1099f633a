//! Capacity consultations: created by coordinators with their implementation plan, its
//! measures and the needs drawn from the measures' assistance areas; published; read through
//! the consultation's scope (DESIGN.md rule 7), each read written to the audit trail.

use crate::access::consultations as access;
use crate::auth::tokens::new_id;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::plans::ConsultationStatus;
use crate::domain::time::now;
use crate::domain::values::{NeedStatus, NeedVisibility, Priority};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::{self, Page, PageSize};
use crate::repo::consultations::{self as repo, Consultation};
use crate::repo::needs::{self as needs_repo, Need};
use crate::repo::plans::{self as plans_repo, Measure, NeedLink, Plan};
use crate::repo::reports::StateRef;
use crate::services::audit::{self, Event};
use crate::services::content::{self, block, check_programme};

mod checks;
mod measures;
mod types;
pub use checks::check_organisations;
use checks::{check_held_on, check_measures, CheckedMeasure};
pub use measures::{add_measure, draft_measures, remove_measure, update_measure};
pub use types::*;

fn event(user: &CurrentUser, ip: &str, action: &'static str, id: &str) -> Event {
    Event::by(action, user, ip).target("consultation", id)
}

fn require_editor(user: &CurrentUser) -> AppResult<()> {
    access::require_editor(&user.actor())
}

pub fn create(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    input: NewConsultation,
) -> AppResult<ConsultationView> {
    require_editor(user)?;
    let programme = check_programme(Some(input.programme.as_str()))?
        .ok_or_else(|| AppError::invalid(ErrorCode::UnknownProgramme, "programme is required"))?;
    let held_on = check_held_on(input.held_on)?;
    let situation = block("situation", &input.situation, 20_000)?;
    let gaps = block("gaps", &input.gaps, 20_000)?;
    let obstacles = block("obstacles", &input.obstacles, 20_000)?;
    let ongoing_actions = block("ongoing_actions", &input.ongoing_actions, 20_000)?;
    let measures = check_measures(&input.measures, held_on)?;
    write_transaction(conn, |conn| {
        let state = content::member_state(conn, &input.member_state)?;
        let participants = check_organisations(conn, "participants", &input.participants)?;
        let mut checked = Vec::with_capacity(measures.len());
        for m in measures {
            let responsible = check_organisations(conn, "responsible", &m.responsible)?;
            checked.push(CheckedMeasure { responsible, ..m });
        }
        let now = now();
        let consultation = Consultation {
            id: new_id(),
            member_state_id: state.id.clone(),
            programme,
            held_on,
            situation,
            gaps,
            obstacles,
            ongoing_actions,
            participants: json_list(&participants),
            consent: input.consent,
            status: ConsultationStatus::Draft,
            created_by: user.id.clone(),
            created_at: now,
            updated_at: now,
            published_at: None,
        };
        repo::insert(conn, &consultation)?;
        let plan = Plan {
            id: new_id(),
            consultation_id: consultation.id.clone(),
            created_at: now,
        };
        plans_repo::insert(conn, &plan)?;
        let mut needs = 0;
        for (i, m) in checked.into_iter().enumerate() {
            let measure = stored_measure(&plan.id, i, m);
            plans_repo::insert_measure(conn, &measure)?;
            let areas = read_list(&measure.assistance_areas);
            needs += draw_needs(conn, user, &consultation, &measure, &areas)?;
        }
        let details = serde_json::json!({"plan_id": plan.id, "needs": needs});
        audit::record(
            conn,
            event(user, ip, "consultation.create", &consultation.id).details(details),
        )?;
        Ok(consultation_view(
            consultation,
            StateRef::from(state),
            plan.id,
        ))
    })
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// A stored JSON list back (an unreadable one is empty).
pub fn read_list(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

fn stored_measure(plan_id: &str, index: usize, m: CheckedMeasure) -> Measure {
    Measure {
        id: new_id(),
        plan_id: plan_id.to_string(),
        position: index as i32 + 1,
        requirement: m.requirement,
        recommendation: m.recommendation,
        assistance_areas: json_list(&m.assistance_areas),
        indicator: m.indicator,
        unit: m.unit,
        measure: m.measure,
        ascending: m.ascending,
        baseline_value: m.baseline.number,
        baseline_text: m.baseline.text,
        baseline_on: m.baseline_on,
        target_value: m.target.number,
        target_text: m.target.text,
        due_on: m.due_on,
        responsible: json_list(&m.responsible),
    }
}

/// A need's title from its area and the measure's indicator.
fn need_title(area: &str, measure: &Measure) -> String {
    format!("{}: {}", area, measure.indicator)
        .chars()
        .take(300)
        .collect()
}

/// A need's description: the measure's recommendation and requirement.
fn need_description(measure: &Measure) -> String {
    [
        measure.recommendation.as_str(),
        measure.requirement.as_str(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("\n\n")
}

/// One need per assistance area in `areas` (the measure's, or those it gained), linked to the
/// consultation and the measure; draft (coordinators only) until the consultation is
/// published.
fn draw_needs(
    conn: &mut DbConnection,
    user: &CurrentUser,
    consultation: &Consultation,
    measure: &Measure,
    areas: &[String],
) -> AppResult<usize> {
    let at = now();
    for area in areas {
        let need = Need {
            id: new_id(),
            member_state_id: consultation.member_state_id.clone(),
            report_id: None,
            section_id: None,
            title: need_title(area, measure),
            description: need_description(measure),
            thematic_area: area.clone(),
            priority: Priority::Medium,
            status: NeedStatus::Open,
            visibility: NeedVisibility::from_source(
                Some(consultation.status == ConsultationStatus::Published),
                Some(consultation.consent),
            ),
            created_by: user.id.clone(),
            created_at: at,
            updated_at: at,
        };
        needs_repo::insert(conn, &need)?;
        plans_repo::insert_need_link(
            conn,
            &NeedLink {
                need_id: need.id,
                consultation_id: consultation.id.clone(),
                measure_id: measure.id.clone(),
            },
        )?;
    }
    Ok(areas.len())
}

pub fn publish(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
) -> AppResult<ConsultationView> {
    write_transaction(conn, |conn| {
        let scope = content::scope(user);
        let (mut consultation, state, plan_id) =
            repo::find_visible(conn, &scope, id)?.ok_or(AppError::NotFound)?;
        require_editor(user)?;
        if consultation.status == ConsultationStatus::Published {
            return Err(AppError::Conflict(
                "this consultation is already published".into(),
            ));
        }
        let now = now();
        consultation.status = ConsultationStatus::Published;
        consultation.published_at = Some(now);
        consultation.updated_at = now;
        repo::update(conn, &consultation)?;
        needs_repo::recompute_visibility_for_consultation(
            conn,
            &consultation.id,
            true,
            consultation.consent,
        )?;
        let details = serde_json::json!({"plan_id": plan_id, "consent": consultation.consent});
        audit::record(
            conn,
            event(user, ip, "consultation.publish", &consultation.id).details(details),
        )?;
        Ok(consultation_view(consultation, state, plan_id))
    })
}

/// One consultation as the caller may see it; the read (or the refusal) is audited. The
/// consultation is read outside the write lock; only the entry is written under it
/// ([`audit::record_read`]).
pub fn read(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
) -> AppResult<ConsultationView> {
    let scope = content::scope(user);
    let Some((consultation, state, plan_id)) = repo::find_visible(conn, &scope, id)? else {
        audit::record_refused_read(conn, event(user, ip, "consultation.read", id), id)?;
        return Err(AppError::NotFound);
    };
    audit::record_read(conn, event(user, ip, "consultation.read", &consultation.id))?;
    Ok(consultation_view(consultation, state, plan_id))
}

pub fn list(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: ConsultationQuery,
) -> AppResult<ConsultationPage> {
    let scope = content::scope(user);
    let limit = query.page.limit(PageSize::STANDARD);
    let after = pagination::decode_date_seek(query.page.cursor())?;
    content::check_year_filter(query.year)?;
    // Only those who see drafts may choose a status; the others see the published alone.
    let query = ConsultationQuery {
        status: query.status.filter(|_| scope.sees_drafts()),
        ..query
    };
    let rows = repo::list(conn, &scope, &query, after, limit + 1)?;
    let page = Page::cut(rows, limit, |(c, _, _)| {
        pagination::date_seek(c.held_on, &c.id)
    });
    Ok(page.map(|(c, s, plan_id)| ConsultationListItem {
        id: c.id,
        member_state: s.code,
        member_state_name: s.name,
        programme: c.programme,
        held_on: c.held_on,
        consent: c.consent,
        status: c.status,
        plan_id,
    }))
}

pub fn consultation_view(c: Consultation, state: StateRef, plan_id: String) -> ConsultationView {
    ConsultationView {
        participants: read_list(&c.participants),
        id: c.id,
        member_state: state.code,
        member_state_name: state.name,
        programme: c.programme,
        held_on: c.held_on,
        situation: c.situation,
        gaps: c.gaps,
        obstacles: c.obstacles,
        ongoing_actions: c.ongoing_actions,
        consent: c.consent,
        status: c.status,
        plan_id,
        created_at: c.created_at.into(),
        updated_at: c.updated_at.into(),
        published_at: c.published_at.map(Into::into),
    }
}
