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
    assert_eq!(created.status, 201, "{}", created.body);
    let body = created.json();
    let id = body["id"].as_str().unwrap().to_string();
    let sections = body["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let published = app
        .post_json_bearer(
            &format!("/api/v1/reports/{id}/publish"),
            coordinator,
            &json!({}),
        )
        .await;
    assert_eq!(published.status, 200, "{}", published.body);
    (id, sections)
}

async fn list_ids(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    let page = app.get_bearer(path, token).await;
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    page.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn drafts_are_for_coordinators_only() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let created = app
        .post_json_bearer("/api/v1/reports", &c.coordinator, &kenya_report())
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_string();
    assert_eq!(created.json()["status"], "draft");
    for token in [&c.ken, &c.unodc, &c.fra, &c.ipu, &c.unoct_focal] {
        assert_eq!(
            app.get_bearer(&format!("/api/v1/reports/{id}"), token)
                .await
                .status,
            404
        );
        assert!(list_ids(&app, "/api/v1/reports", token).await.is_empty());
        assert!(list_ids(&app, "/api/v1/reports?status=draft", token)
            .await
            .is_empty());
    }
    assert_eq!(
        app.get_bearer(&format!("/api/v1/reports/{id}"), &c.coordinator)
            .await
            .status,
        200
    );
    assert_eq!(
        app.get_bearer(&format!("/api/v1/reports/{id}"), &c.admin)
            .await
            .status,
        200
    );
    assert_eq!(
        list_ids(&app, "/api/v1/reports?status=draft", &c.coordinator).await,
        vec![id]
    );
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
        assert_eq!(
            list_ids(&app, "/api/v1/reports", token).await,
            vec![id.clone()]
        );
    }
    // Another State and an observer organisation: nothing, by any door.
    for token in [&c.fra, &c.ipu] {
        let denied = app.get_bearer(&path, token).await;
        let missing = app
            .get_bearer(&format!("/api/v1/reports/{}", uuid::Uuid::new_v4()), token)
            .await;
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
    assert!(
        list_ids(&app, "/api/v1/reports?q=border%20agency", &c.unodc)
            .await
            .is_empty()
    );
    assert_eq!(
        list_ids(&app, "/api/v1/reports?q=kenya", &c.unodc).await,
        vec![id.clone()]
    );
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
    let patch = |token: String| {
        let app = &app;
        let id = id.clone();
        async move {
            let res = app
                .client
                .patch(app.url(&format!("/api/v1/reports/{id}")))
                .insert_header(("authorization", format!("Bearer {token}")))
                .send_json(&json!({"title": "Hijacked"}))
                .await
                .unwrap();
            crate::helpers::into_page(res).await
        }
    };
    assert_eq!(
        patch(c.ken.clone()).await.status,
        403,
        "visible but not editable"
    );
    assert_eq!(patch(c.fra.clone()).await.status, 404, "not even visible");
    let again = app
        .post_json_bearer(
            &format!("/api/v1/reports/{id}/publish"),
            &c.coordinator,
            &json!({}),
        )
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
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/reports/{id}")))
        .insert_header(("authorization", format!("Bearer {}", c.coordinator)))
        .send_json(&json!({
            "title": "Kenya assessment visit 2025 (revised)",
            "sections": [
                {"id": sections[0], "heading": "Border management", "body": "API/PNR systems are live.", "consent": "published"},
                {"id": sections[1], "heading": "Gaps", "body": WITHHELD_BODY, "consent": "withheld"},
                {"heading": "Annex", "body": "Contacts.", "consent": "published"}
            ]
        }))
        .await
        .unwrap();
    let page = crate::helpers::into_page(res).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = page.json();
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
    assert!(matches!(
        portal::services::audit::verify(&mut conn).unwrap(),
        portal::services::audit::Verification::Intact { .. }
    ));
}

