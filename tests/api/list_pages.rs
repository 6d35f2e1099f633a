//! The list pages of reports, needs, projects and documents (issue 16): each says how many rows
//! match its filters for the reader, counting only what the reader may see; its sortable headers
//! sort it both ways, the cursor following the sort across pages; a bad sort is a 400.
//!
//! The rows are written straight into the database (55 a list: two pages of 50), with ids and
//! titles that sort the same under any collation.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use portal::db::schema::organisations;
use portal::db::DbConnection;
use portal::domain::values::{
    Classification, NeedStatus, NeedVisibility, Priority, ProjectStatus, ProjectVisibility,
    ReportStatus,
};
use portal::domain::Role;
use portal::repo::{documents, needs, projects, reports};

use crate::helpers::{spawn_app, Browser, TestApp};

/// What a list's rows are sorted by, in the test's terms: each visible row's id and its value
/// of every sort (written so that Rust's order is the database's).
struct Listed {
    path: &'static str,
    /// What the test's ids of this list start with.
    prefix: &'static str,
    rows: Vec<(String, Vec<(&'static str, String)>)>,
}

/// A new portal, the id of an author of `author_org` (for the rows written directly), the
/// reader (`reader`, of `reader_org`, a focal point) signed in and a connection.
async fn reader_of(
    author_org: &str,
    reader: &str,
    reader_org: &str,
) -> (TestApp, String, Browser, DbConnection) {
    let app = spawn_app().await;
    let email = format!("author@{}.example.org", author_org.to_lowercase());
    let author = app.create_user(&email, author_org, Role::FocalPoint, None);
    let who = app.browser_of(reader, reader_org, Role::FocalPoint).await;
    let conn = app.conn();
    (app, author, who, conn)
}

/// Every list's sort checks: both ways by each sort (`sorts_both_ways`), then the bad sorts
/// and cursors refused, with `sort` and `other` two of its sorts (`refuses_bad_sorts`).
async fn check_sorts(app: &TestApp, who: &mut Browser, listed: Listed, sort: &str, other: &str) {
    sorts_both_ways(app, who, &listed).await;
    refuses_bad_sorts(app, who, listed.path, sort, other).await;
}

fn org_id(conn: &mut DbConnection, code: &str) -> String {
    organisations::table
        .filter(organisations::code.eq(code))
        .select(organisations::id)
        .first(conn)
        .unwrap()
}

fn at(n: usize) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        + chrono::Duration::minutes(n as i64 * 7 % 97)
}

fn day(n: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days((n * 13 % 40) as i64)
}

/// The ids of a page's rows (links to `path/<prefix>…`), in order.
fn row_ids(body: &str, path: &str, prefix: &str) -> Vec<String> {
    let needle = format!("href=\"{path}/{prefix}");
    body.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &body[at + needle.len() - prefix.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/").replace("&amp;", "&")
}

/// The pager's link, if the page has one.
fn next_link(body: &str) -> Option<String> {
    let at = body.find("<p class=\"pager\"><a class=\"button secondary\" href=\"")?;
    let rest = &body[at..];
    let start = rest.find("href=\"").unwrap() + 6;
    let end = start + rest[start..].find('"').unwrap();
    Some(unescape(&rest[start..end]))
}

/// Every row of `first` and the pages after it, following the pager.
async fn walk(
    app: &TestApp,
    who: &mut Browser,
    first: &str,
    prefix: &str,
    path: &str,
) -> Vec<String> {
    let mut ids = Vec::new();
    let mut url = Some(first.to_string());
    let mut pages = 0;
    while let Some(u) = url {
        let page = app.browser_get(who, &u).await;
        assert_eq!(page.status, 200, "{u}: {}", page.body);
        ids.extend(row_ids(&page.body, path, prefix));
        url = next_link(&page.body);
        pages += 1;
        assert!(pages < 10, "the pager loops");
    }
    assert!(pages >= 2, "{first} is read over several pages");
    ids
}

/// Sorted by each of `sorts` both ways, the list shows every visible row once, in order, and
/// marks the sorted header.
async fn sorts_both_ways(app: &TestApp, who: &mut Browser, listed: &Listed) {
    let prefix = listed.prefix;
    let visible: HashSet<&str> = listed.rows.iter().map(|(id, _)| id.as_str()).collect();
    for (index, (sort, _)) in listed.rows[0].1.iter().enumerate() {
        for dir in ["asc", "desc"] {
            let first = format!("{}?sort={sort}&dir={dir}", listed.path);
            let page = app.browser_get(who, &first).await;
            let aria = if dir == "asc" {
                "ascending"
            } else {
                "descending"
            };
            assert_eq!(page.body.matches("aria-sort=").count(), 1, "{first}");
            let th = format!("aria-sort=\"{aria}\"><a class=\"sort\" href=\"");
            assert!(page.body.contains(&th), "{first}: the sorted header");
            let flipped = if dir == "asc" { "dir=desc" } else { "dir=asc" };
            let link = format!("sort={sort}&amp;dir");
            assert!(page.body.contains(&link) && page.body.contains(flipped));
            // Changing the filters keeps the order.
            let kept = format!("name=\"sort\" value=\"{sort}\"");
            assert!(
                page.body.contains(&kept),
                "{first}: the filter form keeps the sort"
            );
            assert!(page.body.contains(&format!("name=\"dir\" value=\"{dir}\"")));
            let ids = walk(app, who, &first, prefix, listed.path).await;
            let seen: HashSet<&str> = ids.iter().map(String::as_str).collect();
            assert_eq!(ids.len(), seen.len(), "{first}: a row shown twice");
            assert_eq!(seen, visible, "{first}: every visible row, and only those");
            let keys: Vec<(&str, &str)> = ids
                .iter()
                .map(|id| {
                    let row = listed.rows.iter().find(|(i, _)| i == id).unwrap();
                    (row.1[index].1.as_str(), id.as_str())
                })
                .collect();
            for pair in keys.windows(2) {
                let in_order = if dir == "asc" {
                    pair[0] < pair[1]
                } else {
                    pair[0] > pair[1]
                };
                assert!(in_order, "{first}: {:?} then {:?}", pair[0], pair[1]);
            }
        }
    }
}

/// A bad sort or direction is the translated 400; a cursor of another sort (or of the default
/// order) is refused, never misread.
async fn refuses_bad_sorts(app: &TestApp, who: &mut Browser, path: &str, sort: &str, other: &str) {
    for bad in [
        "sort=owner",
        "sort=member_state",
        &format!("sort={sort}&dir=up"),
        "dir=sideways",
    ] {
        let page = app.browser_get(who, &format!("{path}?{bad}")).await;
        assert_eq!(page.status, 400, "{path}?{bad}");
        assert!(page
            .body
            .contains("A filter value is too long or not valid."));
    }
    let sorted = app
        .browser_get(who, &format!("{path}?sort={sort}&dir=asc"))
        .await;
    let next = next_link(&sorted.body).unwrap();
    let cursor = next.split("cursor=").nth(1).unwrap().to_string();
    let default = app.browser_get(who, path).await;
    let default_next = next_link(&default.body).unwrap();
    let default_cursor = default_next.split("cursor=").nth(1).unwrap().to_string();
    for url in [
        format!("{path}?sort={other}&dir=asc&cursor={cursor}"),
        format!("{path}?sort={sort}&dir=desc&cursor={cursor}"),
        format!("{path}?cursor={cursor}"),
        format!("{path}?sort={sort}&dir=asc&cursor={default_cursor}"),
    ] {
        let page = app.browser_get(who, &url).await;
        assert_eq!(page.status, 400, "{url}");
        assert!(
            page.body.contains("This page link is not valid any more."),
            "{url}"
        );
    }
}

fn count_of(body: &str) -> String {
    let start = body
        .find("<p class=\"list-count\" id=\"list-count\">")
        .unwrap();
    let rest = &body[start..];
    let text = &rest[rest.find('>').unwrap() + 1..rest.find("</p>").unwrap()];
    text.to_string()
}

fn rank(p: Priority) -> &'static str {
    match p {
        Priority::High => "3",
        Priority::Medium => "2",
        Priority::Low => "1",
    }
}

fn a_need(id: String, state: &str, author: &str, n: usize, vis: NeedVisibility) -> needs::Need {
    let priorities = [Priority::Low, Priority::High, Priority::Medium];
    let statuses = [NeedStatus::Open, NeedStatus::Matched, NeedStatus::Addressed];
    needs::Need {
        id,
        member_state_id: state.into(),
        report_id: None,
        section_id: None,
        title: format!("Need {n:03}"),
        description: "Described.".into(),
        thematic_area: "Border management and terrorist travel".into(),
        priority: priorities[n % 3],
        status: statuses[(n / 3) % 3],
        visibility: vis,
        created_by: author.into(),
        created_at: at(n),
        updated_at: at(n),
    }
}

#[actix_web::test]
async fn needs_count_what_the_reader_sees_and_sort_by_their_columns() {
    let (app, author, mut ken, mut conn) = reader_of("CTED", "fp@ken.example.org", "KEN").await;
    let (ken_id, fra_id) = (org_id(&mut conn, "KEN"), org_id(&mut conn, "FRA"));
    let mut rows = Vec::new();
    for n in 0..55 {
        // Two of KEN's needs come from withheld sections: KEN sees them.
        let vis = if n < 2 {
            NeedVisibility::Withheld
        } else {
            NeedVisibility::Published
        };
        let need = a_need(format!("n{n:03}"), &ken_id, &author, n, vis);
        needs::insert(&mut conn, &need).unwrap();
        let keys = vec![
            ("title", need.title.clone()),
            ("priority", rank(need.priority).to_string()),
            ("status", need.status.to_string()),
        ];
        rows.push((need.id, keys));
    }
    for n in 55..58 {
        let need = a_need(
            format!("n{n:03}"),
            &fra_id,
            &author,
            n,
            NeedVisibility::Withheld,
        );
        needs::insert(&mut conn, &need).unwrap();
    }
    let high = rows.iter().filter(|(_, k)| k[1].1 == "3").count();

    let page = app.browser_get(&mut ken, "/needs").await;
    assert_eq!(
        count_of(&page.body),
        "55 needs",
        "FRA's withheld needs are not counted"
    );
    let page = app.browser_get(&mut ken, "/needs?priority=high").await;
    assert_eq!(count_of(&page.body), format!("{high} needs"));
    let page = app.browser_get(&mut ken, "/needs?q=Need%20001").await;
    assert_eq!(count_of(&page.body), "1 need");
    let page = app.browser_get(&mut ken, "/needs?member_state=FRA").await;
    assert_eq!(count_of(&page.body), "0 needs");
    assert!(page.body.contains("No need matches."));
    let sorted = app
        .browser_get(&mut ken, "/needs?priority=high&sort=title&dir=asc")
        .await;
    assert!(
        sorted
            .body
            .contains("priority=high&amp;sort=title&amp;dir=desc"),
        "a header keeps the filters"
    );

    let listed = Listed {
        path: "/needs",
        prefix: "n0",
        rows,
    };
    check_sorts(&app, &mut ken, listed, "title", "status").await;

    // Past a thousand, the count stops: "1,000+".
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        for n in 100..1100 {
            let need = a_need(
                format!("m{n:04}"),
                &ken_id,
                &author,
                n,
                NeedVisibility::Published,
            );
            needs::insert(conn, &need)?;
        }
        Ok(())
    })
    .unwrap();
    let page = app.browser_get(&mut ken, "/needs").await;
    assert_eq!(count_of(&page.body), "1,000+ needs");
}

