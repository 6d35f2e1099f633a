//! Visit reports and needs behind the access rules (DESIGN.md rules 1, 2 and 5). Each test
//! tries to see something it must not, by every door: detail, list, filter, search, export.

use diesel::prelude::*;
use portal::db::schema::{audit_log, needs, reports};
use portal::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, PASSWORD};

pub struct Cast {
    pub coordinator: String,
    pub admin: String,
    pub ken: String,
    pub ken_observer: String,
    pub fra: String,
    pub unodc: String,
    pub unoct_focal: String,
    pub ipu: String,
}

pub async fn cast(app: &TestApp) -> Cast {
    let users = [
        ("coord@cted.example.org", "CTED", Role::Coordinator),
        ("admin@unoct.example.org", "UNOCT", Role::Admin),
        ("fp@ken.example.org", "KEN", Role::FocalPoint),
        ("obs@ken.example.org", "KEN", Role::Observer),
        ("fp@fra.example.org", "FRA", Role::FocalPoint),
        ("fp@unodc.example.org", "UNODC", Role::FocalPoint),
        ("fp@unoct.example.org", "UNOCT", Role::FocalPoint),
        ("obs@ipu.example.org", "IPU", Role::Observer),
    ];
    let mut tokens = Vec::new();
    for (email, org, role) in users {
        app.create_user(email, org, role, Some(PASSWORD));
        tokens.push(app.token(email, PASSWORD).await);
    }
    let mut t = tokens.into_iter();
    let mut next = || t.next().unwrap();
    Cast {
        coordinator: next(),
        admin: next(),
        ken: next(),
        ken_observer: next(),
        fra: next(),
        unodc: next(),
        unoct_focal: next(),
        ipu: next(),
    }
}

pub const WITHHELD_BODY: &str = "Secret detail about the border agency's gaps";

pub fn kenya_report() -> Value {
    json!({
        "member_state": "KEN",
        "title": "Kenya assessment visit 2025",
        "visit_date": "2025-03-01",
        "summary": "Follow-up visit on border management.",
        "programme": "CT-TRAVEL",
        "sections": [
            {"heading": "Border management", "body": "API/PNR systems are being rolled out.", "consent": "published"},
            {"heading": "Gaps", "body": WITHHELD_BODY, "consent": "withheld"}
        ]
    })
}

/// A published KEN report with a published and a withheld section; returns (report, sections).
pub async fn published_report(app: &TestApp, coordinator: &str) -> (String, Vec<String>) {
    let created = app
        .post_json_bearer("/api/v1/reports", coordinator, &kenya_report())
        .await;
    let created = created.assert_status(201);
    let id = created.field("id");
    let sections = created.json()["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let publish = format!("/api/v1/reports/{id}/publish");
    let published = app
        .post_json_bearer(&publish, coordinator, &json!({}))
        .await;
    published.assert_status(200);
    (id, sections)
}

async fn list_ids(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    app.get_ok(path, token).await.ids()
}

#[actix_web::test]
async fn drafts_are_for_coordinators_only() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let created = app
        .post_json_bearer("/api/v1/reports", &c.coordinator, &kenya_report())
        .await;
    let created = created.assert_status(201);
    let id = created.field("id");
    assert_eq!(created.json()["status"], "draft");
    let path = format!("/api/v1/reports/{id}");
    for token in [&c.ken, &c.unodc, &c.fra, &c.ipu, &c.unoct_focal] {
        app.assert_get_statuses([(&path, token, 404)]).await;
        assert!(list_ids(&app, "/api/v1/reports", token).await.is_empty());
        let drafts = list_ids(&app, "/api/v1/reports?status=draft", token).await;
        assert!(drafts.is_empty());
    }
    app.assert_get_statuses([(&path, &c.coordinator, 200), (&path, &c.admin, 200)])
        .await;
    let drafts = list_ids(&app, "/api/v1/reports?status=draft", &c.coordinator).await;
    assert_eq!(drafts, vec![id]);
}

