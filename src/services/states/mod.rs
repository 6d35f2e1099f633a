//! A page per Member State (issue 15): everything the viewer may see about one State, each
//! part read through its own area's service or scope (reports, needs, projects, plans,
//! activities, documents), so the page never shows what those areas' pages would not.

use std::collections::HashMap;

use serde::Serialize;

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::plans::ProgressStatus;
use crate::domain::time::now;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::PageParams;
use crate::repo;
use crate::repo::models::Organisation;
use crate::repo::plans::Progress;
use crate::services::activities::{self, ActivityView};
use crate::services::consultations::{self, ConsultationListItem};
use crate::services::documents::{self, DocumentView};
use crate::services::needs::{self, NeedView};
use crate::services::plans::{measure_status, StatusCounts};
use crate::services::projects::{self, ProjectView};
use crate::services::reference::state_name;
use crate::services::reports::{self, ReportListItem};
use crate::services::{content, dashboard::ITEMS};

/// At most this many rows per list on the page; each links to its full, filtered list.
const ROWS: i64 = 10;

/// One plan of the State with its measures counted by status.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    pub consultation: ConsultationListItem,
    pub measures: usize,
    pub counts: StatusCounts,
}

/// What the viewer may see about one State.
#[derive(Debug, Clone, Serialize)]
pub struct StatePage {
    pub code: String,
    /// In the reader's language.
    pub name: String,
    pub regional_group: Option<String>,
    /// The viewer's own State.
    pub own: bool,
    pub reports: Vec<ReportListItem>,
    /// Needs by status (`open`, `matched`, …), as many as the viewer sees.
    pub need_counts: Vec<(String, i64)>,
    pub need_total: i64,
    pub uncovered: i64,
    pub open_needs: Vec<NeedView>,
    pub projects: Vec<ProjectView>,
    pub plans: Vec<PlanSummary>,
    pub activities: Vec<ActivityView>,
    pub documents: Vec<DocumentView>,
    /// (code, name, projects) of the organisations with projects there.
    pub organisations: Vec<(String, String, i64)>,
}

/// A Member State by its ISO alpha-3 code in any case (`content::member_state`); in a path,
/// anything else is not found.
pub fn find_state(conn: &mut DbConnection, code: &str) -> AppResult<Organisation> {
    match content::member_state(conn, code) {
        Err(AppError::BadRequest {
            code: ErrorCode::UnknownMemberState,
            ..
        }) => Err(AppError::NotFound),
        found => found,
    }
}

/// A State's name in `lang`, or the one the database has.
pub fn localised_name(code: &str, fallback: &str, lang: &str) -> String {
    state_name(code, lang).unwrap_or(fallback).to_string()
}

fn rows() -> PageParams {
    PageParams::new(None, Some(ROWS))
}

/// The State's page as the caller may see it.
pub fn read(
    conn: &mut DbConnection,
    user: &CurrentUser,
    code: &str,
    lang: &str,
) -> AppResult<StatePage> {
    let state = find_state(conn, code)?;
    let code = state.code.clone();
    let scope = content::scope(user);
    let reports = reports::list(
        conn,
        user,
        reports::ReportQuery {
            member_state: Some(code.clone()),
            page: rows(),
            ..Default::default()
        },
    )?
    .items;
    let need_counts: Vec<(String, i64)> = repo::dashboard::need_counts(conn, &scope, &state.id)?
        .into_iter()
        .map(|(status, n)| (status.to_string(), n))
        .collect();
    let open_needs = needs::list(
        conn,
        user,
        needs::NeedQuery {
            member_state: Some(code.clone()),
            status: Some("open".into()),
            page: rows(),
            ..Default::default()
        },
    )?
    .items;
    let projects = projects::list(
        conn,
        user,
        projects::ProjectQuery {
            member_state: Some(code.clone()),
            page: rows(),
            ..Default::default()
        },
    )?
    .items;
    let activities = activities::list(
        conn,
        user,
        activities::ActivityQuery {
            member_state: Some(code.clone()),
            from: Some(now().date().to_string()),
            page: rows(),
            ..Default::default()
        },
    )?
    .items;
    let documents =
        repo::documents::about_state(conn, &documents::scope(user), &scope, &state.id, ITEMS)?
            .into_iter()
            .map(|(d, owner, owner_name)| documents::view(d, owner, owner_name, Vec::new()))
            .collect();
    Ok(StatePage {
        name: localised_name(&code, &state.name, lang),
        regional_group: state.regional_group.clone(),
        own: user.organisation_id == state.id,
        need_total: need_counts.iter().map(|(_, n)| n).sum(),
        uncovered: repo::dashboard::uncovered_count(conn, &scope, &state.id)?,
        plans: plans_of(conn, user, &code)?,
        organisations: repo::dashboard::organisations_in_state(
            conn,
            &projects::scope(user),
            &state.id,
        )?,
        code,
        reports,
        need_counts,
        open_needs,
        projects,
        activities,
        documents,
    })
}

/// The State's plans the caller may see (through their consultations), each with its
/// measures counted by status: three queries whatever the number of plans.
fn plans_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    code: &str,
) -> AppResult<Vec<PlanSummary>> {
    let visible = consultations::list(
        conn,
        user,
        consultations::ConsultationQuery {
            member_state: Some(code.to_string()),
            page: rows(),
            ..Default::default()
        },
    )?
    .items;
    let plan_ids: Vec<String> = visible.iter().map(|c| c.plan_id.clone()).collect();
    let measures = repo::plans::measures_of_plans(conn, &plan_ids)?;
    // Oldest measurement first: the last one seen per measure is its latest.
    let mut latest: HashMap<String, Progress> = HashMap::new();
    for p in repo::plans::validated_of_plans(conn, &plan_ids)? {
        if p.status == ProgressStatus::Validated {
            latest.insert(p.measure_id.clone(), p);
        }
    }
    let today = now().date();
    Ok(visible
        .into_iter()
        .map(|consultation| {
            let mut counts = StatusCounts::default();
            let mut n = 0;
            for m in measures
                .iter()
                .filter(|m| m.plan_id == consultation.plan_id)
            {
                counts.add(measure_status(m, latest.get(&m.id), today));
                n += 1;
            }
            PlanSummary {
                consultation,
                measures: n,
                counts,
            }
        })
        .collect())
}

/// A regional group and its States' (code, name).
pub type RegionStates = (String, Vec<(String, String)>);

/// Every Member State by regional group, names in `lang` (the index of the States' pages).
pub fn index(conn: &mut DbConnection, lang: &str) -> AppResult<Vec<RegionStates>> {
    let mut groups: Vec<RegionStates> = Vec::new();
    for (_, code, name, region) in repo::coordination::member_states(conn, None)? {
        let region = region.unwrap_or_default();
        let entry = (code.clone(), localised_name(&code, &name, lang));
        match groups.iter_mut().find(|(r, _)| *r == region) {
            Some((_, states)) => states.push(entry),
            None => groups.push((region, vec![entry])),
        }
    }
    // Groups and States by their names in the reader's language, as that language sorts.
    fn group_name<'a>(g: &'a str, lang: &str) -> &'a str {
        crate::l10n::name(crate::l10n::RefList::RegionalGroup, g, lang).unwrap_or(g)
    }
    groups
        .sort_by(|a, b| crate::l10n::compare(group_name(&a.0, lang), group_name(&b.0, lang), lang));
    for (_, states) in &mut groups {
        crate::l10n::sort_by_name(states, lang, |s| s.1.as_str());
    }
    Ok(groups)
}
