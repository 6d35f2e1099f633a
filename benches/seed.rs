//! Loads a realistic volume into a portal database for the list-page benchmark
//! (scripts/bench-reports.sh): 193 States × 5 reports × 12 sections and N needs (20,000 by
//! default), plus one coordinator and one entity focal point, both with the password
//! `bench password long enough`.
//!
//!     cargo bench --bench seed -- DATABASE_URL [NEEDS]

use chrono::{Duration, NaiveDate};
use diesel::Connection;
use portal::auth::password::hash_blocking;
use portal::auth::tokens::new_id;
use portal::config::DatabaseUrl;
use portal::db::{self, write_transaction};
use portal::domain::values::{Consent, NeedStatus, NeedVisibility, Priority, ReportStatus};
use portal::domain::Role;
use portal::repo::needs::{self, Need};
use portal::repo::organisations;
use portal::repo::reports::{self, Report, Section};
use portal::services::admin::account_creation::{create_user, NewAccount};
use portal::services::reference;

fn main() {
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    let url = DatabaseUrl::parse(args.get(1).expect("usage: seed DATABASE_URL [NEEDS]"))
        .expect("database URL");
    let need_count: usize = args
        .get(2)
        .map(|n| n.parse().expect("NEEDS is a number"))
        .unwrap_or(20_000);
    let mut conn = db::establish(&url).expect("connect");
    db::run_migrations(&mut conn).expect("migrate");
    reference::load_reference_organisations(&mut conn).expect("organisations");
    let hash = hash_blocking("bench password long enough").unwrap();
    for (email, org, role) in [
        ("coord@bench.example.org", "CTED", Role::Coordinator),
        ("entity@bench.example.org", "UNODC", Role::FocalPoint),
    ] {
        let _ = create_user(
            &mut conn,
            NewAccount {
                email: email.into(),
                name: email.into(),
                organisation_code: org.into(),
                role,
                password_hash: Some(hash.clone()),
            },
        );
    }
    let coordinator = portal::repo::users::find_by_email(&mut conn, "coord@bench.example.org")
        .unwrap()
        .unwrap()
        .0
        .id;
    let states = organisations::member_states(&mut conn).unwrap();
    let programmes = reference::programmes();
    let areas = reference::thematic_areas();
    let started = std::time::Instant::now();
    let mut sources: Vec<(String, String, String, bool)> = Vec::new();
    write_transaction::<_, diesel::result::Error, _>(&mut conn, |conn| {
        let base = chrono::Utc::now().naive_utc() - Duration::days(400);
        for (s, (code, name, _)) in states.iter().enumerate() {
            let org = organisations::find_by_code(conn, code)?.unwrap();
            for r in 0..5 {
                let report = Report {
                    id: new_id(),
                    member_state_id: org.id.clone(),
                    title: format!("{name}: assessment visit {}", 2020 + r),
                    visit_date: NaiveDate::from_ymd_opt(
                        2020 + r as i32,
                        1 + (s % 12) as u32,
                        1 + (r * 5) as u32,
                    )
                    .unwrap(),
                    summary: format!(
                        "Assessment of {name}'s counter-terrorism framework, visit {r}."
                    ),
                    programme: Some(programmes[(s + r) % programmes.len()].code.clone()),
                    status: if r == 4 {
                        ReportStatus::Draft
                    } else {
                        ReportStatus::Published
                    },
                    version: 1,
                    created_by: coordinator.clone(),
                    created_at: base,
                    updated_at: base,
                    published_at: Some(base),
                };
                reports::insert(conn, &report)?;
                for k in 0..12 {
                    let section = Section {
                        id: new_id(),
                        report_id: report.id.clone(),
                        position: k + 1,
                        heading: format!("Section {}", k + 1),
                        body:
                            "Findings of the delegation on this aspect of the national framework. "
                                .repeat(8),
                        consent: if k % 4 == 3 {
                            Consent::Withheld
                        } else {
                            Consent::Published
                        },
                    };
                    reports::insert_section(conn, &section)?;
                    sources.push((
                        org.id.clone(),
                        report.id.clone(),
                        section.id.clone(),
                        report.status == ReportStatus::Published && k % 4 != 3,
                    ));
                }
            }
        }
        Ok(())
    })
    .unwrap();
    eprintln!("reports and sections in {:?}", started.elapsed());
    let started = std::time::Instant::now();
    let base = chrono::Utc::now().naive_utc() - Duration::days(300);
    for chunk in (0..need_count).collect::<Vec<_>>().chunks(10_000) {
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for &i in chunk {
                let (org, report, section, open) = &sources[i % sources.len()];
                let at = base + Duration::seconds(i as i64);
                needs::insert(
                    conn,
                    &Need {
                        id: new_id(),
                        member_state_id: org.clone(),
                        report_id: Some(report.clone()),
                        section_id: Some(section.clone()),
                        title: format!("Need {i}: training and equipment"),
                        description: "Support requested by the national authorities.".into(),
                        thematic_area: areas[i % areas.len()].clone(),
                        priority: [Priority::High, Priority::Medium, Priority::Low][i % 3],
                        status: NeedStatus::Open,
                        visibility: if *open {
                            NeedVisibility::Published
                        } else {
                            NeedVisibility::Withheld
                        },
                        created_by: coordinator.clone(),
                        created_at: at,
                        updated_at: at,
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    }
    eprintln!("{need_count} needs in {:?}", started.elapsed());
    println!(
        "seeded {} reports, {} sections, {need_count} needs",
        states.len() * 5,
        states.len() * 60
    );
}
