//! The dashboard by role (issue 15): each role's blocks show what waits for them, never
//! another State's withheld need, another State's decisions, a thread one is not in or a
//! document not shared with one; what changed since the previous visit is marked new.

use std::collections::HashMap;

use portal::domain::Role;
use serde_json::{json, Value};

use crate::documents::upload;
use crate::helpers::{spawn_app, Browser, Page, TestApp, PASSWORD};
use crate::reports::{cast, published_report, Cast};

const BORDERS: &str = "Border management and terrorist travel";
pub const OPEN_NEED: &str = "Passenger data unit";
pub const WITHHELD_NEED: &str = "Withheld watch-list gap";
const FRA_WITHHELD: &str = "French withheld need";

/// The HTML of one block of a dashboard (up to its end), or `None` when it is not there.
pub fn block<'a>(page: &'a Page, name: &str) -> Option<&'a str> {
    let start = page.body.find(&format!("id=\"block-{name}\""))?;
    let rest = &page.body[start..];
    Some(&rest[..rest.find("</section>").unwrap_or(rest.len())])
}

pub const KEN: &str = "fp@ken.example.org";
pub const FRA: &str = "fp@fra.example.org";
pub const UNODC: &str = "fp@unodc.example.org";
pub const IPU: &str = "obs@ipu.example.org";
/// A coordinator and an administrator of their own (the cast's have used their current
/// two-factor code already).
pub const COORD: &str = "c2@cted.example.org";
pub const ADMIN: &str = "a2@unoct.example.org";

/// Signed-in browsers, one per account, in English unless set to French.
#[derive(Default)]
pub struct Browsers(HashMap<String, Browser>);

impl Browsers {
    /// A page as the account `email` sees it (signing in the first time).
    pub async fn page(&mut self, app: &TestApp, email: &str, path: &str) -> Page {
        if !self.0.contains_key(email) {
            if [COORD, ADMIN].contains(&email) {
                let (org, role) = if email == COORD {
                    ("CTED", Role::Coordinator)
                } else {
                    ("UNOCT", Role::Admin)
                };
                app.add_user(email, org, role);
            }
            let browser = app.browser_login(email, PASSWORD).await;
            self.0.insert(email.to_string(), browser);
        }
        let browser = self.0.get_mut(email).unwrap();
        app.browser_get(browser, path).await
    }

    /// A page as `email` sees it in French.
    pub async fn french(&mut self, app: &TestApp, email: &str, path: &str) -> Page {
        self.page(app, email, "/").await;
        self.0.get_mut(email).unwrap().lang_cookie = Some("fr".into());
        self.page(app, email, path).await
    }
}

/// The dashboard of `email` (200).
async fn dashboard(app: &TestApp, b: &mut Browsers, email: &str) -> Page {
    b.page(app, email, "/").await.assert_status(200)
}

pub async fn need(app: &TestApp, token: &str, state: &str, title: &str, source: Value) -> String {
    let mut body = json!({"member_state": state, "title": title,
        "thematic_area": BORDERS, "priority": "high"});
    for (key, value) in source.as_object().unwrap() {
        body[key] = value.clone();
    }
    let page = app.post_json_bearer("/api/v1/needs", token, &body).await;
    page.assert_status(201).field("id")
}

pub fn project(title: &str, visibility: &str, states: &[&str]) -> Value {
    json!({
        "title": title, "description": "Assistance offered.", "status": "planned",
        "thematic_areas": [BORDERS], "member_states": states,
        "starts_on": "2026-01-01", "ends_on": "2030-12-31", "visibility": visibility
    })
}

pub async fn create_project(app: &TestApp, token: &str, body: &Value) -> String {
    let page = app.post_json_bearer("/api/v1/projects", token, body).await;
    page.assert_status(201).field("id")
}