#[actix_web::test]
async fn reports_count_what_the_reader_sees_and_sort_by_their_columns() {
    let (app, author, mut ken, mut conn) = reader_of("CTED", "fp@ken.example.org", "KEN").await;
    let (ken_id, fra_id) = (org_id(&mut conn, "KEN"), org_id(&mut conn, "FRA"));
    let mut rows = Vec::new();
    // KEN's 55 published reports, 3 drafts and FRA's 2: a KEN focal point sees the 55.
    for n in 0..60 {
        let (state, status) = match n {
            0..55 => (&ken_id, ReportStatus::Published),
            55..58 => (&ken_id, ReportStatus::Draft),
            _ => (&fra_id, ReportStatus::Published),
        };
        let report = reports::Report {
            id: format!("r{n:03}"),
            member_state_id: state.clone(),
            title: format!("Report {:03}", (n * 17) % 60),
            visit_date: day(n),
            summary: "Summary.".into(),
            programme: None,
            status,
            version: 1,
            created_by: author.clone(),
            created_at: at(n),
            updated_at: at(n),
            published_at: None,
        };
        reports::insert(&mut conn, &report).unwrap();
        if n < 55 {
            let keys = vec![
                ("title", report.title.clone()),
                ("visit_date", report.visit_date.to_string()),
            ];
            rows.push((report.id, keys));
        }
    }
    let page = app.browser_get(&mut ken, "/reports").await;
    assert_eq!(
        count_of(&page.body),
        "55 reports",
        "drafts and FRA's are not counted"
    );
    assert!(
        page.body.contains("aria-sort=\"descending\""),
        "the default order marks the visit date"
    );
    let page = app.browser_get(&mut ken, "/reports?year=2024").await;
    assert_eq!(count_of(&page.body), "0 reports");
    let listed = Listed {
        path: "/reports",
        prefix: "r0",
        rows,
    };
    check_sorts(&app, &mut ken, listed, "title", "visit_date").await;
}

