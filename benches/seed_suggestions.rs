//! Adds assistance projects to a database seeded by `seed` (reports, needs and the bench
//! accounts), for the suggestions benchmark (scripts/bench-suggestions.sh): N projects (20,000
//! by default) of the Compact entities, with varied titles and descriptions, one or two
//! thematic areas, and a place like real offers: most name one to three States, some a
//! regional group, some every State; most are planned or active, a few compact-only.
//!
//! With NEEDS, it then grows the needs to that many (SQLite only) by copying the ones `seed`
//! made, in one `INSERT … SELECT` per copy inside SQLite: inserting two million needs one by
//! one through diesel takes an hour on this machine, the copies a few minutes.
//!
//!     seed_suggestions DATABASE_URL [PROJECTS] [NEEDS]

use chrono::{Duration, NaiveDate};
use diesel::Connection;
use portal::auth::tokens::new_id;
use portal::config::DatabaseUrl;
use portal::db;
use portal::domain::values::{OrgKind, ProjectStatus, ProjectVisibility};
use portal::repo::organisations;
use portal::repo::projects::{self, ChildRows, Project};
use portal::services::reference::{self, reference_organisations};

const WORK: [&str; 12] = [
    "Training border guards at land crossings",
    "Passenger information unit and API/PNR data analysis",
    "Financial intelligence unit mentoring on suspicious transactions",
    "Prosecutors and judges workshop on terrorism cases",
    "Electronic evidence preservation and mutual legal assistance",
    "Marking and tracing of small arms",
    "Protection of soft targets and critical infrastructure",
    "Fusion cell analysis and information sharing",
    "Community prevention networks with youth and women",
    "Biometric systems at border crossings with data protection",
    "Rehabilitation and reintegration of returnees",
    "Prison management and violent extremist prisoners",
];

const DETAIL: [&str; 6] = [
    "Equipment, standard operating procedures and mentoring over several missions.",
    "A regional workshop followed by national exercises and a train-the-trainers course.",
    "Legislative advice, institutional assessment and a follow-up review after a year.",
    "Online courses, a peer exchange between agencies and a final table-top exercise.",
    "Specialised training with guidance material in English and French.",
    "Technical assistance tailored to the national action plan and its indicators.",
];

