//! The dashboard's measures at risk: the measures whose status is `at_risk` or `off_track` in
//! the published plans the caller may see, within their focus (`access::plans::AtRiskFocus`).
//! Three queries whatever the number of plans: the consultations (scope and focus in SQL), the
//! plans' measures, their validated values.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::measure_status;
use crate::access::plans::at_risk_focus;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::plans::MeasureStatus;
use crate::domain::time::now;
use crate::error::AppResult;
use crate::repo::consultations as consultations_repo;
use crate::repo::plans::{self as repo, Progress};
use crate::services::{content, reference};

/// A measure at risk or off track, with its plan.
#[derive(Debug, Clone, Serialize)]
pub struct AtRiskMeasure {
    pub plan_id: String,
    pub measure_id: String,
    pub member_state: String,
    pub member_state_name: String,
    pub programme: String,
    pub indicator: String,
    pub status: MeasureStatus,
    /// The latest validated value, as written, and its date.
    pub latest: String,
    pub latest_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// A plan with measures at risk: how many in each of the two statuses.
#[derive(Debug, Clone, Serialize)]
pub struct AtRiskPlan {
    pub plan_id: String,
    pub member_state: String,
    pub member_state_name: String,
    pub programme: String,
    pub at_risk: usize,
    pub off_track: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AtRisk {
    pub plans: Vec<AtRiskPlan>,
    pub measures: Vec<AtRiskMeasure>,
}

/// The programmes an organisation leads (`reference/programmes.csv`, `lead` lists codes).
fn led_programmes(code: &str) -> Vec<String> {
    reference::programmes()
        .iter()
        .filter(|p| p.lead.split(';').any(|l| l.trim() == code))
        .map(|p| p.code.clone())
        .collect()
}

pub fn at_risk(conn: &mut DbConnection, user: &CurrentUser) -> AppResult<AtRisk> {
    let scope = content::scope(user);
    let focus = at_risk_focus(&user.actor(), led_programmes(&user.organisation_code));
    let plans = consultations_repo::visible_in_focus(conn, &scope, &focus)?;
    if plans.is_empty() {
        return Ok(AtRisk::default());
    }
    let ids: Vec<String> = plans.iter().map(|(_, _, id)| id.clone()).collect();
    let mut latest: HashMap<String, Progress> = HashMap::new();
    for p in repo::validated_of_plans(conn, &ids)? {
        // Oldest measurement first: the last one seen is the latest.
        latest.insert(p.measure_id.clone(), p);
    }
    let by_plan: HashMap<&str, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, (_, _, id))| (id.as_str(), i))
        .collect();
    let today = now().date();
    let mut out = AtRisk::default();
    let mut counts: Vec<(usize, usize)> = vec![(0, 0); plans.len()];
    for m in repo::measures_of_plans(conn, &ids)? {
        let last = latest.get(&m.id);
        let status = measure_status(&m, last, today);
        let (Some(last), Some(&i)) = (last, by_plan.get(m.plan_id.as_str())) else {
            continue;
        };
        match status {
            MeasureStatus::AtRisk => counts[i].0 += 1,
            MeasureStatus::OffTrack => counts[i].1 += 1,
            _ => continue,
        }
        let (c, state, _) = &plans[i];
        out.measures.push(AtRiskMeasure {
            plan_id: m.plan_id.clone(),
            measure_id: m.id.clone(),
            member_state: state.code.clone(),
            member_state_name: state.name.clone(),
            programme: c.programme.clone(),
            indicator: m.indicator.clone(),
            status,
            latest: last.value_text.clone(),
            latest_on: last.measured_on,
            due_on: m.due_on,
        });
    }
    out.plans = plans
        .iter()
        .zip(counts)
        .filter(|(_, (r, o))| r + o > 0)
        .map(|((c, state, id), (at_risk, off_track))| AtRiskPlan {
            plan_id: id.clone(),
            member_state: state.code.clone(),
            member_state_name: state.name.clone(),
            programme: c.programme.clone(),
            at_risk,
            off_track,
        })
        .collect();
    Ok(out)
}
