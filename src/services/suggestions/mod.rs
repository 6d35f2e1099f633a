//! Suggestions (issue 12): projects for a need and needs for a project, ranked by a weighted
//! score with its reasons (`domain::suggestions`), among candidates that `repo::suggestions`
//! narrows in SQL to what the caller may see, open work, a common thematic area and place, and
//! pairs neither matched nor dismissed. Dismissing a pair is audited and final.

use crate::access::matches::{self as access, MatchScope};
use crate::auth::tokens::{is_id, new_id};
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::suggestions::{bm25, coverage, horizon, text, Parts, Place};
use crate::domain::time::now;
use crate::domain::values::ProjectStatus;
use crate::error::{AppError, AppResult};
use crate::repo::matches::organisation_codes;
use crate::repo::suggestions::{self as repo, Dismissal, NeedSubject, ProjectSubject};
use crate::repo::{needs as needs_repo, projects as projects_repo};
use crate::services::audit::{self, Event};
use crate::services::content;

mod types;
pub use types::*;

/// How many suggestions a list shows.
pub const SHOWN: usize = 20;

/// The text compared: the title counts twice, as it says what the whole is about.
fn document(title: &str, description: &str) -> text::Terms {
    text::terms(&format!("{title}\n{title}\n{description}"))
}

/// Indexes of `scores`, best first (ties by position, so the order is stable), at most `SHOWN`.
fn best(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order.truncate(SHOWN);
    order
}

/// Projects suggested for a need the caller may see (404 otherwise).
pub fn for_need(
    conn: &mut DbConnection,
    user: &CurrentUser,
    need_id: &str,
) -> AppResult<ProjectSuggestions> {
    if !is_id(need_id) {
        return Err(AppError::NotFound);
    }
    let actor = user.actor();
    let scope = MatchScope::for_actor(&actor);
    let (need, state) =
        needs_repo::find_visible(conn, &scope.needs, need_id)?.ok_or(AppError::NotFound)?;
    let programme = repo::report_programme(conn, need.report_id.as_deref())?;
    let subject = NeedSubject {
        id: &need.id,
        state_id: &need.member_state_id,
        state_code: &state.code,
        regional_group: state.regional_group.as_deref(),
        thematic_area: &need.thematic_area,
    };
    let candidates = repo::projects_for_need(conn, &scope.projects, &subject)?;
    let query = document(&need.title, &need.description);
    let docs: Vec<text::Terms> = candidates
        .iter()
        .map(|(p, _)| document(&p.title, &p.description))
        .collect();
    let similarities = bm25::similarities(&query, &docs);
    let horizon = horizon(need.priority, now().date());
    let parts: Vec<Parts> = candidates
        .iter()
        .zip(similarities)
        .map(|((p, place), text)| Parts {
            place: place.clone(),
            areas: vec![need.thematic_area.clone()],
            programme: p.programme.clone().filter(|_| p.programme == programme),
            coverage: coverage(horizon, p.starts_on, p.ends_on),
            text,
        })
        .collect();
    let scores: Vec<f64> = parts.iter().map(Parts::score).collect();
    let top = best(&scores);
    let owners: Vec<&str> = top
        .iter()
        .map(|&i| candidates[i].0.owner_org_id.as_str())
        .collect();
    let codes = organisation_codes(conn, &owners)?;
    let items = top
        .into_iter()
        .map(|i| {
            let p = &candidates[i].0;
            ProjectSuggestion {
                project_id: p.id.clone(),
                title: p.title.clone(),
                organisation: codes.get(&p.owner_org_id).cloned().unwrap_or_default(),
                score: scores[i],
                reasons: parts[i].reasons(),
                may_propose: access::may_propose(&actor, &p.owner_org_id),
                may_dismiss: access::may_dismiss(&actor, &need.member_state_id, &p.owner_org_id),
            }
        })
        .collect();
    Ok(ProjectSuggestions { items })
}