#[actix_web::test]
async fn projects_count_what_the_reader_sees_and_sort_by_their_columns() {
    let (app, author, mut ken, mut conn) = reader_of("UNODC", "fp@ken.example.org", "KEN").await;
    let unodc = org_id(&mut conn, "UNODC");
    let statuses = [
        ProjectStatus::Planned,
        ProjectStatus::Active,
        ProjectStatus::Completed,
    ];
    let mut rows = Vec::new();
    // 55 projects offered on the platform and 3 for Compact entities only, unseen by a State.
    for n in 0..58 {
        let visibility = if n < 55 {
            ProjectVisibility::Platform
        } else {
            ProjectVisibility::Compact
        };
        let project = projects::Project {
            id: format!("p{n:03}"),
            owner_org_id: unodc.clone(),
            title: format!("Project {:03}", (n * 23) % 58),
            description: "Offered.".into(),
            programme: None,
            status: statuses[n % 3],
            visibility,
            is_global: true,
            starts_on: day(n),
            ends_on: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            budget_cents: None,
            currency: None,
            contact_user_id: None,
            version: 1,
            created_by: author.clone(),
            created_at: at(n),
            updated_at: at(n),
        };
        projects::insert(&mut conn, &project).unwrap();
        if n < 55 {
            let keys = vec![
                ("title", project.title.clone()),
                ("starts_on", project.starts_on.to_string()),
                ("status", project.status.to_string()),
            ];
            rows.push((project.id, keys));
        }
    }
    let page = app.browser_get(&mut ken, "/projects").await;
    assert_eq!(
        count_of(&page.body),
        "55 projects",
        "compact projects are not counted"
    );
    let page = app.browser_get(&mut ken, "/projects?status=active").await;
    assert_eq!(count_of(&page.body), "18 projects");
    let listed = Listed {
        path: "/projects",
        prefix: "p0",
        rows,
    };
    check_sorts(&app, &mut ken, listed, "starts_on", "title").await;
}