#[actix_web::test]
async fn each_organisation_sees_exactly_what_rule_one_grants() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (id, sections) = published_report(&app, &c.coordinator).await;
    let path = format!("/api/v1/reports/{id}");

    // The concerned State and coordinators: every section.
    for token in [&c.ken, &c.ken_observer, &c.coordinator, &c.admin] {
        let page = app.get_bearer(&path, token).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.json()["sections"].as_array().unwrap().len(), 2);
        assert!(page.body.contains(WITHHELD_BODY));
    }
    // Compact entities and coordinator offices: published sections only, nothing of the rest.
    for token in [&c.unodc, &c.unoct_focal] {
        let page = app.get_bearer(&path, token).await;
        assert_eq!(page.status, 200);
        let shown = page.json()["sections"].as_array().unwrap().clone();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0]["id"], sections[0]);
        assert_eq!(shown[0]["consent"], "published");
        assert!(!page.body.contains(WITHHELD_BODY));
        assert!(!page.body.contains(&sections[1]));
        let listed = list_ids(&app, "/api/v1/reports", token).await;
        assert_eq!(listed, vec![id.clone()]);
    }
    // Another State and an observer organisation: nothing, by any door.
    for token in [&c.fra, &c.ipu] {
        let denied = app.get_bearer(&path, token).await;
        let guessed = format!("/api/v1/reports/{}", uuid::Uuid::new_v4());
        let missing = app.get_bearer(&guessed, token).await;
        assert_eq!(denied.status, 404);
        assert_eq!(denied.body, missing.body, "denied and missing look alike");
        for list in [
            "/api/v1/reports",
            "/api/v1/reports?member_state=KEN",
            "/api/v1/reports?q=Kenya",
            "/api/v1/reports?year=2025",
            "/api/v1/reports?regional_group=African",
            "/api/v1/reports?programme=CT-TRAVEL",
        ] {
            assert!(list_ids(&app, list, token).await.is_empty(), "{list}");
        }
    }
    // Search covers only what everyone who sees the report sees (not withheld bodies).
    let withheld_words = list_ids(&app, "/api/v1/reports?q=border%20agency", &c.unodc).await;
    assert!(withheld_words.is_empty());
    let title_words = list_ids(&app, "/api/v1/reports?q=kenya", &c.unodc).await;
    assert_eq!(title_words, vec![id.clone()]);
}

#[actix_web::test]
async fn only_coordinators_write_and_publish() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for token in [&c.ken, &c.unodc, &c.ipu] {
        let page = app
            .post_json_bearer("/api/v1/reports", token, &kenya_report())
            .await;
        assert_eq!(page.status, 403);
    }
    let (id, _) = published_report(&app, &c.coordinator).await;
    let path = format!("/api/v1/reports/{id}");
    let hijack = json!({"title": "Hijacked"});
    for (token, status, why) in [
        (&c.ken, 403, "visible but not editable"),
        (&c.fra, 404, "not even visible"),
    ] {
        assert_eq!(
            app.patch_bearer(&path, token, &hijack).await.status,
            status,
            "{why}"
        );
    }
    let publish = format!("{path}/publish");
    let again = app
        .post_json_bearer(&publish, &c.coordinator, &json!({}))
        .await;
    assert_eq!(again.status, 409);
    let mut conn = app.conn();
    let title: String = reports::table
        .select(reports::title)
        .first(&mut conn)
        .unwrap();
    assert_eq!(title, "Kenya assessment visit 2025");
}

#[actix_web::test]
async fn edits_after_publication_are_versioned_and_audited() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (id, sections) = published_report(&app, &c.coordinator).await;
    let revised = json!({
        "title": "Kenya assessment visit 2025 (revised)",
        "sections": [
            {"id": sections[0], "heading": "Border management", "body": "API/PNR systems are live.", "consent": "published"},
            {"id": sections[1], "heading": "Gaps", "body": WITHHELD_BODY, "consent": "withheld"},
            {"heading": "Annex", "body": "Contacts.", "consent": "published"}
        ]
    });
    let path = format!("/api/v1/reports/{id}");
    let page = app.patch_bearer(&path, &c.coordinator, &revised).await;
    let body = page.assert_status(200).json();
    assert_eq!(body["version"], 2);
    assert_eq!(body["sections"].as_array().unwrap().len(), 3);
    assert_eq!(
        body["sections"][0]["id"], sections[0],
        "section identity kept"
    );
    let mut conn = app.conn();
    let versions: i64 = portal::db::schema::report_versions::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(versions, 1);
    let actions: Vec<String> = audit_log::table
        .filter(audit_log::target_id.eq(&id))
        .order(audit_log::seq.asc())
        .select(audit_log::action)
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        actions,
        vec!["report.create", "report.publish", "report.update"]
    );
    let verification = portal::services::audit::verify(&mut conn).unwrap();
    let intact = matches!(
        verification,
        portal::services::audit::Verification::Intact { .. }
    );
    assert!(intact);
}