#[actix_web::test]
async fn every_read_is_audited_and_refusals_too() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (id, _) = published_report(&app, &c.coordinator).await;
    app.get_bearer(&format!("/api/v1/reports/{id}"), &c.unodc)
        .await;
    app.get_bearer(&format!("/api/v1/reports/{id}"), &c.ken)
        .await;
    app.get_bearer(&format!("/api/v1/reports/{id}"), &c.fra)
        .await;
    let mut conn = app.conn();
    let reads: Vec<(Option<String>, String)> = audit_log::table
        .filter(audit_log::action.eq("report.read"))
        .order(audit_log::seq.asc())
        .select((audit_log::actor_email, audit_log::outcome))
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        reads,
        vec![
            (Some("fp@unodc.example.org".into()), "success".into()),
            (Some("fp@ken.example.org".into()), "success".into()),
            (Some("fp@fra.example.org".into()), "denied".into()),
        ]
    );
}

#[actix_web::test]
async fn bad_report_input_is_a_clear_400_and_writes_nothing() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut cases = Vec::new();
    let mut unknown_state = kenya_report();
    unknown_state["member_state"] = json!("XXX");
    cases.push((unknown_state, "unknown_member_state"));
    let mut entity_as_state = kenya_report();
    entity_as_state["member_state"] = json!("UNODC");
    cases.push((entity_as_state, "unknown_member_state"));
    let mut empty_title = kenya_report();
    empty_title["title"] = json!("   ");
    cases.push((empty_title, "invalid_field"));
    let mut bad_consent = kenya_report();
    bad_consent["sections"][0]["consent"] = json!("maybe");
    cases.push((bad_consent, "invalid_json"));
    let mut extra = kenya_report();
    extra["status"] = json!("published");
    cases.push((extra, "invalid_json"));
    let mut bad_date = kenya_report();
    bad_date["visit_date"] = json!("2025-13-45");
    cases.push((bad_date, "invalid_json"));
    let mut nul = kenya_report();
    nul["title"] = json!("Title\u{0}with NUL");
    cases.push((nul, "invalid_field"));
    let mut programme = kenya_report();
    programme["programme"] = json!("NOPE");
    cases.push((programme, "unknown_programme"));
    let mut injected = kenya_report();
    injected["member_state"] = json!("KEN' OR '1'='1");
    cases.push((injected, "unknown_member_state"));
    for (body, code) in cases {
        let page = app
            .post_json_bearer("/api/v1/reports", &c.coordinator, &body)
            .await;
        assert_eq!(page.status, 400, "{body}: {}", page.body);
        assert_eq!(page.json()["error"]["code"], code, "{body}");
    }
    let mut huge = kenya_report();
    huge["summary"] = json!("x".repeat(10 * 1024 * 1024));
    let page = app
        .post_json_bearer("/api/v1/reports", &c.coordinator, &huge)
        .await;
    assert_eq!(page.status, 413);
    let count: i64 = reports::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 0);
    let unknown_param = app
        .get_bearer("/api/v1/reports?sort=evil", &c.coordinator)
        .await;
    assert_eq!(unknown_param.status, 400);
    let bad_cursor = app
        .get_bearer("/api/v1/reports?cursor=%27%3B--", &c.coordinator)
        .await;
    assert_eq!(bad_cursor.status, 400);
    assert_eq!(bad_cursor.json()["error"]["code"], "invalid_cursor");
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
        ids.push(page.json()["id"].as_str().unwrap().to_string());
    }
    ids.reverse();
    let first = app
        .get_bearer("/api/v1/reports?limit=2", &c.coordinator)
        .await
        .json();
    let mut seen: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().into())
        .collect();
    let mut cursor = first["next_cursor"].as_str().map(str::to_string);
    while let Some(cur) = cursor {
        let page = app
            .get_bearer(
                &format!("/api/v1/reports?limit=2&cursor={cur}"),
                &c.coordinator,
            )
            .await
            .json();
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_string()),
        );
        cursor = page["next_cursor"].as_str().map(str::to_string);
    }
    assert_eq!(seen, ids);
}