/// A published KEN report with a need from its published section and one from its withheld
/// section; a FRA need from a withheld section too. Returns the KEN needs' ids.
pub async fn needs_of_two_states(app: &TestApp, c: &Cast) -> (String, String) {
    let (report, sections) = published_report(app, &c.coordinator).await;
    let open = json!({"report_id": report, "section_id": sections[0]});
    let hidden = json!({"report_id": report, "section_id": sections[1]});
    let fra = app
        .post_json_bearer(
            "/api/v1/reports",
            &c.coordinator,
            &json!({"member_state": "FRA", "title": "France visit", "visit_date": "2025-04-01",
                "sections": [{"heading": "Gaps", "body": "Withheld.", "consent": "withheld"}]}),
        )
        .await
        .assert_status(201);
    let fra_id = fra.field("id");
    let fra_section = fra.json()["sections"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.post_json_bearer(
        &format!("/api/v1/reports/{fra_id}/publish"),
        &c.coordinator,
        &json!({}),
    )
    .await
    .assert_status(200);
    need(
        app,
        &c.coordinator,
        "FRA",
        FRA_WITHHELD,
        json!({"report_id": fra_id, "section_id": fra_section}),
    )
    .await;
    (
        need(app, &c.coordinator, "KEN", OPEN_NEED, open).await,
        need(app, &c.coordinator, "KEN", WITHHELD_NEED, hidden).await,
    )
}

#[actix_web::test]
async fn a_state_sees_its_own_needs_and_decisions_and_never_another_states() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut b = Browsers::default();
    let (open, _) = needs_of_two_states(&app, &c).await;
    let project = create_project(
        &app,
        &c.unodc,
        &project("Border training", "platform", &["KEN"]),
    )
    .await;
    app.post_json_bearer(
        "/api/v1/matches",
        &c.unodc,
        &json!({"need_id": open, "project_id": project, "note": "We can help."}),
    )
    .await
    .assert_status(201);

    let ken = dashboard(&app, &mut b, KEN).await;
    assert!(ken.body.contains("id=\"dashboard-state\""));
    let needs = block(&ken, "uncovered-needs").unwrap();
    assert!(
        needs.contains(OPEN_NEED) && needs.contains(WITHHELD_NEED),
        "{needs}"
    );
    assert!(!ken.body.contains(FRA_WITHHELD));
    let decisions = block(&ken, "decisions").unwrap();
    assert!(decisions.contains("Border training"), "{decisions}");
    assert!(ken.body.contains("href=\"/states/KEN\""));

    // France sees neither Kenya's needs (withheld or not) nor the decision on them.
    let fra = dashboard(&app, &mut b, FRA).await;
    let needs = block(&fra, "uncovered-needs").unwrap();
    assert!(needs.contains(FRA_WITHHELD), "{needs}");
    for hidden in [OPEN_NEED, WITHHELD_NEED, "Border training"] {
        assert!(!fra.body.contains(hidden), "FRA sees {hidden}");
    }
    assert!(block(&fra, "decisions")
        .unwrap()
        .contains("class=\"empty\""));

    // The entity sees its proposal and the published need near its project, never the
    // withheld ones; it has no State blocks.
    let unodc = dashboard(&app, &mut b, UNODC).await;
    assert!(unodc.body.contains("id=\"dashboard-entity\""));
    assert!(block(&unodc, "uncovered-needs").is_none());
    assert!(block(&unodc, "own-proposals")
        .unwrap()
        .contains("Border training"));
    for hidden in [WITHHELD_NEED, FRA_WITHHELD] {
        assert!(!unodc.body.contains(hidden), "UNODC sees {hidden}");
    }
    // An observer organisation has messages and documents only, and sees no need.
    let ipu = dashboard(&app, &mut b, IPU).await;
    assert!(ipu.body.contains("id=\"dashboard-reader\""));
    assert!(!ipu.body.contains(OPEN_NEED));
}

/// A figure of a dashboard (`report-count`, `open-need-count`).
fn figure(page: &Page, id: &str) -> usize {
    let mark = format!("id=\"{id}\">");
    let at = page.body.find(&mark).unwrap() + mark.len();
    page.body[at..].split('<').next().unwrap().parse().unwrap()
}

/// How many open needs the list the figure links to holds for `token`.
async fn open_needs_listed(app: &TestApp, token: &str) -> usize {
    let list = app.get_bearer("/api/v1/needs?status=open", token).await;
    list.assert_status(200).json()["items"]
        .as_array()
        .unwrap()
        .len()
}

