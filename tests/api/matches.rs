//! Matches between needs and projects (issue 12, DESIGN.md rule 6): each test tries to
//! propose, see, decide or complete what the caller must not, and checks that nothing changed.

use diesel::prelude::*;
use portal::db::schema::{match_events, matches, needs, outbox};
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::helpers::{spawn_app, PASSWORD};
use crate::projects::{body as project_body, create as create_project};
use crate::reports::{cast, published_report, Cast};
use portal::domain::Role;

const WITHHELD_TITLE: &str = "Gap in the border agency's watch-list";

struct World {
    app: TestApp,
    c: Cast,
    /// A published KEN need (from a published section).
    need: String,
    /// A KEN need from a withheld section: coordinators and KEN only.
    withheld: String,
    /// A second published KEN need.
    other_need: String,
    /// UNODC's planned project.
    project: String,
}

async fn need(app: &TestApp, token: &str, title: &str, source: Value) -> String {
    let mut body = json!({"member_state": "KEN", "title": title,
        "thematic_area": "Border management and terrorist travel", "priority": "high"});
    for (key, value) in source.as_object().unwrap() {
        body[key] = value.clone();
    }
    let page = app.post_json_bearer("/api/v1/needs", token, &body).await;
    page.assert_status(201).field("id")
}

async fn world() -> World {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, sections) = published_report(&app, &c.coordinator).await;
    let open = json!({"report_id": report, "section_id": sections[0]});
    let need_id = need(&app, &c.coordinator, "Passenger data unit", open.clone()).await;
    let other_need = need(&app, &c.coordinator, "Second open need", open).await;
    let hidden = json!({"report_id": report, "section_id": sections[1]});
    let withheld = need(&app, &c.coordinator, WITHHELD_TITLE, hidden).await;
    let project = create_project(&app, &c.unodc, &project_body("API/PNR roll-out")).await;
    World {
        app,
        c,
        need: need_id,
        withheld,
        other_need,
        project,
    }
}

impl World {
    async fn propose(&self, token: &str, need: &str, project: &str) -> crate::helpers::Page {
        let body = json!({"need_id": need, "project_id": project, "note": "Fits the PNR gap"});
        self.app
            .post_json_bearer("/api/v1/matches", token, &body)
            .await
    }

    async fn patch(&self, token: &str, id: &str, body: Value) -> crate::helpers::Page {
        let path = format!("/api/v1/matches/{id}");
        self.app.patch_bearer(&path, token, &body).await
    }

    async fn ids(&self, path: &str, token: &str) -> Vec<String> {
        self.app
            .get_bearer(path, token)
            .await
            .assert_status(200)
            .ids()
    }

    fn need_status(&self, id: &str) -> String {
        needs::table
            .find(id)
            .select(needs::status)
            .first(&mut self.app.conn())
            .unwrap()
    }

    /// (matches, events, outbox rows): what a refused request must leave as it was.
    fn counts(&self) -> (i64, i64, i64) {
        let mut conn = self.app.conn();
        (
            matches::table.count().get_result(&mut conn).unwrap(),
            match_events::table.count().get_result(&mut conn).unwrap(),
            outbox::table.count().get_result(&mut conn).unwrap(),
        )
    }

    fn mail_to(&self, template: &str) -> Vec<String> {
        outbox::table
            .filter(outbox::template.eq(template))
            .order(outbox::to_address.asc())
            .select(outbox::to_address)
            .load(&mut self.app.conn())
            .unwrap()
    }
}