fn main() {
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    let url = DatabaseUrl::parse(
        args.get(1)
            .expect("usage: seed_suggestions DATABASE_URL [N]"),
    )
    .expect("database URL");
    let count: usize = args
        .get(2)
        .map(|n| n.parse().expect("PROJECTS is a number"))
        .unwrap_or(20_000);
    let target_needs: Option<i64> = args.get(3).map(|n| n.parse().expect("NEEDS is a number"));
    let mut conn = db::establish(&url).expect("connect");
    let creator = portal::repo::users::find_by_email(&mut conn, "coord@bench.example.org")
        .unwrap()
        .expect("run the `seed` bench first")
        .0
        .id;
    let mut states = Vec::new();
    for (code, _, _) in organisations::member_states(&mut conn).unwrap() {
        states.push(
            organisations::find_by_code(&mut conn, &code)
                .unwrap()
                .unwrap()
                .id,
        );
    }
    let mut owners = Vec::new();
    for o in reference_organisations() {
        if o.kind == OrgKind::CompactEntity {
            owners.push(
                organisations::find_by_code(&mut conn, &o.code)
                    .unwrap()
                    .unwrap()
                    .id,
            );
        }
    }
    let mut regions: Vec<String> = reference_organisations()
        .into_iter()
        .filter_map(|o| o.regional_group)
        .collect();
    regions.sort();
    regions.dedup();
    let areas = reference::thematic_areas();
    let programmes = reference::programmes();
    let started = std::time::Instant::now();
    let base = chrono::Utc::now().naive_utc() - Duration::days(200);
    for chunk in (0..count).collect::<Vec<_>>().chunks(2_000) {
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for &i in chunk {
                let at = base + Duration::seconds(i as i64 * 60);
                let starts_on =
                    NaiveDate::from_ymd_opt(2024 + (i % 4) as i32, 1 + (i % 12) as u32, 1).unwrap();
                let (place_states, place_regions) = match i % 20 {
                    0 | 1 => (Vec::new(), Vec::new()),
                    2..=4 => (Vec::new(), vec![regions[i % regions.len()].clone()]),
                    _ => {
                        let n = 1 + i % 3;
                        (
                            (0..n)
                                .map(|k| states[(i * 7 + k * 31) % states.len()].clone())
                                .collect(),
                            Vec::new(),
                        )
                    }
                };
                let mut project_areas = vec![areas[i % areas.len()].clone()];
                if i % 4 == 0 {
                    project_areas.push(areas[(i / 4 + 3) % areas.len()].clone());
                    project_areas.dedup();
                }
                let p = Project {
                    id: new_id(),
                    owner_org_id: owners[i % owners.len()].clone(),
                    title: format!("{} ({})", WORK[i % WORK.len()], i),
                    description: format!(
                        "{} {}",
                        DETAIL[i % DETAIL.len()],
                        WORK[(i / 12) % WORK.len()]
                    ),
                    programme: Some(programmes[i % programmes.len()].code.clone()),
                    status: [
                        ProjectStatus::Planned,
                        ProjectStatus::Active,
                        ProjectStatus::Active,
                        ProjectStatus::Completed,
                        ProjectStatus::Planned,
                    ][i % 5],
                    visibility: if i % 10 == 9 {
                        ProjectVisibility::Compact
                    } else {
                        ProjectVisibility::Platform
                    },
                    is_global: place_states.is_empty() && place_regions.is_empty(),
                    starts_on,
                    ends_on: starts_on + Duration::days(365 + (i % 4) as i64 * 365),
                    budget_cents: Some(10_000_000 + i as i64),
                    currency: Some("USD".into()),
                    contact_user_id: None,
                    version: 1,
                    created_by: creator.clone(),
                    created_at: at,
                    updated_at: at,
                };
                projects::insert(conn, &p)?;
                let rows = ChildRows {
                    state_ids: &place_states,
                    regions: &place_regions,
                    areas: &project_areas,
                    partner_ids: &[],
                };
                projects::replace_children(conn, &p.id, &rows)?;
            }
            Ok(())
        })
        .unwrap();
    }
    eprintln!("{count} projects in {:?}", started.elapsed());
    println!("seeded {count} projects");
    if let Some(target) = target_needs {
        grow_needs(&mut conn, target);
    }
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Copies the needs `seed` made until there are `target`: copy k gets ids
/// `0000000k-0000-4000-8000-<rowid>` and times k hours earlier, so each copy is a new batch of
/// the same States, areas and visibilities.
fn grow_needs(conn: &mut db::DbConnection, target: i64) {
    use diesel::RunQueryDsl;
    let started = std::time::Instant::now();
    let count = |conn: &mut db::DbConnection| {
        diesel::sql_query("SELECT count(*) AS n FROM needs")
            .get_result::<Count>(conn)
            .unwrap()
            .n
    };
    // The needs `seed` made (copies have ids of the form below); a second run goes on where
    // the first stopped.
    let base =
        diesel::sql_query("SELECT count(*) AS n FROM needs WHERE id NOT LIKE '%-0000-4000-8000-%'")
            .get_result::<Count>(conn)
            .unwrap()
            .n;
    diesel::sql_query("PRAGMA cache_size = -1000000")
        .execute(conn)
        .unwrap();
    let mut copy = 1;
    while count(conn) < target {
        let room = target - count(conn);
        let sql = format!(
            "INSERT OR IGNORE INTO needs (id, member_state_id, report_id, section_id, title, description, \
             thematic_area, priority, status, visibility, created_by, created_at, updated_at) \
             SELECT printf('%08x-0000-4000-8000-%012x', {copy}, rowid), member_state_id, report_id, \
             section_id, title, description, thematic_area, priority, status, visibility, created_by, \
             datetime(created_at, '-{copy} hours'), datetime(updated_at, '-{copy} hours') \
             FROM needs WHERE rowid <= {base} ORDER BY rowid LIMIT {room}"
        );
        diesel::sql_query(sql).execute(conn).unwrap();
        copy += 1;
    }
    eprintln!("needs grown to {} in {:?}", count(conn), started.elapsed());
}
