//! Adds who-does-what-where data to a database `seed` filled (scripts/bench-coordination.sh):
//! P assistance projects (20,000 by default) of the Compact entities, each listing one to
//! three States (one in ten regional or global instead) and one or two thematic areas, one
//! in five `compact`, in every status, over 2024-2028; one accepted match for every tenth
//! project; and a focal point of Kenya (`state@bench.example.org`, the same password).
//!
//!     seed_coordination DATABASE_URL [PROJECTS]

use chrono::{Duration, NaiveDate};
use diesel::Connection;
use portal::auth::password::hash_blocking;
use portal::auth::tokens::new_id;
use portal::config::DatabaseUrl;
use portal::db;
use portal::domain::values::{MatchStatus, OrgKind, ProjectStatus, ProjectVisibility};
use portal::domain::Role;
use portal::repo::matches::{self, Match};
use portal::repo::projects::{self, ChildRows, Project};
use portal::repo::{organisations, users};
use portal::services::admin::account_creation::{create_user, NewAccount};
use portal::services::reference;

fn main() {
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    let url = DatabaseUrl::parse(
        args.get(1)
            .expect("usage: seed_coordination DATABASE_URL [PROJECTS]"),
    )
    .expect("database URL");
    let count: usize = args
        .get(2)
        .map(|n| n.parse().expect("PROJECTS is a number"))
        .unwrap_or(20_000);
    let mut conn = db::establish(&url).expect("connect");
    let hash = hash_blocking("bench password long enough").unwrap();
    let _ = create_user(
        &mut conn,
        NewAccount {
            email: "state@bench.example.org".into(),
            name: "Kenya focal point".into(),
            organisation_code: "KEN".into(),
            role: Role::FocalPoint,
            password_hash: Some(hash),
        },
    );
    let creator = users::find_by_email(&mut conn, "coord@bench.example.org")
        .unwrap()
        .expect("run the `seed` bench first")
        .0
        .id;
    let mut states = Vec::new();
    let mut owners = Vec::new();
    for r in reference::reference_organisations() {
        let org = organisations::find_by_code(&mut conn, &r.code)
            .unwrap()
            .unwrap();
        match r.kind {
            OrgKind::MemberState => states.push(org.id),
            OrgKind::CompactEntity => owners.push(org.id),
            _ => {}
        }
    }
    let areas = reference::thematic_areas();
    let regions = reference::regions();
    let statuses = [
        ProjectStatus::Planned,
        ProjectStatus::Active,
        ProjectStatus::Active,
        ProjectStatus::Completed,
        ProjectStatus::Cancelled,
    ];
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let now = chrono::Utc::now().naive_utc();
    let started = std::time::Instant::now();
    let mut matched = Vec::new();
    for chunk in (0..count).collect::<Vec<_>>().chunks(2_000) {
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for &i in chunk {
                let starts_on = start + Duration::days((i * 37 % 1_400) as i64);
                let listed = i % 10 != 0;
                let state_ids: Vec<String> = if listed {
                    (0..1 + i % 3)
                        .map(|k| states[(i * 7 + k * 31) % states.len()].clone())
                        .collect()
                } else {
                    Vec::new()
                };
                let region_list: Vec<String> = if !listed && i % 20 == 0 {
                    vec![regions[i % regions.len()].clone()]
                } else {
                    Vec::new()
                };
                let area_list: Vec<String> = (0..1 + i % 2)
                    .map(|k| areas[(i + k * 3) % areas.len()].clone())
                    .collect();
                let project = Project {
                    id: new_id(),
                    owner_org_id: owners[i % owners.len()].clone(),
                    title: format!("Project {i}: assistance and training"),
                    description: "Training, equipment and mentoring for national authorities."
                        .into(),
                    programme: Some(reference::programmes()[i % 10].code.clone()),
                    status: statuses[i % statuses.len()],
                    visibility: if i % 5 == 0 {
                        ProjectVisibility::Compact
                    } else {
                        ProjectVisibility::Platform
                    },
                    is_global: state_ids.is_empty() && region_list.is_empty(),
                    starts_on,
                    ends_on: starts_on + Duration::days(180 + (i % 5) as i64 * 120),
                    budget_cents: None,
                    currency: None,
                    contact_user_id: None,
                    version: 1,
                    created_by: creator.clone(),
                    created_at: now,
                    updated_at: now,
                };
                projects::insert(conn, &project)?;
                let rows = ChildRows {
                    state_ids: &state_ids,
                    regions: &region_list,
                    areas: &area_list,
                    partner_ids: &[],
                };
                projects::replace_children(conn, &project.id, &rows)?;
                if i % 10 == 1 {
                    matched.push((project.id.clone(), state_ids[0].clone()));
                }
            }
            Ok(())
        })
        .unwrap();
    }
    eprintln!("{count} projects in {:?}", started.elapsed());
    // One accepted match per tenth project, for an open need of its first State.
    let started = std::time::Instant::now();
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        use diesel::prelude::*;
        use portal::db::schema::needs;
        for (k, (project, state)) in matched.iter().enumerate() {
            let need: Option<String> = needs::table
                .filter(needs::member_state_id.eq(state))
                .select(needs::id)
                .order(needs::created_at.asc())
                .offset(k as i64 / 50)
                .first(conn)
                .optional()?;
            let Some(need) = need else { continue };
            let m = Match {
                id: new_id(),
                need_id: need,
                project_id: project.clone(),
                member_state_id: state.clone(),
                status: MatchStatus::Accepted,
                note: "Bench match".into(),
                proposed_by: creator.clone(),
                proposed_by_org_id: owners[0].clone(),
                decided_by: None,
                reason: None,
                created_at: now,
                updated_at: now,
            };
            matches::insert(conn, &m)?;
        }
        Ok(())
    })
    .unwrap();
    eprintln!("{} matches in {:?}", matched.len(), started.elapsed());
    println!(
        "seeded {count} projects and {} accepted matches",
        matched.len()
    );
}