#[actix_web::test]
async fn every_read_is_audited_and_refusals_too() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (id, _) = published_report(&app, &c.coordinator).await;
    for token in [&c.unodc, &c.ken, &c.fra] {
        app.get_bearer(&format!("/api/v1/reports/{id}"), token)
            .await;
    }
    let mut conn = app.conn();
    let reads: Vec<(Option<String>, String)> = audit_log::table
        .filter(audit_log::action.eq("report.read"))
        .order(audit_log::seq.asc())
        .select((audit_log::actor_email, audit_log::outcome))
        .load(&mut conn)
        .unwrap();
    let expected = [
        ("fp@unodc.example.org", "success"),
        ("fp@ken.example.org", "success"),
        ("fp@fra.example.org", "denied"),
    ];
    let expected = expected.map(|(e, o)| (Some(e.to_string()), o.to_string()));
    assert_eq!(reads, expected);
}

#[actix_web::test]
async fn bad_report_input_is_a_clear_400_and_writes_nothing() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut bad_consent = kenya_report()["sections"].clone();
    bad_consent[0]["consent"] = json!("maybe");
    // (field, bad value, error code)
    let cases = [
        ("member_state", json!("XXX"), "unknown_member_state"),
        ("member_state", json!("UNODC"), "unknown_member_state"),
        ("title", json!("   "), "invalid_field"),
        ("sections", bad_consent, "invalid_json"),
        ("status", json!("published"), "invalid_json"),
        ("visit_date", json!("2025-13-45"), "invalid_json"),
        ("title", json!("Title\u{0}with NUL"), "invalid_field"),
        ("programme", json!("NOPE"), "unknown_programme"),
        (
            "member_state",
            json!("KEN' OR '1'='1"),
            "unknown_member_state",
        ),
        (
            "summary",
            json!("x".repeat(10 * 1024 * 1024)),
            "payload_too_large",
        ),
    ];
    for (field, value, code) in cases {
        let mut body = kenya_report();
        body[field] = value;
        let page = app
            .post_json_bearer("/api/v1/reports", &c.coordinator, &body)
            .await;
        let status = if code == "payload_too_large" {
            413
        } else {
            400
        };
        assert_eq!(page.status, status, "{field}: {}", page.body);
        if status == 400 {
            assert_eq!(page.error_code(), code, "{field}");
        }
    }
    let count: i64 = reports::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 0);
    let unknown_param = app
        .get_bearer("/api/v1/reports?sort=evil", &c.coordinator)
        .await;
    assert_eq!(unknown_param.status, 400);
    let bad_cursor = "/api/v1/reports?cursor=%27%3B--";
    let bad_cursor = app.get_bearer(bad_cursor, &c.coordinator).await;
    assert_eq!(bad_cursor.status, 400);
    assert_eq!(bad_cursor.error_code(), "invalid_cursor");
}