async fn need(app: &TestApp, token: &str, body: Value) -> String {
    let page = app.post_json_bearer("/api/v1/needs", token, &body).await;
    assert_eq!(page.status, 201, "{}", page.body);
    page.json()["id"].as_str().unwrap().to_string()
}

#[actix_web::test]
async fn needs_follow_the_visibility_of_their_source() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, sections) = published_report(&app, &c.coordinator).await;
    let draft = app
        .post_json_bearer("/api/v1/reports", &c.coordinator, &kenya_report())
        .await
        .json();
    let draft_id = draft["id"].as_str().unwrap();
    let base = |title: &str| json!({"member_state": "KEN", "title": title, "description": "", "thematic_area": "Border management and terrorist travel", "priority": "high"});
    let mut open = base("Open need");
    open["report_id"] = json!(report);
    open["section_id"] = json!(sections[0]);
    let open = need(&app, &c.coordinator, open).await;
    let mut withheld = base("Withheld need");
    withheld["report_id"] = json!(report);
    withheld["section_id"] = json!(sections[1]);
    let withheld = need(&app, &c.coordinator, withheld).await;
    let mut drafted = base("Draft need");
    drafted["report_id"] = json!(draft_id);
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
    for (token, hidden) in [
        (&c.unodc, &withheld),
        (&c.unodc, &drafted),
        (&c.ken, &drafted),
        (&c.fra, &open),
    ] {
        assert_eq!(
            app.get_bearer(&format!("/api/v1/needs/{hidden}"), token)
                .await
                .status,
            404
        );
    }
    for filter in [
        "?q=Withheld",
        "?priority=high",
        "?member_state=KEN",
        "?thematic_area=Border%20management%20and%20terrorist%20travel",
    ] {
        let ids = list_ids(&app, &format!("/api/v1/needs{filter}"), &c.unodc).await;
        assert!(
            !ids.contains(&withheld) && !ids.contains(&drafted),
            "{filter}"
        );
    }
    assert!(list_ids(
        &app,
        &format!("/api/v1/needs?report_id={draft_id}"),
        &c.unodc
    )
    .await
    .is_empty());

    // The export holds exactly what the list shows.
    let csv = app.get_bearer("/api/v1/needs/export", &c.unodc).await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.body.contains("Open need"));
    assert!(!csv.body.contains("Withheld need") && !csv.body.contains("Draft need"));
    let fra_csv = app.get_bearer("/api/v1/needs/export", &c.fra).await;
    assert_eq!(fra_csv.body.lines().count(), 1, "header only");

    // Reading the restricted need is audited; so is each export.
    assert_eq!(
        app.get_bearer(&format!("/api/v1/needs/{withheld}"), &c.ken)
            .await
            .status,
        200
    );
    let mut conn = app.conn();
    let actions: Vec<String> = audit_log::table
        .select(audit_log::action)
        .load(&mut conn)
        .unwrap();
    assert!(actions.iter().any(|a| a == "need.read"));
    assert_eq!(actions.iter().filter(|a| *a == "needs.export").count(), 2);

    // Publishing the draft report and consenting to the withheld section open them up.
    app.post_json_bearer(
        &format!("/api/v1/reports/{draft_id}/publish"),
        &c.coordinator,
        &json!({}),
    )
    .await;
    assert_eq!(
        app.get_bearer(&format!("/api/v1/needs/{drafted}"), &c.unodc)
            .await
            .status,
        200
    );
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/reports/{report}")))
        .insert_header(("authorization", format!("Bearer {}", c.coordinator)))
        .send_json(&json!({"sections": [
            {"id": sections[0], "heading": "Border management", "body": "API/PNR systems are being rolled out.", "consent": "published"},
            {"id": sections[1], "heading": "Gaps", "body": WITHHELD_BODY, "consent": "published"}
        ]}))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        app.get_bearer(&format!("/api/v1/needs/{withheld}"), &c.unodc)
            .await
            .status,
        200
    );
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
    let body = json!({"member_state": "KEN", "title": "Need", "thematic_area": "Criminal justice and rule of law",
        "priority": "medium", "report_id": report, "section_id": sections[1]});
    let withheld = need(&app, &c.coordinator, body).await;
    let mut open_body = json!({"member_state": "KEN", "title": "Open", "thematic_area": "Criminal justice and rule of law", "priority": "low"});
    open_body["report_id"] = json!(report);
    let open = need(&app, &c.coordinator, open_body).await;
    let comment = json!({"body": "<script>alert('x')</script> We need trainers."});
    let path = format!("/api/v1/needs/{withheld}/comments");
    assert_eq!(
        app.post_json_bearer(&path, &c.ken, &comment).await.status,
        201
    );
    assert_eq!(
        app.post_json_bearer(&path, &c.coordinator, &comment)
            .await
            .status,
        201
    );
    assert_eq!(
        app.post_json_bearer(&path, &c.ken_observer, &comment)
            .await
            .status,
        403
    );
    assert_eq!(
        app.post_json_bearer(&path, &c.unodc, &comment).await.status,
        404
    );
    assert_eq!(
        app.post_json_bearer(&path, &c.fra, &comment).await.status,
        404
    );
    let open_path = format!("/api/v1/needs/{open}/comments");
    assert_eq!(
        app.post_json_bearer(&open_path, &c.unodc, &comment)
            .await
            .status,
        403
    );
    let detail = app
        .get_bearer(&format!("/api/v1/needs/{withheld}"), &c.ken)
        .await
        .json();
    assert_eq!(detail["comments"].as_array().unwrap().len(), 2);
    assert_eq!(detail["may_comment"], true);
    let entity_view = app
        .get_bearer(&format!("/api/v1/needs/{open}"), &c.unodc)
        .await
        .json();
    assert!(entity_view["comments"].is_null());
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
    let good = json!({"member_state": "KEN", "title": "T", "thematic_area": "Criminal justice and rule of law", "priority": "high"});
    let cases = [
        (
            json!({"member_state": "FRA", "title": "T", "thematic_area": "Criminal justice and rule of law", "priority": "high", "report_id": report}),
            "unknown_report",
        ),
        (
            json!({"member_state": "KEN", "title": "T", "thematic_area": "Astrology", "priority": "high"}),
            "unknown_thematic_area",
        ),
        (
            json!({"member_state": "KEN", "title": "T", "thematic_area": "Criminal justice and rule of law", "priority": "urgent"}),
            "invalid_json",
        ),
        (
            json!({"member_state": "KEN", "title": "T", "thematic_area": "Criminal justice and rule of law", "priority": "high", "report_id": report, "section_id": "nope"}),
            "unknown_section",
        ),
        (
            json!({"member_state": "KEN", "title": "T", "thematic_area": "Criminal justice and rule of law", "priority": "high", "visibility": "published"}),
            "invalid_json",
        ),
    ];
    for (body, code) in cases {
        let page = app
            .post_json_bearer("/api/v1/needs", &c.coordinator, &body)
            .await;
        assert_eq!(page.status, 400, "{body}: {}", page.body);
        assert_eq!(page.json()["error"]["code"], code);
    }
    assert_eq!(
        app.post_json_bearer("/api/v1/needs", &c.ken, &good)
            .await
            .status,
        403
    );
    let count: i64 = needs::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 0);
    let bad_status = app
        .get_bearer("/api/v1/needs?status=%27%20OR%201%3D1%20--", &c.coordinator)
        .await;
    assert_eq!(bad_status.status, 200);
    assert!(bad_status.json()["items"].as_array().unwrap().is_empty());
}
