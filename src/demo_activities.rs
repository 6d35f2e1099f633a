//! The demo calendar: 60 activities over the coming six months from 12 organisations, of every
//! kind, status and visibility, some overlapping in the same State (issue 14).

use chrono::Days;

use crate::auth::tokens::new_id;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::now;
use crate::domain::values::{ActivityKind, ActivityStatus, ActivityVisibility};
use crate::error::{AppError, AppResult};
use crate::repo::activities::{self as repo, Activity};
use crate::repo::organisations;
use crate::services::reference;

const ORGANISERS: [&str; 12] = [
    "UNODC", "UNOCT", "CTED", "UNCCT", "INTERPOL", "ICAO", "UNDP", "UNICEF", "UNESCO", "IOM",
    "OHCHR", "UNHCR",
];
/// The reference working groups whose work plans the demo activities fill.
const GROUPS: [&str; 8] = [
    "BMLE",
    "CJLR-CFT",
    "ETCIP",
    "GENDER",
    "STRATEGIES",
    "PCVE",
    "HR-ROL",
    "RM-ME",
];
const STATES: [&str; 8] = ["KEN", "NGA", "IDN", "JOR", "COL", "MLI", "PHL", "FRA"];
const TOPICS: [&str; 6] = [
    "Border security and API/PNR",
    "Financial intelligence units",
    "Prosecuting terrorism cases",
    "Protecting soft targets",
    "Preventing violent extremism in schools",
    "Digital evidence for investigators",
];

/// Adds the demo activities once (nothing when any activity exists); returns how many.
pub fn seed(conn: &mut DbConnection, author: &CurrentUser) -> AppResult<usize> {
    if repo::count_all(conn)? > 0 {
        return Ok(0);
    }
    use strum::VariantArray;
    let kinds = ActivityKind::VARIANTS;
    let statuses = ActivityStatus::VARIANTS;
    let programmes = reference::programmes();
    let today = now().date();
    write_transaction(conn, |conn| {
        let mut org_ids = Vec::new();
        for code in ORGANISERS.iter().chain(STATES.iter()) {
            // An organisation missing from the reference data is skipped, not an error.
            org_ids.push(organisations::find_by_code(conn, code)?.map(|o| o.id));
        }
        let (orgs, states) = org_ids.split_at(ORGANISERS.len());
        let mut created = 0;
        for i in 0..60usize {
            let Some(owner) = orgs[i % orgs.len()].clone() else {
                continue;
            };
            // Pairs of activities start together in the same State: the calendar's clashes.
            let offset = (i / 2 * 6 + i % 2) as u64 % 180 + 1;
            let starts_on = today.checked_add_days(Days::new(offset)).unwrap_or(today);
            let ends_on = starts_on
                .checked_add_days(Days::new((i % 4) as u64))
                .unwrap_or(starts_on);
            let state = states[(i / 2) % states.len()].clone();
            let programme = &programmes[i % programmes.len()];
            let visibility = match i % 6 {
                4 => ActivityVisibility::Compact,
                5 => ActivityVisibility::Organisers,
                _ => ActivityVisibility::Platform,
            };
            let kind = kinds[i % kinds.len()];
            let stamp = now();
            let activity = Activity {
                id: new_id(),
                title: format!("{} ({})", TOPICS[i % TOPICS.len()], ORGANISERS[i % 12]),
                description: format!("Demo {} of the {} programme.", kind, programme.name),
                kind,
                member_state_id: state,
                region: None,
                programme: Some(programme.code.clone()),
                thematic_area: Some(programme.thematic_area.clone()),
                project_id: None,
                plan_id: None,
                // Every third activity is on a working group's work plan.
                working_group: (i % 3 == 0).then(|| GROUPS[i / 3 % GROUPS.len()].to_string()),
                starts_on,
                ends_on,
                status: statuses[(i / 3) % statuses.len()],
                visibility,
                sequence: 0,
                organisation_id: owner.clone(),
                created_by: author.id.clone(),
                created_at: stamp,
                updated_at: stamp,
            };
            repo::insert(conn, &activity)?;
            let mut organisers = vec![owner];
            if let Some(Some(partner)) = orgs.get((i + 5) % orgs.len()) {
                if i % 3 == 0 && !organisers.contains(partner) {
                    organisers.push(partner.clone());
                }
            }
            repo::set_organisers(conn, &activity.id, &organisers)?;
            created += 1;
        }
        Ok::<_, AppError>(created)
    })
}
