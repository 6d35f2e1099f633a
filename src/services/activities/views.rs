//! An activity as the API shows it: its State, owner and organisers by code and name.

use std::collections::HashMap;

use super::types::{ActivityView, OrgRef};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::repo::activities::{self as repo, Activity};

pub(super) fn one_view(conn: &mut DbConnection, activity: Activity) -> AppResult<ActivityView> {
    views(conn, vec![activity])?
        .pop()
        .ok_or_else(|| AppError::internal("an activity without its view"))
}

/// The views of these activities: two more queries whatever their number (organisers, then
/// the States and owners).
pub(super) fn views(conn: &mut DbConnection, rows: Vec<Activity>) -> AppResult<Vec<ActivityView>> {
    let ids: Vec<&str> = rows.iter().map(|a| a.id.as_str()).collect();
    let mut organisers = repo::organisers_of(conn, &ids)?;
    let mut org_ids: Vec<&str> = rows
        .iter()
        .flat_map(|a| {
            [
                Some(a.organisation_id.as_str()),
                a.member_state_id.as_deref(),
            ]
        })
        .flatten()
        .collect();
    org_ids.sort_unstable();
    org_ids.dedup();
    let orgs: HashMap<String, OrgRef> = repo::org_refs(conn, &org_ids)?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let state = a.member_state_id.as_ref().and_then(|s| orgs.get(s));
            let owner = orgs.get(&a.organisation_id);
            ActivityView {
                member_state: state.map(|s| s.code.clone()),
                member_state_name: state.map(|s| s.name.clone()),
                organisation: owner.map(|o| o.code.clone()).unwrap_or_default(),
                organisers: organisers
                    .remove(&a.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(_, o)| o)
                    .collect(),
                id: a.id,
                title: a.title,
                description: a.description,
                kind: a.kind,
                region: a.region,
                programme: a.programme,
                thematic_area: a.thematic_area,
                project_id: a.project_id,
                plan_id: a.plan_id,
                working_group: a.working_group,
                starts_on: a.starts_on,
                ends_on: a.ends_on,
                status: a.status,
                visibility: a.visibility,
                sequence: a.sequence,
                created_at: a.created_at.into(),
                updated_at: a.updated_at.into(),
            }
        })
        .collect())
}
