//! Who does what where (issue 12): the matrix, the dashboard's coverage, possible overlaps and
//! the 3W export. Each test tries to count or name what the viewer may not see (another
//! State's withheld need, a `compact` project for a State), to mark an overlap without the
//! right, and to pass bad filters.

use diesel::prelude::*;
use portal::db::schema::{audit_log, overlap_notes};
use portal::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};
use crate::reports::{cast, published_report, Cast};

const BORDERS: &str = "Border management and terrorist travel";
const FINANCING: &str = "Countering the financing of terrorism";

fn project(
    title: &str,
    visibility: &str,
    states: &[&str],
    area: &str,
    dates: (&str, &str),
) -> Value {
    json!({
        "title": title,
        "description": "Assistance offered.",
        "status": "planned",
        "thematic_areas": [area],
        "member_states": states,
        "starts_on": dates.0,
        "ends_on": dates.1,
        "visibility": visibility
    })
}

const YEAR: (&str, &str) = ("2026-01-01", "2026-12-31");

async fn create(app: &TestApp, token: &str, body: &Value) -> String {
    let page = app.post_json_bearer("/api/v1/projects", token, body).await;
    page.assert_status(201).field("id")
}

async fn need(app: &TestApp, token: &str, title: &str, source: Value) -> String {
    let mut body = json!({"member_state": "KEN", "title": title,
        "thematic_area": BORDERS, "priority": "high"});
    for (key, value) in source.as_object().unwrap() {
        body[key] = value.clone();
    }
    let page = app.post_json_bearer("/api/v1/needs", token, &body).await;
    page.assert_status(201).field("id")
}