#[actix_web::test]
async fn proposals_need_a_visible_need_and_the_projects_organisation() {
    let w = world().await;
    let c = &w.c;
    let before = w.counts();
    // An entity does not see a need from a withheld section: as if it did not exist.
    let page = w.propose(&c.unodc, &w.withheld, &w.project).await;
    assert_eq!(page.status, 404, "{}", page.body);
    for (token, status) in [
        (&c.fra, 404),         // another State sees none of KEN's needs
        (&c.ipu, 404),         // observer organisations see no need
        (&c.unoct_focal, 403), // sees both, but the project is UNODC's
        (&c.ken_observer, 403),
        (&c.ken, 403), // the State decides, it does not propose another's project
    ] {
        let page = w.propose(token, &w.need, &w.project).await;
        assert_eq!(page.status, status, "{}", page.body);
    }
    let guessed = "00000000-0000-4000-8000-000000000000";
    for (need, project) in [(guessed, w.project.as_str()), (w.need.as_str(), guessed)] {
        let page = w.propose(&c.unodc, need, project).await;
        assert_eq!(page.status, 404, "{}", page.body);
    }
    let unknown_field = json!({"need_id": w.need, "project_id": w.project, "score": 1});
    let page = w
        .app
        .post_json_bearer("/api/v1/matches", &c.unodc, &unknown_field)
        .await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert_eq!(w.counts(), before, "a refused proposal writes nothing");

    let created = w.propose(&c.unodc, &w.need, &w.project).await;
    let created = created.assert_status(201).json();
    assert_eq!(created["status"], "proposed");
    assert_eq!(created["member_state"], "KEN");
    assert_eq!(created["organisation"], "UNODC");
    assert_eq!(created["proposed_by"], "UNODC");
    assert_eq!(created["history"].as_array().unwrap().len(), 1);
    let again = w.propose(&c.coordinator, &w.need, &w.project).await;
    assert_eq!(again.status, 409, "one match per need and project");

    // A coordinator may propose any project for any need, the withheld one included.
    let secret = w.propose(&c.coordinator, &w.withheld, &w.project).await;
    let secret = secret.assert_status(201).field("id");
    let open = created["id"].as_str().unwrap().to_string();

    // Rule 6: the match of the withheld need is invisible to the project's own organisation.
    let object = format!("/api/v1/matches/{secret}");
    app_statuses(
        &w,
        &object,
        &[(&c.unodc, 404), (&c.fra, 404), (&c.ipu, 404)],
    )
    .await;
    app_statuses(&w, &object, &[(&c.ken, 200), (&c.coordinator, 200)]).await;
    let doors = [
        "/api/v1/matches".to_string(),
        format!("/api/v1/matches?need_id={}", w.withheld),
        format!("/api/v1/matches?project_id={}", w.project),
        "/api/v1/matches?member_state=KEN".to_string(),
        "/api/v1/matches?status=proposed".to_string(),
        "/api/v1/matches?waiting=me".to_string(),
    ];
    for door in &doors {
        let seen = w.ids(door, &c.unodc).await;
        assert!(!seen.contains(&secret), "{door}: {seen:?}");
        for token in [&c.fra, &c.ipu] {
            assert!(w.ids(door, token).await.is_empty(), "{door}");
        }
    }
    assert_eq!(w.ids("/api/v1/matches", &c.unodc).await, [open.as_str()]);
    let mut ken = w.ids("/api/v1/matches", &c.ken).await;
    ken.sort();
    let mut both = vec![open.clone(), secret.clone()];
    both.sort();
    assert_eq!(ken, both);
    let decide = w.ids("/api/v1/matches?waiting=me", &c.ken).await;
    assert_eq!(decide.len(), 2, "both proposals wait for KEN's decision");
    assert!(w
        .ids("/api/v1/matches?waiting=me", &c.ken_observer)
        .await
        .is_empty());
    assert!(w
        .ids("/api/v1/matches?waiting=me", &c.unodc)
        .await
        .is_empty());
    assert!(w
        .ids("/api/v1/matches?member_state=XXX", &c.ken)
        .await
        .is_empty());
    for bad in ["waiting=you", "status=maybe", "cursor=zzz", "colour=red"] {
        let page = w
            .app
            .get_bearer(&format!("/api/v1/matches?{bad}"), &c.ken)
            .await;
        assert_eq!(page.status, 400, "{bad}: {}", page.body);
    }

    // A project that is over takes no new match.
    let path = format!("/api/v1/projects/{}", w.project);
    let cancel = json!({"status": "cancelled"});
    w.app
        .patch_bearer(&path, &c.unodc, &cancel)
        .await
        .assert_status(200);
    let before = w.counts();
    let late = w.propose(&c.unodc, &w.other_need, &w.project).await;
    assert_eq!(late.status, 409, "{}", late.body);
    assert_eq!(w.counts(), before);
}