#[actix_web::test]
async fn documents_count_what_the_reader_sees_and_sort_by_their_columns() {
    let (app, author, mut unodc, mut conn) =
        reader_of("UNODC", "fp@unodc.example.org", "UNODC").await;
    let (unodc_id, cted_id) = (org_id(&mut conn, "UNODC"), org_id(&mut conn, "CTED"));
    let mut rows = Vec::new();
    // UNODC's 55 documents and CTED's 3 confidential ones, listed for nobody.
    for n in 0..58 {
        let (owner, classification) = match n {
            0..55 if n % 2 == 0 => (&unodc_id, Classification::Restricted),
            0..55 => (&unodc_id, Classification::Unrestricted),
            _ => (&cted_id, Classification::Confidential),
        };
        let document = documents::Document {
            id: format!("d{n:03}"),
            owner_org_id: owner.clone(),
            title: format!("Document {:03}", (n * 31) % 58),
            description: "Kept.".into(),
            classification,
            report_id: None,
            need_id: None,
            programme: None,
            current_version: 1,
            created_by: author.clone(),
            created_at: at(n),
            updated_at: at(n),
        };
        documents::insert(&mut conn, &document).unwrap();
        if n < 55 {
            let updated = document.updated_at.format("%Y-%m-%d %H:%M:%S").to_string();
            rows.push((
                document.id,
                vec![("title", document.title.clone()), ("updated", updated)],
            ));
        }
    }
    let page = app.browser_get(&mut unodc, "/documents").await;
    assert_eq!(
        count_of(&page.body),
        "55 documents",
        "CTED's confidential ones are not counted"
    );
    let page = app
        .browser_get(&mut unodc, "/documents?classification=restricted")
        .await;
    assert_eq!(count_of(&page.body), "28 documents");
    let listed = Listed {
        path: "/documents",
        prefix: "d0",
        rows,
    };
    check_sorts(&app, &mut unodc, listed, "title", "updated").await;
}