/// Needs suggested for a project the caller may see (404 otherwise); none for a completed or
/// cancelled project.
pub fn for_project(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project_id: &str,
) -> AppResult<NeedSuggestions> {
    if !is_id(project_id) {
        return Err(AppError::NotFound);
    }
    let actor = user.actor();
    let scope = MatchScope::for_actor(&actor);
    let project = projects_repo::find_visible(conn, &scope.projects, project_id)?
        .ok_or(AppError::NotFound)?;
    if matches!(
        project.status,
        ProjectStatus::Completed | ProjectStatus::Cancelled
    ) {
        return Ok(NeedSuggestions { items: Vec::new() });
    }
    let (state_ids, regions, areas) = repo::project_places(conn, &project.id)?;
    let subject = ProjectSubject {
        id: &project.id,
        is_global: project.is_global,
        state_ids: &state_ids,
        regions: &regions,
        areas: &areas,
    };
    let candidates = repo::needs_for_project(conn, &scope.needs, &subject)?;
    let query = document(&project.title, &project.description);
    let docs: Vec<text::Terms> = candidates
        .iter()
        .map(|n| document(&n.title, &n.description))
        .collect();
    let similarities = bm25::similarities(&query, &docs);
    let today = now().date();
    let parts: Vec<Parts> = candidates
        .iter()
        .zip(similarities)
        .map(|(n, text)| {
            let place = if state_ids.contains(&n.member_state_id) {
                Place::SameState(n.state_code.clone())
            } else {
                match n.regional_group.as_ref().filter(|g| regions.contains(g)) {
                    Some(group) => Place::Region(group.clone()),
                    None => Place::Global,
                }
            };
            Parts {
                place,
                areas: vec![n.thematic_area.clone()],
                programme: project
                    .programme
                    .clone()
                    .filter(|_| project.programme == n.programme),
                coverage: coverage(
                    horizon(n.priority, today),
                    project.starts_on,
                    project.ends_on,
                ),
                text,
            }
        })
        .collect();
    let scores: Vec<f64> = parts.iter().map(Parts::score).collect();
    let may_propose = access::may_propose(&actor, &project.owner_org_id);
    let items = best(&scores)
        .into_iter()
        .map(|i| {
            let n = &candidates[i];
            NeedSuggestion {
                need_id: n.id.clone(),
                title: n.title.clone(),
                member_state: n.state_code.clone(),
                score: scores[i],
                reasons: parts[i].reasons(),
                may_propose,
                may_dismiss: access::may_dismiss(&actor, &n.member_state_id, &project.owner_org_id),
            }
        })
        .collect();
    Ok(NeedSuggestions { items })
}

/// Dismisses a suggested pair with a reason: 400 without a reason, 404 when the caller may not
/// see the need or the project, 403 when they may neither propose nor decide on that match,
/// 409 when the pair was dismissed already.
pub fn dismiss(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    input: NewDismissal,
) -> AppResult<DismissalView> {
    let reason = content::line("reason", &input.reason, 2_000)?;
    let (need_id, project_id) = (input.need_id.trim(), input.project_id.trim());
    if !is_id(need_id) || !is_id(project_id) {
        return Err(AppError::NotFound);
    }
    let actor = user.actor();
    let scope = MatchScope::for_actor(&actor);
    write_transaction(conn, |conn| {
        let (need, _) =
            needs_repo::find_visible(conn, &scope.needs, need_id)?.ok_or(AppError::NotFound)?;
        let project = projects_repo::find_visible(conn, &scope.projects, project_id)?
            .ok_or(AppError::NotFound)?;
        access::require_dismisser(&actor, &need.member_state_id, &project.owner_org_id)?;
        if repo::dismissed(conn, &need.id, &project.id)? {
            return Err(AppError::Conflict(
                "this suggestion was dismissed already".into(),
            ));
        }
        let row = Dismissal {
            id: new_id(),
            need_id: need.id.clone(),
            project_id: project.id.clone(),
            reason,
            dismissed_by: user.id.clone(),
            dismissed_by_org_id: actor.organisation_id.clone(),
            created_at: now(),
        };
        repo::insert_dismissal(conn, &row)?;
        let details = serde_json::json!({"need": row.need_id, "project": row.project_id});
        audit::record(
            conn,
            Event::by("suggestion.dismiss", user, ip)
                .target("suggestion_dismissal", &row.id)
                .details(details),
        )?;
        Ok(DismissalView {
            id: row.id,
            need_id: row.need_id,
            project_id: row.project_id,
            reason: row.reason,
            created_at: row.created_at.into(),
        })
    })
}

/// Whether the project page lists suggested needs for this caller.
pub fn offered_on_project_page(
    user: &CurrentUser,
    project: &crate::services::projects::ProjectView,
) -> bool {
    access::offers_project_suggestions(&user.actor(), &project.owner_id)
}
