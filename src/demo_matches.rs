//! Demo matches: the demo needs matched with running demo projects, in every status
//! (proposed, accepted, declined with a reason, completed), so `/matches`, the need and project
//! pages and the "uncovered" filter show a real picture.

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::matches::{self, MatchPatch, MatchQuery, MatchStatus, NewMatch};
use crate::services::needs::{self, NeedQuery};
use crate::services::projects::{self, ProjectQuery};

/// How many matches the demo proposes (cycling through the four statuses).
const MATCHES: usize = 12;

fn ids_of_projects(
    conn: &mut DbConnection,
    coordinator: &CurrentUser,
    status: &str,
) -> AppResult<Vec<String>> {
    let query = ProjectQuery {
        status: Some(status.into()),
        page: PageParams::new(None, Some(50)),
        ..Default::default()
    };
    Ok(projects::list(conn, coordinator, query)?
        .items
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// Adds the demo matches once (nothing when matches already exist), as the coordinator, who
/// may propose, decide and complete every one of them.
pub fn seed(conn: &mut DbConnection, coordinator: &CurrentUser) -> AppResult<usize> {
    let first = MatchQuery {
        page: PageParams::new(None, Some(1)),
        ..Default::default()
    };
    if !matches::list(conn, coordinator, first)?.items.is_empty() {
        return Ok(0);
    }
    let query = NeedQuery {
        page: PageParams::new(None, Some(50)),
        ..Default::default()
    };
    let need_ids: Vec<String> = needs::list(conn, coordinator, query)?
        .items
        .into_iter()
        .map(|n| n.id)
        .collect();
    let mut running = ids_of_projects(conn, coordinator, "active")?;
    running.extend(ids_of_projects(conn, coordinator, "planned")?);
    if need_ids.is_empty() || running.is_empty() {
        return Ok(0);
    }
    let count = MATCHES.min(running.len());
    let steps: [&[(MatchStatus, Option<&str>)]; 4] = [
        &[],
        &[(MatchStatus::Accepted, None)],
        &[(
            MatchStatus::Declined,
            Some("Already covered by a bilateral programme."),
        )],
        &[
            (MatchStatus::Accepted, None),
            (MatchStatus::Completed, None),
        ],
    ];
    for (k, project_id) in running.iter().take(count).enumerate() {
        let proposal = NewMatch {
            need_id: need_ids[k % need_ids.len()].clone(),
            project_id: project_id.clone(),
            note: "The project's activities answer this need.".into(),
        };
        let proposed = matches::propose(conn, coordinator, "demo", proposal)?;
        for (status, reason) in steps[k % steps.len()] {
            let patch = MatchPatch {
                status: *status,
                reason: reason.map(str::to_string),
            };
            matches::transition(conn, coordinator, "demo", &proposed.id, patch)?;
        }
    }
    Ok(count)
}