/// The (open, uncovered, projects, organisations) of a State's cell in the viewer's matrix.
async fn cell(app: &TestApp, token: &str, state: &str, area: &str) -> (i64, i64, i64, i64) {
    let matrix = app
        .get_ok("/api/v1/coordination/matrix", token)
        .await
        .json();
    let row = matrix["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["member_state"] == state)
        .unwrap_or_else(|| panic!("no row {state}"))
        .clone();
    let c = row["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["thematic_area"] == area)
        .unwrap()
        .clone();
    let n = |k: &str| c[k].as_i64().unwrap();
    (
        n("open_needs"),
        n("uncovered_needs"),
        n("projects"),
        n("organisations"),
    )
}

/// A published KEN report with two published needs and one from a withheld section.
async fn kenya_needs(app: &TestApp, c: &Cast) -> (String, String, String) {
    let (report, sections) = published_report(app, &c.coordinator).await;
    let open = json!({"report_id": report, "section_id": sections[0]});
    let hidden = json!({"report_id": report, "section_id": sections[1]});
    (
        need(app, &c.coordinator, "Passenger data unit", open.clone()).await,
        need(app, &c.coordinator, "Second open need", open).await,
        need(app, &c.coordinator, "Withheld watch-list gap", hidden).await,
    )
}

#[actix_web::test]
async fn the_matrix_counts_only_what_the_viewer_may_see() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (first, _, _) = kenya_needs(&app, &c).await;
    // The exact shape: every State a row, every area a cell, five fields.
    let matrix = app
        .get_ok("/api/v1/coordination/matrix", &c.coordinator)
        .await
        .json();
    let rows = matrix["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 193);
    let keys: Vec<&String> = rows[0]["cells"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "open_needs",
            "organisations",
            "projects",
            "thematic_area",
            "uncovered_needs"
        ]
    );
    assert_eq!(matrix.as_object().unwrap().len(), 1);
    assert_eq!(rows[0].as_object().unwrap().len(), 2);
    // The withheld need counts for coordinators and its own State only.
    for (token, expected) in [
        (&c.coordinator, (3, 3)),
        (&c.admin, (3, 3)),
        (&c.ken, (3, 3)),
        (&c.ken_observer, (3, 3)),
        (&c.unodc, (2, 2)),
        (&c.unoct_focal, (2, 2)),
        (&c.fra, (0, 0)),
        (&c.ipu, (0, 0)),
    ] {
        let (open, uncovered, _, _) = cell(&app, token, "KEN", BORDERS).await;
        assert_eq!((open, uncovered), expected, "{token}");
    }
    // Narrowed to a region, a programme, an area; another region has no KEN row.
    let africa = app
        .get_ok("/api/v1/coordination/matrix?region=African", &c.unodc)
        .await
        .json();
    assert!(africa["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["member_state"] == "KEN"));
    assert_eq!(africa["rows"].as_array().unwrap().len(), 54);
    let west = app
        .get_ok(
            "/api/v1/coordination/matrix?region=Western%20European%20and%20Others",
            &c.unodc,
        )
        .await
        .json();
    assert!(!west["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["member_state"] == "KEN"));
    let programme = app
        .get_ok("/api/v1/coordination/matrix?programme=CT-TRAVEL", &c.unodc)
        .await
        .json();
    let cells = programme["rows"][0]["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 1);
    assert_eq!(cells[0]["thematic_area"], BORDERS);
    // A programme of another area than the one asked for leaves no column, every State a row.
    let neither = app
        .get_ok(
            "/api/v1/coordination/matrix?programme=CT-TRAVEL&thematic_area=Illicit%20arms%20trafficking",
            &c.unodc,
        )
        .await
        .json();
    let rows = neither["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 193);
    assert!(rows
        .iter()
        .all(|r| r["cells"].as_array().unwrap().is_empty()));

    // An accepted match covers its need: no longer open, no longer uncovered.
    let p = create(
        &app,
        &c.unodc,
        &project("PNR roll-out", "platform", &["KEN"], BORDERS, YEAR),
    )
    .await;
    let body = json!({"need_id": first, "project_id": p, "note": "Fits"});
    let m = app
        .post_json_bearer("/api/v1/matches", &c.unodc, &body)
        .await;
    let m = m.assert_status(201).field("id");
    assert_eq!(
        cell(&app, &c.coordinator, "KEN", BORDERS).await,
        (3, 3, 1, 1)
    );
    let accept = json!({"status": "accepted"});
    app.patch_bearer(&format!("/api/v1/matches/{m}"), &c.ken, &accept)
        .await
        .assert_status(200);
    assert_eq!(
        cell(&app, &c.coordinator, "KEN", BORDERS).await,
        (2, 2, 1, 1)
    );
    assert_eq!(cell(&app, &c.unodc, "KEN", BORDERS).await, (1, 1, 1, 1));
    // Reopened by a coordinator, the need is open again but covered.
    let reopen = json!({"status": "open"});
    app.patch_bearer(&format!("/api/v1/needs/{first}"), &c.coordinator, &reopen)
        .await
        .assert_status(200);
    assert_eq!(
        cell(&app, &c.coordinator, "KEN", BORDERS).await,
        (3, 2, 1, 1)
    );
}

/// The matrix is kept between reads while the coordination data stays as it was
/// (`data_versions`): a need recorded after a read, and one in a section withheld later,
/// show in the next read of viewers who read it just before, each within their own scope.
#[actix_web::test]
async fn a_kept_matrix_follows_the_needs_recorded_after_it() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, sections) = published_report(&app, &c.coordinator).await;
    let open = json!({"report_id": report, "section_id": sections[0]});
    for token in [&c.coordinator, &c.unodc, &c.fra] {
        assert_eq!(cell(&app, token, "KEN", BORDERS).await, (0, 0, 0, 0));
    }
    let mut browser = app
        .browser_of("c3@cted.example.org", "CTED", Role::Coordinator)
        .await;
    let uncovered = "/needs?region=African&status=open&uncovered=true";
    let board = app.browser_get(&mut browser, "/").await;
    assert!(!board.assert_status(200).body.contains(uncovered));
    need(
        &app,
        &c.coordinator,
        "Recorded after the read",
        open.clone(),
    )
    .await;
    assert_eq!(
        cell(&app, &c.coordinator, "KEN", BORDERS).await,
        (1, 1, 0, 0)
    );
    assert_eq!(cell(&app, &c.unodc, "KEN", BORDERS).await, (1, 1, 0, 0));
    assert_eq!(cell(&app, &c.fra, "KEN", BORDERS).await, (0, 0, 0, 0));
    // Read twice unchanged, then one more.
    assert_eq!(cell(&app, &c.unodc, "KEN", BORDERS).await, (1, 1, 0, 0));
    need(&app, &c.coordinator, "And another", open).await;
    assert_eq!(cell(&app, &c.unodc, "KEN", BORDERS).await, (2, 2, 0, 0));
    let hidden = json!({"report_id": report, "section_id": sections[1]});
    need(&app, &c.coordinator, "Withheld", hidden).await;
    assert_eq!(
        cell(&app, &c.coordinator, "KEN", BORDERS).await,
        (3, 3, 0, 0)
    );
    assert_eq!(cell(&app, &c.unodc, "KEN", BORDERS).await, (2, 2, 0, 0));
    // The dashboard's figures and the page follow too.
    let board = app.browser_get(&mut browser, "/").await;
    let board = &board.assert_status(200).body;
    let figure = &board[board.find(uncovered).unwrap()..];
    assert!(
        figure.starts_with(&format!("{uncovered}\">3</a>")),
        "{figure}"
    );
    let page = app.browser_get(&mut browser, "/coordination").await;
    let ken = &page.assert_status(200).body;
    let row = &ken[ken.find("<bdi class=\"code\">KEN</bdi>").unwrap()..];
    assert!(row[..row.find("</tr>").unwrap()].contains(">3</a>/<a"));
}

/// The projects half of a cell, (projects, organisations).
async fn project_half(app: &TestApp, token: &str, state: &str, area: &str) -> (i64, i64) {
    let (_, _, projects, organisations) = cell(app, token, state, area).await;
    (projects, organisations)
}

/// The project counts are kept by triggers (`project_cells`): every change to a project's
/// States, areas, status or visibility moves them, and the scope still applies.
#[actix_web::test]
async fn the_matrix_follows_every_change_to_a_project() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let both = project("Border posts", "platform", &["KEN", "UGA"], BORDERS, YEAR);
    let p = create(&app, &c.unodc, &both).await;
    let hidden = project("Not yet announced", "compact", &["KEN"], BORDERS, YEAR);
    create(&app, &c.unoct_focal, &hidden).await;
    assert_eq!(
        project_half(&app, &c.coordinator, "KEN", BORDERS).await,
        (2, 2)
    );
    assert_eq!(
        project_half(&app, &c.coordinator, "UGA", BORDERS).await,
        (1, 1)
    );
    assert_eq!(project_half(&app, &c.ken, "KEN", BORDERS).await, (1, 1));

    let path = format!("/api/v1/projects/{p}");
    let moved = json!({"member_states": ["TZA"], "thematic_areas": [FINANCING]});
    app.patch_bearer(&path, &c.unodc, &moved)
        .await
        .assert_status(200);
    assert_eq!(
        project_half(&app, &c.coordinator, "KEN", BORDERS).await,
        (1, 1)
    );
    assert_eq!(
        project_half(&app, &c.coordinator, "UGA", BORDERS).await,
        (0, 0)
    );
    assert_eq!(
        project_half(&app, &c.coordinator, "TZA", FINANCING).await,
        (1, 1)
    );
    assert_eq!(project_half(&app, &c.ken, "KEN", BORDERS).await, (0, 0));

    let compact = json!({"visibility": "compact"});
    app.patch_bearer(&path, &c.unodc, &compact)
        .await
        .assert_status(200);
    assert_eq!(project_half(&app, &c.fra, "TZA", FINANCING).await, (0, 0));
    assert_eq!(
        project_half(&app, &c.unoct_focal, "TZA", FINANCING).await,
        (1, 1)
    );

    let cancelled = json!({"status": "cancelled"});
    app.patch_bearer(&path, &c.unodc, &cancelled)
        .await
        .assert_status(200);
    assert_eq!(
        project_half(&app, &c.coordinator, "TZA", FINANCING).await,
        (0, 0)
    );
}

#[actix_web::test]
async fn the_dashboard_shows_uncovered_needs_within_the_scope() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    kenya_needs(&app, &c).await;
    let figure = |body: &str, href: &str| -> Option<String> {
        let at = body.find(href)?;
        let rest = &body[at..];
        let start = rest.find('>')? + 1;
        let end = rest.find("</a>")?;
        Some(rest[start..end].to_string())
    };
    let region = "/needs?region=African&status=open&uncovered=true";
    let area = format!(
        "/needs?thematic_area={}&status=open&uncovered=true",
        url_encoded(BORDERS)
    );
    for (email, org, role, expected) in [
        ("c2@cted.example.org", "CTED", Role::Coordinator, Some("3")),
        ("fp2@ken.example.org", "KEN", Role::FocalPoint, Some("3")),
        (
            "fp2@unodc.example.org",
            "UNODC",
            Role::FocalPoint,
            Some("2"),
        ),
        ("fp2@fra.example.org", "FRA", Role::FocalPoint, None),
        ("obs2@ipu.example.org", "IPU", Role::Observer, None),
    ] {
        let mut browser = app.browser_of(email, org, role).await;
        let page = app.browser_get(&mut browser, "/").await.assert_status(200);
        assert_eq!(figure(&page.body, region).as_deref(), expected, "{email}");
        assert_eq!(figure(&page.body, &area).as_deref(), expected, "{email}");
        // Each figure links to the filtered needs list, which shows as many.
        if let Some(n) = expected {
            let list = app
                .browser_get(&mut browser, region)
                .await
                .assert_status(200);
            let titles = [
                "Passenger data unit",
                "Second open need",
                "Withheld watch-list gap",
            ];
            let rows = titles.iter().filter(|t| list.body.contains(*t)).count();
            assert_eq!(rows.to_string(), n, "{email}");
        }
    }
}

fn url_encoded(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[actix_web::test]
async fn compact_projects_are_not_counted_or_named_for_a_state() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let hidden = create(
        &app,
        &c.unodc,
        &project("Unannounced scoping", "compact", &["KEN"], BORDERS, YEAR),
    )
    .await;
    let open = create(
        &app,
        &c.unoct_focal,
        &project("Border posts", "platform", &["KEN"], BORDERS, YEAR),
    )
    .await;
    create(
        &app,
        &c.unodc,
        &project("Everywhere", "platform", &[], BORDERS, YEAR),
    )
    .await;
    assert_eq!(
        cell(&app, &c.coordinator, "KEN", BORDERS).await,
        (0, 0, 2, 2)
    );
    assert_eq!(cell(&app, &c.unodc, "KEN", BORDERS).await, (0, 0, 2, 2));
    assert_eq!(cell(&app, &c.ken, "KEN", BORDERS).await, (0, 0, 1, 1));
    assert_eq!(cell(&app, &c.fra, "KEN", BORDERS).await, (0, 0, 1, 1));
    assert_eq!(cell(&app, &c.ipu, "KEN", BORDERS).await, (0, 0, 1, 1));
    // The overlap exists for entities and coordinators, and names nothing for KEN.
    let list = "/api/v1/coordination/overlaps";
    assert_eq!(app.get_ok(list, &c.coordinator).await.items().len(), 1);
    assert_eq!(app.get_ok(list, &c.unodc).await.items().len(), 1);
    for token in [&c.ken, &c.fra, &c.ipu] {
        let page = app.get_ok(list, token).await;
        assert!(page.items().is_empty(), "{}", page.body);
        let path = format!("{list}?project={open}");
        let page = app.get_ok(&path, token).await;
        assert!(page.items().is_empty(), "{}", page.body);
        let path = format!("{list}?project={hidden}");
        let page = app.get_ok(&path, token).await;
        assert!(page.items().is_empty(), "{}", page.body);
        let csv = app.get_ok("/api/v1/coordination/3w.csv", token).await.body;
        assert!(
            csv.contains("Border posts") && !csv.contains("Unannounced"),
            "{csv}"
        );
    }
    let csv = app
        .get_ok("/api/v1/coordination/3w.csv", &c.unodc)
        .await
        .body;
    assert!(csv.contains("Border posts") && csv.contains("Unannounced"));
    // The pages of a State's user: neither the matrix nor the project page names it.
    let mut ken = app
        .browser_of("fp2@ken.example.org", "KEN", Role::FocalPoint)
        .await;
    for path in [
        "/coordination",
        "/coordination/overlaps",
        &format!("/projects/{open}"),
    ] {
        let page = app.browser_get(&mut ken, path).await.assert_status(200);
        assert!(!page.body.contains("Unannounced"), "{path}");
        assert!(!page.body.contains(&hidden), "{path}");
    }
    let page = app
        .browser_get(&mut ken, &format!("/projects/{hidden}"))
        .await;
    assert_eq!(page.status, 404);
    let mut unodc = app
        .browser_of("fp2@unodc.example.org", "UNODC", Role::FocalPoint)
        .await;
    let page = app
        .browser_get(&mut unodc, &format!("/projects/{open}"))
        .await
        .assert_status(200);
    assert!(
        page.body.contains("Unannounced scoping"),
        "the overlap is on both pages"
    );
    let page = app
        .browser_get(&mut unodc, "/coordination")
        .await
        .assert_status(200);
    assert!(page.body.contains("⚠ 1"), "the matrix marks the overlap");
    assert!(page.body.contains("<caption") && page.body.contains(r#"scope="row""#));
}

#[actix_web::test]
async fn the_3w_export_is_tagged_scoped_neutralised_and_audited() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut body = project(
        "=HYPERLINK(\"http://evil\")",
        "platform",
        &["KEN", "FRA"],
        BORDERS,
        YEAR,
    );
    body["thematic_areas"] = json!([BORDERS, FINANCING]);
    create(&app, &c.unodc, &body).await;
    let mut regional = project("+Regional", "platform", &[], FINANCING, YEAR);
    regional["regions"] = json!(["African"]);
    create(&app, &c.unoct_focal, &regional).await;
    let audits_before: i64 = audit_log::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let page = app.get_ok("/api/v1/coordination/3w.csv", &c.fra).await;
    assert!(page.header("content-type").unwrap().starts_with("text/csv"));
    let mut lines = page.body.lines();
    assert_eq!(
        lines.next().unwrap(),
        "Country code,Country,Thematic area,Organisation,Project,Status,Start,End"
    );
    assert_eq!(
        lines.next().unwrap(),
        "#country+code,#country+name,#sector,#org+impl,#activity+project,#status,#date+start,#date+end"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(
        rows.len(),
        5,
        "2 States × 2 areas, and the regional project once: {rows:?}"
    );
    assert!(
        rows.iter().all(|r| !r.contains(",=") && !r.contains(",+")),
        "{rows:?}"
    );
    assert!(rows[0].starts_with("FRA,France,"), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("'=HYPERLINK")));
    assert!(rows
        .iter()
        .any(|r| r.starts_with(",African,") && r.contains("'+Regional")));
    let audits: i64 = audit_log::table
        .filter(audit_log::action.eq("coordination.export_3w"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(audits, 1);
    let after: i64 = audit_log::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(after, audits_before + 1);
    // Signed out: nothing.
    assert_eq!(app.get("/api/v1/coordination/3w.csv").await.status, 401);
}

#[actix_web::test]
async fn overlaps_are_detected_and_marked_by_the_right_people() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let a = create(
        &app,
        &c.unodc,
        &project("Watch-lists", "platform", &["KEN", "FRA"], BORDERS, YEAR),
    )
    .await;
    let b = create(
        &app,
        &c.unoct_focal,
        &project(
            "Border posts",
            "platform",
            &["KEN"],
            BORDERS,
            ("2026-12-31", "2027-03-01"),
        ),
    )
    .await;
    // Not overlaps: same owner, other area, dates apart, cancelled, global.
    let same_owner = create(
        &app,
        &c.unodc,
        &project("More watch-lists", "platform", &["KEN"], BORDERS, YEAR),
    )
    .await;
    let other_area = create(
        &app,
        &c.unoct_focal,
        &project("Finance", "platform", &["KEN"], FINANCING, YEAR),
    )
    .await;
    let later = create(
        &app,
        &c.unoct_focal,
        &project(
            "Later",
            "platform",
            &["KEN"],
            BORDERS,
            ("2027-01-01", "2027-12-31"),
        ),
    )
    .await;
    let mut cancelled = project("Cancelled", "platform", &["KEN"], BORDERS, YEAR);
    cancelled["status"] = json!("cancelled");
    let cancelled = create(&app, &c.unoct_focal, &cancelled).await;
    create(
        &app,
        &c.unoct_focal,
        &project("Global", "platform", &[], BORDERS, YEAR),
    )
    .await;
    let compact = create(&app, &c.coordinator, &{
        let mut p = project("Compact by KEN", "compact", &["KEN"], BORDERS, YEAR);
        p["organisation"] = json!("FRA");
        p
    })
    .await;

    let list = app
        .get_ok("/api/v1/coordination/overlaps", &c.coordinator)
        .await
        .items();
    let pairs: Vec<(String, String)> = list
        .iter()
        .map(|o| {
            (
                o["project_a"]["id"].as_str().unwrap().to_string(),
                o["project_b"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let key = |x: &str, y: &str| {
        if x < y {
            (x.to_string(), y.to_string())
        } else {
            (y.to_string(), x.to_string())
        }
    };
    assert!(pairs.contains(&key(&a, &b)), "{pairs:?}");
    assert!(pairs.contains(&key(&same_owner, &b)));
    for not in [&other_area, &later, &cancelled] {
        assert!(!pairs.contains(&key(&a, not)), "{not}");
    }
    assert!(!pairs.contains(&key(&a, &same_owner)));
    let ab = list
        .iter()
        .find(|o| {
            key(
                o["project_a"]["id"].as_str().unwrap(),
                o["project_b"]["id"].as_str().unwrap(),
            ) == key(&a, &b)
        })
        .unwrap();
    assert_eq!(ab["member_states"], json!(["KEN"]));
    assert_eq!(ab["thematic_areas"], json!([BORDERS]));
    assert!(ab["coordinated"].is_null());
    // Filters.
    let fra = app
        .get_ok(
            "/api/v1/coordination/overlaps?member_state=fra",
            &c.coordinator,
        )
        .await
        .items();
    assert!(
        fra.is_empty(),
        "FRA has one project of UNODC's and one compact FRA project: {fra:?}"
    );

    let mark = |x: &str, y: &str, note: &str| json!({"project_a": x, "project_b": y, "note": note});
    let path = "/api/v1/coordination/overlaps";
    let notes = || -> i64 {
        overlap_notes::table
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };
    // Who may not: observers, other States, an entity that owns neither; 404 for the unseen.
    for (token, status) in [
        (&c.ipu, 403),
        (&c.ken_observer, 403),
        (&c.fra, 403),
        (&c.ken, 403),
    ] {
        let page = app
            .post_json_bearer(path, token, &mark(&a, &b, "Talked"))
            .await;
        assert_eq!(page.status, status, "{}", page.body);
    }
    let page = app
        .post_json_bearer(path, &c.ken, &mark(&a, &compact, "Talked"))
        .await;
    assert_eq!(page.status, 404, "a compact project is unseen by a State");
    for bad in ["a\u{0}b", "", "not-an-id"] {
        let page = app
            .post_json_bearer(path, &c.coordinator, &mark(&a, bad, "Talked"))
            .await;
        assert_eq!(page.status, 404, "{bad:?}: {}", page.body);
    }
    // A note is required; the pair must be an overlap; no unknown field.
    let page = app
        .post_json_bearer(path, &c.unodc, &mark(&a, &b, "  "))
        .await;
    assert_eq!(page.status, 400, "{}", page.body);
    let page = app
        .post_json_bearer(path, &c.unodc, &mark(&a, &later, "Talked"))
        .await;
    assert_eq!(page.status, 400, "{}", page.body);
    let mut extra = mark(&a, &b, "Talked");
    extra["status"] = json!("coordinated");
    let page = app.post_json_bearer(path, &c.unodc, &extra).await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert_eq!(notes(), 0);
    // A focal point of either organisation marks it (either order), once.
    let page = app
        .post_json_bearer(path, &c.unoct_focal, &mark(&b, &a, "Joint workplan agreed"))
        .await;
    let marked = page.assert_status(201).json();
    assert_eq!(marked["coordinated"]["note"], "Joint workplan agreed");
    assert_eq!(marked["coordinated"]["by"], "UNOCT");
    let page = app
        .post_json_bearer(path, &c.unodc, &mark(&a, &b, "Again"))
        .await;
    assert_eq!(page.status, 409, "{}", page.body);
    assert_eq!(notes(), 1);
    let audits: i64 = audit_log::table
        .filter(audit_log::action.eq("overlap.coordinated"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(audits, 1);
    // No longer listed, unless asked; still on the project page, with its note.
    let list = app
        .get_ok("/api/v1/coordination/overlaps", &c.coordinator)
        .await
        .items();
    assert!(!list.iter().any(|o| key(
        o["project_a"]["id"].as_str().unwrap(),
        o["project_b"]["id"].as_str().unwrap()
    ) == key(&a, &b)));
    let all = app
        .get_ok(
            "/api/v1/coordination/overlaps?include_coordinated=true",
            &c.coordinator,
        )
        .await
        .items();
    assert!(all
        .iter()
        .any(|o| o["coordinated"]["note"] == "Joint workplan agreed"));
    let mut unodc = app
        .browser_of("fp2@unodc.example.org", "UNODC", Role::FocalPoint)
        .await;
    let page = app
        .browser_get(&mut unodc, &format!("/projects/{a}"))
        .await
        .assert_status(200);
    assert!(page.body.contains("Joint workplan agreed"));
    // A coordinator marks through the page form; a refused note shows the list again.
    let form_page = app
        .browser_get(&mut unodc, "/coordination/overlaps")
        .await
        .assert_status(200);
    let csrf = form_page.csrf_field();
    let (x, y) = key(&same_owner, &b);
    let long = "x".repeat(2001);
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("project_a", x.as_str()),
        ("project_b", y.as_str()),
        ("note", long.as_str()),
    ];
    let refused = app
        .browser_post(&mut unodc, "/coordination/overlaps", &fields)
        .await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("role=\"alert\"") && refused.body.contains(&long));
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("project_a", x.as_str()),
        ("project_b", y.as_str()),
        ("note", "Split by region"),
    ];
    let done = app
        .browser_post(&mut unodc, "/coordination/overlaps", &fields)
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(notes(), 2);
}

#[actix_web::test]
async fn bad_filters_are_refused() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for (path, code) in [
        (
            "/api/v1/coordination/matrix?region=Atlantis",
            "unknown_region",
        ),
        (
            "/api/v1/coordination/matrix?programme=NOPE",
            "unknown_programme",
        ),
        (
            "/api/v1/coordination/matrix?thematic_area=Knitting",
            "unknown_thematic_area",
        ),
        ("/api/v1/coordination/matrix?colour=red", ""),
        (
            "/api/v1/coordination/overlaps?member_state=XXX",
            "unknown_member_state",
        ),
        (
            "/api/v1/coordination/overlaps?thematic_area=Knitting",
            "unknown_thematic_area",
        ),
        ("/api/v1/coordination/overlaps?cursor=!!", ""),
        (
            "/api/v1/coordination/overlaps?include_coordinated=maybe",
            "",
        ),
        ("/api/v1/needs?region=Atlantis", "unknown_region"),
    ] {
        let page = app.get_bearer(path, &c.coordinator).await;
        assert_eq!(page.status, 400, "{path}: {}", page.body);
        if !code.is_empty() {
            assert_eq!(page.error_code(), code, "{path}");
        }
    }
    app.get_ok("/api/v1/needs?region=African", &c.coordinator)
        .await;
    app.get_ok(
        "/api/v1/coordination/overlaps?project=a%00b",
        &c.coordinator,
    )
    .await;
    for path in [
        "/api/v1/coordination/matrix",
        "/api/v1/coordination/overlaps",
    ] {
        assert_eq!(app.get(path).await.status, 401);
    }
}

#[actix_web::test]
async fn a_refused_proposal_is_shown_again_with_its_reason_and_values() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let n = need(&app, &c.coordinator, "Watch-list connectivity", json!({})).await;
    let p = create(
        &app,
        &c.unodc,
        &project("PNR roll-out", "platform", &["KEN"], BORDERS, YEAR),
    )
    .await;
    let mut unodc = app
        .browser_of("fp2@unodc.example.org", "UNODC", Role::FocalPoint)
        .await;
    let page = app
        .browser_get(&mut unodc, &format!("/projects/{p}"))
        .await
        .assert_status(200);
    let csrf = page.csrf_field();
    let long = "n".repeat(5001);
    let form = [
        ("csrf_token", csrf.as_str()),
        ("project_id", p.as_str()),
        ("need_id", n.as_str()),
        ("note", long.as_str()),
    ];
    let refused = app.browser_post(&mut unodc, "/matches/new", &form).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("PNR roll-out") && refused.body.contains("role=\"alert\""));
    assert!(refused.body.contains(&format!(r#"value="{n}""#)) && refused.body.contains(&long));
    let form = [
        ("csrf_token", csrf.as_str()),
        ("project_id", p.as_str()),
        ("need_choice", n.as_str()),
        ("note", "Fits"),
    ];
    let done = app.browser_post(&mut unodc, "/matches/new", &form).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let again = app.browser_post(&mut unodc, "/matches/new", &form).await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(again.body.contains("PNR roll-out") && again.body.contains("role=\"alert\""));
    assert!(
        again.body.contains(&format!(r#"value="{n}" selected"#))
            && again.body.contains(">Fits</textarea>")
    );
}