async fn app_statuses(w: &World, path: &str, cases: &[(&String, u16)]) {
    for (token, status) in cases {
        let page = w.app.get_bearer(path, token).await;
        assert_eq!(page.status, *status, "{path}: {}", page.body);
    }
}

#[actix_web::test]
async fn decisions_follow_the_rules_and_the_need_follows_its_matches() {
    let w = world().await;
    let c = &w.c;
    let id = w.propose(&c.unodc, &w.need, &w.project).await;
    let id = id.assert_status(201).field("id");
    let before = w.counts();
    let accept = json!({"status": "accepted"});
    for (token, body, status) in [
        (&c.fra, accept.clone(), 404), // may not see the match
        (&c.ipu, accept.clone(), 404),
        (&c.unodc, accept.clone(), 403), // sees it, but the State decides
        (&c.unoct_focal, accept.clone(), 403),
        (&c.ken_observer, accept.clone(), 403),
        (&c.ken, json!({"status": "declined"}), 400), // a decline carries a reason
        (&c.ken, json!({"status": "declined", "reason": "  "}), 400),
        (&c.ken, json!({"status": "completed"}), 403), // the project's organisation completes
        (&c.unodc, json!({"status": "completed"}), 409), // not accepted yet
        (&c.ken, json!({"status": "proposed"}), 409),
        (&c.ken, json!({"status": "accepted", "note": "x"}), 400),
    ] {
        let page = w.patch(token, &id, body.clone()).await;
        assert_eq!(page.status, status, "{body}: {}", page.body);
    }
    let guessed = w.patch(
        &c.ken,
        "00000000-0000-4000-8000-000000000000",
        accept.clone(),
    );
    assert_eq!(guessed.await.status, 404);
    assert_eq!(w.counts(), before, "refused moves change nothing");
    assert_eq!(w.need_status(&w.need), "open");

    let accepted = w
        .patch(&c.ken, &id, accept.clone())
        .await
        .assert_status(200)
        .json();
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(
        w.need_status(&w.need),
        "matched",
        "the first accepted match"
    );
    for body in [
        accept.clone(),
        json!({"status": "declined", "reason": "late"}),
    ] {
        let page = w.patch(&c.ken, &id, body).await;
        assert_eq!(page.status, 409, "{}", page.body);
    }
    assert!(w.ids("/api/v1/matches?waiting=me", &c.ken).await.is_empty());
    assert_eq!(
        w.ids("/api/v1/matches?waiting=me", &c.unodc).await,
        [id.as_str()]
    );

    // Work starts on the project: the need is in progress.
    let project = format!("/api/v1/projects/{}", w.project);
    let active = json!({"status": "active"});
    w.app
        .patch_bearer(&project, &c.unodc, &active)
        .await
        .assert_status(200);
    assert_eq!(w.need_status(&w.need), "in_progress");

    let done = w.patch(&c.unodc, &id, json!({"status": "completed"})).await;
    let done = done.assert_status(200).json();
    assert_eq!(w.need_status(&w.need), "addressed");
    let steps: Vec<(Value, Value)> = done["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["from"].clone(), s["to"].clone()))
        .collect();
    assert_eq!(
        steps,
        [
            (Value::Null, json!("proposed")),
            (json!("proposed"), json!("accepted")),
            (json!("accepted"), json!("completed")),
        ]
    );
    let page = w
        .patch(&c.coordinator, &id, json!({"status": "accepted"}))
        .await;
    assert_eq!(page.status, 409, "completed is final");

    // A declined match leaves its need uncovered; an active project makes it in progress at once.
    let second = w.propose(&c.coordinator, &w.other_need, &w.project).await;
    let second = second.assert_status(201).field("id");
    let declined = json!({"status": "declined", "reason": "Already covered by a bilateral donor"});
    let page = w
        .patch(&c.ken, &second, declined)
        .await
        .assert_status(200)
        .json();
    assert_eq!(page["reason"], "Already covered by a bilateral donor");
    assert_eq!(w.need_status(&w.other_need), "open");
    let page = w.patch(&c.ken, &second, accept.clone()).await;
    assert_eq!(page.status, 409, "declined is final");

    let uncovered = w.ids("/api/v1/needs?uncovered=true", &c.coordinator).await;
    assert!(uncovered.contains(&w.other_need) && uncovered.contains(&w.withheld));
    assert!(!uncovered.contains(&w.need), "{uncovered:?}");
    let seen = w.ids("/api/v1/needs?uncovered=true", &c.unodc).await;
    assert_eq!(
        seen,
        [w.other_need.as_str()],
        "nor a withheld need for an entity"
    );
    let page = w
        .app
        .get_bearer("/api/v1/needs?uncovered=maybe", &c.ken)
        .await;
    assert_eq!(page.status, 400);
}

#[actix_web::test]
async fn mail_reaches_the_right_focal_points_and_never_names_the_need() {
    let w = world().await;
    let c = &w.c;
    w.app.create_user(
        "fp2@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let secret = w.propose(&c.coordinator, &w.withheld, &w.project).await;
    let secret = secret.assert_status(201).field("id");
    assert_eq!(
        w.mail_to("match_proposed"),
        ["fp2@ken.example.org", "fp@ken.example.org"],
        "the State's focal points, not its observers nor anyone else"
    );
    let mail = w.app.mailed("match_proposed", "fp@ken.example.org").await;
    let text = mail.decoded();
    assert!(text.contains(&format!("/needs/{}", w.withheld)), "{text}");
    assert!(!text.contains(WITHHELD_TITLE), "{text}");
    assert!(!text.contains("Fits the PNR gap"), "{text}");

    let open = w.propose(&c.unodc, &w.need, &w.project).await;
    let open = open.assert_status(201).field("id");
    let decline = json!({"status": "declined", "reason": "Already covered"});
    w.patch(&c.ken, &open, decline).await.assert_status(200);
    assert_eq!(w.mail_to("match_answered"), ["fp@unodc.example.org"]);
    let mail = w.app.mailed("match_answered", "fp@unodc.example.org").await;
    let text = mail.decoded();
    assert!(text.contains(&format!("/projects/{}", w.project)), "{text}");
    assert!(!text.contains("Already covered") && !text.contains("Passenger data unit"));
    // The coordinator's proposal is answered to the coordinator's organisation (no focal
    // point there): no one else hears of it.
    w.patch(&c.ken, &secret, json!({"status": "accepted"}))
        .await
        .assert_status(200);
    assert_eq!(w.mail_to("match_answered"), ["fp@unodc.example.org"]);
}

#[actix_web::test]
async fn the_demo_has_matches_in_every_status_once() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    portal::demo::seed(&mut conn, &app.settings.totp_keys).expect("demo seeded");
    let statuses = |conn: &mut portal::db::DbConnection| -> Vec<String> {
        matches::table
            .select(matches::status)
            .distinct()
            .order(matches::status.asc())
            .load(conn)
            .unwrap()
    };
    assert_eq!(
        statuses(&mut conn),
        ["accepted", "completed", "declined", "proposed"]
    );
    let count: i64 = matches::table.count().get_result(&mut conn).unwrap();
    portal::demo::seed(&mut conn, &app.settings.totp_keys).expect("seeded again");
    let again: i64 = matches::table.count().get_result(&mut conn).unwrap();
    assert_eq!(again, count, "a second start adds nothing");
    let addressed: i64 = needs::table
        .filter(needs::status.eq("addressed"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert!(addressed >= 1, "the needs follow the demo's matches");
}

#[actix_web::test]
async fn ids_that_are_no_ids_are_missing_not_errors() {
    let w = world().await;
    let c = &w.c;
    let before = w.counts();
    for bad in ["a\u{0}b", "", " ", &"x".repeat(5000)] {
        let page = w.propose(&c.coordinator, bad, &w.project).await;
        assert_eq!(page.status, 404, "{bad:?}: {}", page.body);
        let page = w.propose(&c.coordinator, &w.need, bad).await;
        assert_eq!(page.status, 404, "{bad:?}: {}", page.body);
    }
    for bad in ["a%00b", "%20"] {
        let path = format!("/api/v1/matches/{bad}");
        let page = w.app.get_bearer(&path, &c.coordinator).await;
        assert_eq!(page.status, 404, "{path}: {}", page.body);
        let page = w
            .patch(&c.coordinator, bad, json!({"status": "accepted"}))
            .await;
        assert_eq!(page.status, 404, "{bad}: {}", page.body);
    }
    let page = w
        .app
        .get_bearer("/api/v1/matches?need_id=a%00b", &c.ken)
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(w.counts(), before);
}

/// The needs lists are kept for the needs' version (`data_versions`): a match accepted after a
/// read takes its need out of the uncovered needs at the next read, and a section withheld
/// after a read takes its needs out of an entity's list, count and report page, while
/// coordinators still see them.
#[actix_web::test]
async fn kept_needs_lists_follow_matches_and_consent_changed_after_a_read() {
    let w = world().await;
    let c = &w.c;
    let sorted = |mut ids: Vec<String>| {
        ids.sort();
        ids
    };
    let uncovered = "/api/v1/needs?uncovered=true";
    let published = sorted(vec![w.need.clone(), w.other_need.clone()]);
    let mut everything = published.clone();
    everything.push(w.withheld.clone());
    let everything = sorted(everything);
    let mut unodc = w
        .app
        .browser_of("fp2@unodc.example.org", "UNODC", Role::FocalPoint)
        .await;
    let source = format!("/api/v1/needs/{}", w.need);
    let source = w.app.get_ok(&source, &c.coordinator).await;
    let report = source.json()["report_id"].as_str().unwrap().to_string();
    let report_page = format!("/reports/{report}");
    let shown =
        |page: crate::helpers::Page, title: &str| page.assert_status(200).body.contains(title);
    assert_eq!(sorted(w.ids(uncovered, &c.unodc).await), published);
    assert_eq!(sorted(w.ids(uncovered, &c.coordinator).await), everything);
    assert!(w.ids(uncovered, &c.fra).await.is_empty());
    assert!(shown(
        w.app.browser_get(&mut unodc, "/needs").await,
        "Second open need"
    ));
    assert!(shown(
        w.app.browser_get(&mut unodc, &report_page).await,
        "Second open need"
    ));

    // Accepted after those reads: no longer uncovered, for each viewer.
    let id = w.propose(&c.unodc, &w.need, &w.project).await;
    let id = id.assert_status(201).field("id");
    let accept = json!({"status": "accepted"});
    w.patch(&c.ken, &id, accept).await.assert_status(200);
    assert_eq!(w.ids(uncovered, &c.unodc).await, [w.other_need.as_str()]);
    let left = sorted(vec![w.other_need.clone(), w.withheld.clone()]);
    assert_eq!(sorted(w.ids(uncovered, &c.coordinator).await), left);

    // The section withheld after the reads: its needs leave the entity's lists and page.
    let path = format!("/api/v1/reports/{report}");
    let sections = w.app.get_ok(&path, &c.coordinator).await;
    let sections: Vec<String> = sections.json()["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let revised = json!({"sections": [
        {"id": sections[0], "heading": "Border management", "body": "Withheld now.", "consent": "withheld"},
        {"id": sections[1], "heading": "Gaps", "body": "Withheld still.", "consent": "withheld"}
    ]});
    w.app
        .patch_bearer(
            &format!("/api/v1/reports/{report}"),
            &c.coordinator,
            &revised,
        )
        .await
        .assert_status(200);
    assert!(w.ids("/api/v1/needs", &c.unodc).await.is_empty());
    assert_eq!(
        sorted(w.ids("/api/v1/needs", &c.coordinator).await),
        everything
    );
    assert!(!shown(
        w.app.browser_get(&mut unodc, "/needs").await,
        "Second open need"
    ));
    assert!(!shown(
        w.app.browser_get(&mut unodc, &report_page).await,
        "Second open need"
    ));
}