#[actix_web::test]
async fn the_open_needs_figure_counts_what_each_reader_may_see_and_follows_the_needs() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut b = Browsers::default();
    let (open, _) = needs_of_two_states(&app, &c).await;
    // Kenya counts both its needs, France its own withheld one, an entity only the published
    // one; each figure is the length of the open needs list it links to.
    for (email, token, expected) in [(KEN, &c.ken, 2), (FRA, &c.fra, 1), (UNODC, &c.unodc, 1)] {
        let page = dashboard(&app, &mut b, email).await;
        assert_eq!(figure(&page, "open-need-count"), expected, "{email}");
        assert_eq!(open_needs_listed(&app, token).await, expected, "{email}");
    }
    let coordinator = figure(&dashboard(&app, &mut b, COORD).await, "open-need-count");
    assert_eq!(coordinator, open_needs_listed(&app, &c.coordinator).await);
    assert_eq!(coordinator, 3);
    let observer = figure(&dashboard(&app, &mut b, IPU).await, "open-need-count");
    assert_eq!(observer, open_needs_listed(&app, &c.ipu).await);

    // A need that a match makes `matched` is no longer open, for anyone.
    let project = create_project(
        &app,
        &c.unodc,
        &project("Border training", "platform", &["KEN"]),
    )
    .await;
    let proposed = app
        .post_json_bearer(
            "/api/v1/matches",
            &c.unodc,
            &json!({"need_id": open, "project_id": project, "note": "We can help."}),
        )
        .await
        .assert_status(201)
        .field("id");
    app.patch_bearer(
        &format!("/api/v1/matches/{proposed}"),
        &c.ken,
        &json!({"status": "accepted"}),
    )
    .await
    .assert_status(200);
    for (email, expected) in [(KEN, 1), (FRA, 1), (UNODC, 0), (COORD, 2)] {
        let page = dashboard(&app, &mut b, email).await;
        assert_eq!(figure(&page, "open-need-count"), expected, "{email}");
    }
}

#[actix_web::test]
async fn an_entity_sees_needs_near_its_projects_and_its_overlaps() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut b = Browsers::default();
    let (open_id, _) = needs_of_two_states(&app, &c).await;
    let own = create_project(
        &app,
        &c.unodc,
        &project("UNODC borders", "platform", &["KEN"]),
    )
    .await;
    // Another entity's project in the same State, area and years: a possible overlap.
    app.create_user(
        "fp@icao.example.org",
        "ICAO",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let icao = app.token("fp@icao.example.org", PASSWORD).await;
    create_project(&app, &icao, &project("ICAO borders", "platform", &["KEN"])).await;

    let unodc = dashboard(&app, &mut b, UNODC).await;
    let near = block(&unodc, "needs-for-projects").unwrap();
    assert!(
        near.contains(OPEN_NEED) && near.contains("UNODC borders"),
        "{near}"
    );
    assert!(!near.contains(WITHHELD_NEED) && !near.contains(FRA_WITHHELD));
    let overlaps = block(&unodc, "overlaps").unwrap();
    assert!(overlaps.contains("ICAO borders"), "{overlaps}");
    // Each item links to where it is acted on (the href's slashes are escaped by the page).
    assert!(
        overlaps.contains("href=\"&#x2F;projects&#x2F;"),
        "{overlaps}"
    );
    // A need already proposed for the project no longer shows as a match for it.
    app.post_json_bearer(
        "/api/v1/matches",
        &c.unodc,
        &json!({"need_id": open_id, "project_id": own, "note": "Yes."}),
    )
    .await
    .assert_status(201);
    let unodc = dashboard(&app, &mut b, UNODC).await;
    assert!(!block(&unodc, "needs-for-projects")
        .unwrap()
        .contains(OPEN_NEED));
    // The coordinator sees the overlap among all, and the draft report.
    app.post_json_bearer(
        "/api/v1/reports",
        &c.coordinator,
        &json!({"member_state": "KEN", "title": "Draft visit notes", "visit_date": "2025-06-01",
            "sections": []}),
    )
    .await
    .assert_status(201);
    let coord = dashboard(&app, &mut b, COORD).await;
    assert!(coord.body.contains("id=\"dashboard-coordinator\""));
    assert!(block(&coord, "overlaps").unwrap().contains("ICAO borders"));
    assert!(block(&coord, "draft-reports")
        .unwrap()
        .contains("Draft visit notes"));
    assert!(block(&coord, "values-to-validate")
        .unwrap()
        .contains("class=\"empty\""));
    // Nobody else sees the draft.
    for who in [KEN, UNODC, FRA] {
        assert!(!dashboard(&app, &mut b, who)
            .await
            .body
            .contains("Draft visit notes"));
    }
}