#[actix_web::test]
async fn the_report_list_pages_with_a_cursor() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut ids = Vec::new();
    for day in 1..=5 {
        let mut body = kenya_report();
        body["visit_date"] = json!(format!("2024-01-0{day}"));
        let page = app
            .post_json_bearer("/api/v1/reports", &c.coordinator, &body)
            .await;
        ids.push(page.field("id"));
    }
    ids.reverse();
    let mut seen = Vec::new();
    let mut path = "/api/v1/reports?limit=2".to_string();
    loop {
        let page = app.get_bearer(&path, &c.coordinator).await;
        seen.extend(page.ids());
        match page.json()["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/reports?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, ids);
}

async fn need(app: &TestApp, token: &str, body: Value) -> String {
    let page = app.post_json_bearer("/api/v1/needs", token, &body).await;
    page.assert_status(201).field("id")
}

/// A need of KEN's with `extra` fields.
fn kenya_need(title: &str, priority: &str, extra: Value) -> Value {
    let mut body = json!({"member_state": "KEN", "title": title,
        "thematic_area": "Criminal justice and rule of law", "priority": priority});
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

#[actix_web::test]
async fn needs_follow_the_visibility_of_their_source() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, sections) = published_report(&app, &c.coordinator).await;
    let draft = app
        .post_json_bearer("/api/v1/reports", &c.coordinator, &kenya_report())
        .await;
    let draft_id = draft.field("id");
    let area = json!("Border management and terrorist travel");
    let base = |title: &str, source: Value| {
        let mut body = kenya_need(title, "high", source);
        body["thematic_area"] = area.clone();
        body["description"] = json!("");
        body
    };
    let open = base(
        "Open need",
        json!({"report_id": report, "section_id": sections[0]}),
    );
    let open = need(&app, &c.coordinator, open).await;
    let withheld = base(
        "Withheld need",
        json!({"report_id": report, "section_id": sections[1]}),
    );
    let withheld = need(&app, &c.coordinator, withheld).await;
    let drafted = base("Draft need", json!({"report_id": draft_id}));
    let drafted = need(&app, &c.coordinator, drafted).await;

    let all = list_ids(&app, "/api/v1/needs", &c.coordinator).await;
    assert_eq!(all.len(), 3);
    let mut ken = list_ids(&app, "/api/v1/needs", &c.ken).await;
    ken.sort();
    let mut expected = vec![open.clone(), withheld.clone()];
    expected.sort();
    assert_eq!(ken, expected);
    assert_eq!(
        list_ids(&app, "/api/v1/needs", &c.unodc).await,
        vec![open.clone()]
    );
    assert!(list_ids(&app, "/api/v1/needs", &c.fra).await.is_empty());
    assert!(list_ids(&app, "/api/v1/needs", &c.ipu).await.is_empty());

    // Detail, filters and search reveal nothing more.
    let need_path = |id: &str| format!("/api/v1/needs/{id}");
    app.assert_get_statuses([
        (need_path(&withheld), &c.unodc, 404),
        (need_path(&drafted), &c.unodc, 404),
        (need_path(&drafted), &c.ken, 404),
        (need_path(&open), &c.fra, 404),
    ])
    .await;
    for filter in [
        "?q=Withheld",
        "?priority=high",
        "?member_state=KEN",
        "?thematic_area=Border%20management%20and%20terrorist%20travel",
    ] {
        let ids = list_ids(&app, &format!("/api/v1/needs{filter}"), &c.unodc).await;
        let leaked = ids.contains(&withheld) || ids.contains(&drafted);
        assert!(!leaked, "{filter}");
    }
    let of_the_draft = format!("/api/v1/needs?report_id={draft_id}");
    assert!(list_ids(&app, &of_the_draft, &c.unodc).await.is_empty());

    // The export holds exactly what the list shows.
    let csv = app.get_bearer("/api/v1/needs/export", &c.unodc).await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.body.contains("Open need"));
    assert!(!csv.body.contains("Withheld need") && !csv.body.contains("Draft need"));
    let fra_csv = app.get_bearer("/api/v1/needs/export", &c.fra).await;
    assert_eq!(fra_csv.body.lines().count(), 1, "header only");

    // Reading the restricted need is audited; so is each export.
    app.assert_get_statuses([(need_path(&withheld), &c.ken, 200)])
        .await;
    let mut conn = app.conn();
    let actions: Vec<String> = audit_log::table
        .select(audit_log::action)
        .load(&mut conn)
        .unwrap();
    assert!(actions.iter().any(|a| a == "need.read"));
    assert_eq!(actions.iter().filter(|a| *a == "needs.export").count(), 2);

    // Publishing the draft report and consenting to the withheld section open them up.
    let publish = format!("/api/v1/reports/{draft_id}/publish");
    app.post_json_bearer(&publish, &c.coordinator, &json!({}))
        .await;
    app.assert_get_statuses([(need_path(&drafted), &c.unodc, 200)])
        .await;
    let consented = json!({"sections": [
        {"id": sections[0], "heading": "Border management", "body": "API/PNR systems are being rolled out.", "consent": "published"},
        {"id": sections[1], "heading": "Gaps", "body": WITHHELD_BODY, "consent": "published"}
    ]});
    let path = format!("/api/v1/reports/{report}");
    let res = app.patch_bearer(&path, &c.coordinator, &consented).await;
    assert_eq!(res.status, 200);
    app.assert_get_statuses([(need_path(&withheld), &c.unodc, 200)])
        .await;
    let visibility: Vec<String> = needs::table
        .select(needs::visibility)
        .load(&mut conn)
        .unwrap();
    assert!(visibility.iter().all(|v| v == "published"));
}

