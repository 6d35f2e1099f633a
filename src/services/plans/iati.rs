//! The IATI results export of one plan or of a programme's plans: only the plans the caller
//! may see (the consultation's scope, in SQL), validated values only; every export audited.

use std::collections::HashMap;

use diesel::{Connection, QueryResult};

use super::iati_xml::{render, PlanExport, Publisher};
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::time::now;
use crate::error::{AppError, AppResult};
use crate::repo::consultations::{self as consultations_repo, Consultation};
use crate::repo::organisations;
use crate::repo::plans::{self as repo, Progress};
use crate::repo::reports::StateRef;
use crate::services::audit::{self, Event, Outcome};
use crate::services::consultations::read_list;
use crate::services::{content, reference};

/// One plan as an IATI activity file; denied and missing alike are 404 (the refusal audited).
pub fn plan_activity(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    publisher: &Publisher,
    plan_id: &str,
) -> AppResult<String> {
    let scope = content::scope(user);
    let event = Event::by("plan.export_iati", user, ip);
    let found = conn.transaction(|conn| -> QueryResult<_> {
        let Some((consultation, state)) =
            consultations_repo::find_visible_by_plan(conn, &scope, plan_id)?
        else {
            return Ok(None);
        };
        let plans = vec![(consultation, state, plan_id.to_string())];
        write(conn, publisher, &plans).map(Some)
    })?;
    let Some(xml) = found else {
        audit::record_refused_read(conn, event.target("plan", plan_id), plan_id)?;
        return Err(AppError::NotFound);
    };
    audit::record_read(conn, event.target("plan", plan_id))?;
    Ok(xml)
}

/// Every plan of a programme the caller may see, one activity each; a programme that is not
/// a reference programme, or of which the caller sees no plan, is 404 (the file needs at
/// least one activity, and an empty answer would say no more than a missing one).
pub fn programme_activities(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    publisher: &Publisher,
    code: &str,
) -> AppResult<String> {
    let Some(programme) = reference::programmes().iter().find(|p| p.code == code) else {
        return Err(AppError::NotFound);
    };
    let scope = content::scope(user);
    let (count, xml) = conn.transaction(|conn| -> QueryResult<_> {
        let plans = consultations_repo::visible_of_programme(conn, &scope, &programme.code)?;
        if plans.is_empty() {
            return Ok((0, None));
        }
        Ok((plans.len(), Some(write(conn, publisher, &plans)?)))
    })?;
    let event = Event::by("programme.export_iati", user, ip)
        .target("programme", &programme.code)
        .details(serde_json::json!({ "plans": count }));
    let Some(xml) = xml else {
        audit::record_read(conn, event.outcome(Outcome::Denied))?;
        return Err(AppError::NotFound);
    };
    audit::record_read(conn, event)?;
    Ok(xml)
}

/// Loads the measures, validated values and organisations of `plans` (three queries whatever
/// their number) and writes the file.
fn write(
    conn: &mut DbConnection,
    publisher: &Publisher,
    plans: &[(Consultation, StateRef, String)],
) -> QueryResult<String> {
    let ids: Vec<String> = plans.iter().map(|p| p.2.clone()).collect();
    let measures = repo::measures_of_plans(conn, &ids)?;
    let mut validated: HashMap<String, Vec<Progress>> = HashMap::new();
    for p in repo::validated_of_plans(conn, &ids)? {
        validated.entry(p.measure_id.clone()).or_default().push(p);
    }
    let mut codes: Vec<String> = measures
        .iter()
        .flat_map(|m| read_list(&m.responsible))
        .chain(plans.iter().flat_map(|p| read_list(&p.0.participants)))
        .collect();
    codes.sort();
    codes.dedup();
    let orgs: HashMap<String, _> = organisations::by_codes(conn, &codes)?
        .into_iter()
        .map(|o| (o.code.to_lowercase(), o))
        .collect();
    let exports: Vec<PlanExport> = plans
        .iter()
        .map(|(consultation, state, plan_id)| PlanExport {
            plan_id,
            consultation,
            state,
            measures: measures.iter().filter(|m| &m.plan_id == plan_id).collect(),
            validated: &validated,
        })
        .collect();
    Ok(render(publisher, &exports, &orgs, now()))
}