#[actix_web::test]
async fn threads_and_documents_show_only_to_whom_they_are_for() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut b = Browsers::default();
    let thread = json!({"subject": "Kenya to UNODC only", "to_organisations": ["UNODC"],
        "body": "Shall we meet?"});
    app.post_json_bearer("/api/v1/threads", &c.ken, &thread)
        .await
        .assert_status(201);
    let fields = [
        ("title", "Shared with Kenya"),
        ("classification", "confidential"),
        ("access", "KEN"),
    ];
    upload(
        &app,
        &c.unodc,
        "/api/v1/documents",
        &fields,
        Some(("a.txt", b"text")),
    )
    .await
    .assert_status(201);

    let unodc = dashboard(&app, &mut b, UNODC).await;
    assert!(block(&unodc, "unread-threads")
        .unwrap()
        .contains("Kenya to UNODC only"));
    // The owner's own document is not "shared with" it.
    assert!(!block(&unodc, "shared-documents")
        .unwrap()
        .contains("Shared with Kenya"));
    let ken = dashboard(&app, &mut b, KEN).await;
    assert!(block(&ken, "shared-documents")
        .unwrap()
        .contains("Shared with Kenya"));
    // Kenya wrote the thread: nothing unread for it.
    assert!(!block(&ken, "unread-threads")
        .unwrap()
        .contains("Kenya to UNODC only"));
    for who in [FRA, IPU, ADMIN] {
        let page = dashboard(&app, &mut b, who).await;
        assert!(!page.body.contains("Kenya to UNODC only"), "{who}");
        assert!(!page.body.contains("Shared with Kenya"), "{who}");
    }
}

#[actix_web::test]
async fn what_changed_since_the_previous_visit_is_marked_new() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut b = Browsers::default();
    let first = dashboard(&app, &mut b, KEN).await;
    assert!(first.body.contains("Your first visit"), "{}", first.body);
    assert!(!first.body.contains("badge-new"));
    need(&app, &c.coordinator, "KEN", "Brand new need", json!({})).await;
    let second = dashboard(&app, &mut b, KEN).await;
    let needs = block(&second, "uncovered-needs").unwrap();
    assert!(needs.contains("Brand new need"), "{needs}");
    assert!(
        needs.contains("id=\"block-uncovered-needs-new\">1 new<"),
        "{needs}"
    );
    assert!(second.body.contains("Since your last visit"));
    // Seen: the next visit marks nothing.
    let third = dashboard(&app, &mut b, KEN).await;
    assert!(block(&third, "uncovered-needs")
        .unwrap()
        .contains("Brand new need"));
    assert!(!third.body.contains("badge-new"));
    // Each user has their own last visit: France's first visit marks nothing.
    assert!(!dashboard(&app, &mut b, FRA)
        .await
        .body
        .contains("badge-new"));
}

#[actix_web::test]
async fn empty_blocks_say_what_to_do_in_english_and_french() {
    let app = spawn_app().await;
    cast(&app).await;
    let mut b = Browsers::default();
    let ken = dashboard(&app, &mut b, KEN).await;
    for name in [
        "uncovered-needs",
        "decisions",
        "activities-in-state",
        "unread-threads",
    ] {
        assert!(
            block(&ken, name).unwrap().contains("class=\"empty\""),
            "{name}"
        );
    }
    assert!(ken
        .body
        .contains("Every open need of your State has an accepted match."));
    let french = b.french(&app, KEN, "/").await;
    assert_eq!(french.status, 200);
    assert!(
        french
            .body
            .contains("Propositions en attente de votre décision"),
        "{}",
        french.body
    );
    let unodc = b.french(&app, UNODC, "/").await;
    assert!(unodc.body.contains("Besoins correspondant à vos projets"));
    assert!(unodc
        .body
        .contains("Aucun chevauchement possible en attente."));
    let coord = b.french(&app, COORD, "/").await;
    assert!(coord.body.contains("Rapports de visite en brouillon"));
}