#[actix_web::test]
async fn only_the_concerned_state_and_coordinators_comment() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, sections) = published_report(&app, &c.coordinator).await;
    let source = json!({"report_id": report, "section_id": sections[1]});
    let withheld = need(&app, &c.coordinator, kenya_need("Need", "medium", source)).await;
    let source = json!({"report_id": report});
    let open = need(&app, &c.coordinator, kenya_need("Open", "low", source)).await;
    let comment = json!({"body": "<script>alert('x')</script> We need trainers."});
    let path = format!("/api/v1/needs/{withheld}/comments");
    let open_path = format!("/api/v1/needs/{open}/comments");
    for (path, token, status) in [
        (&path, &c.ken, 201),
        (&path, &c.coordinator, 201),
        (&path, &c.ken_observer, 403),
        (&path, &c.unodc, 404),
        (&path, &c.fra, 404),
        (&open_path, &c.unodc, 403),
    ] {
        let res = app.post_json_bearer(path, token, &comment).await;
        assert_eq!(res.status, status, "{path}: {}", res.body);
    }
    let detail = app
        .get_bearer(&format!("/api/v1/needs/{withheld}"), &c.ken)
        .await;
    assert_eq!(detail.json()["comments"].as_array().unwrap().len(), 2);
    assert_eq!(detail.json()["may_comment"], true);
    let entity_view = app
        .get_bearer(&format!("/api/v1/needs/{open}"), &c.unodc)
        .await;
    assert!(entity_view.json()["comments"].is_null());
    let empty = app
        .post_json_bearer(&path, &c.ken, &json!({"body": "  "}))
        .await;
    assert_eq!(empty.status, 400);
}

#[actix_web::test]
async fn bad_need_input_is_refused() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, _) = published_report(&app, &c.coordinator).await;
    let good = kenya_need("T", "high", json!({}));
    let cases = [
        (
            "high",
            json!({"member_state": "FRA", "report_id": report}),
            "unknown_report",
        ),
        (
            "high",
            json!({"thematic_area": "Astrology"}),
            "unknown_thematic_area",
        ),
        ("urgent", json!({}), "invalid_json"),
        (
            "high",
            json!({"report_id": report, "section_id": "nope"}),
            "unknown_section",
        ),
        ("high", json!({"visibility": "published"}), "invalid_json"),
    ];
    for (priority, extra, code) in cases {
        let body = kenya_need("T", priority, extra);
        let page = app
            .post_json_bearer("/api/v1/needs", &c.coordinator, &body)
            .await;
        assert_eq!(page.status, 400, "{body}: {}", page.body);
        assert_eq!(page.error_code(), code);
    }
    assert_eq!(
        app.post_json_bearer("/api/v1/needs", &c.ken, &good)
            .await
            .status,
        403
    );
    let count: i64 = needs::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 0);
    let bad_status = "/api/v1/needs?status=%27%20OR%201%3D1%20--";
    let bad_status = app.get_bearer(bad_status, &c.coordinator).await;
    assert_eq!(bad_status.status, 200);
    assert!(bad_status.items().is_empty());
}
