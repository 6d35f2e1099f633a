//! Assistance projects behind DESIGN.md rule 6 and issue 12: each test tries to see or write
//! what it must not, by every door (object, list, filters, export), and every bad input.

use diesel::prelude::*;
use portal::db::schema::{audit_log, project_areas, project_states, project_versions, projects};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};
use crate::reports::cast;

pub fn body(title: &str) -> Value {
    json!({
        "title": title,
        "description": "Training of passenger information units.",
        "programme": "CT-TRAVEL",
        "status": "planned",
        "thematic_areas": ["Border management and terrorist travel"],
        "member_states": ["KEN"],
        "starts_on": "2026-01-01",
        "ends_on": "2027-06-30",
        "budget": {"amount": 250000.5, "currency": "USD"},
        "partners": ["INTERPOL"],
        "contact": "fp@unodc.example.org",
        "visibility": "platform"
    })
}

pub async fn create(app: &TestApp, token: &str, body: &Value) -> String {
    let page = app.post_json_bearer("/api/v1/projects", token, body).await;
    page.assert_status(201).field("id")
}

async fn ids(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    app.get_bearer(path, token).await.assert_status(200).ids()
}

fn count(app: &TestApp) -> (i64, i64, i64, i64) {
    let mut conn = app.conn();
    (
        projects::table.count().get_result(&mut conn).unwrap(),
        project_states::table.count().get_result(&mut conn).unwrap(),
        project_areas::table.count().get_result(&mut conn).unwrap(),
        audit_log::table.count().get_result(&mut conn).unwrap(),
    )
}

#[actix_web::test]
async fn a_project_echoes_what_was_offered() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let created = app
        .post_json_bearer("/api/v1/projects", &c.unodc, &body("API/PNR roll-out"))
        .await
        .assert_status(201)
        .json();
    assert_eq!(created["organisation"], "UNODC");
    assert_eq!(created["status"], "planned");
    assert_eq!(created["iati_status"], 1);
    assert_eq!(created["member_states"], json!(["KEN"]));
    assert_eq!(created["global"], false);
    assert_eq!(
        created["budget"],
        json!({"amount": 250000.5, "currency": "USD"})
    );
    assert_eq!(created["partners"], json!(["INTERPOL"]));
    assert_eq!(created["contact"]["email"], "fp@unodc.example.org");
    assert_eq!(created["version"], 1);
    let id = created["id"].as_str().unwrap();
    let read = app
        .get_bearer(&format!("/api/v1/projects/{id}"), &c.ken)
        .await
        .assert_status(200)
        .json();
    assert_eq!(read, created);
    let path = format!("/api/v1/projects/{id}");
    let partners = json!({"partners": ["un-women", " interpol", "UN-WOMEN"]});
    for _ in 0..2 {
        let edited = app.patch_bearer(&path, &c.unodc, &partners).await;
        let edited = edited.assert_status(200).json();
        assert_eq!(edited["partners"], json!(["INTERPOL", "UN-Women"]));
        assert_eq!(
            edited["version"], 2,
            "the same partners again are no change"
        );
    }
    let by_owner = ids(&app, "/api/v1/projects?organisation=unodc", &c.ken).await;
    assert_eq!(by_owner, [id.to_string()]);
}

#[actix_web::test]
async fn compact_projects_stay_among_entities_and_coordinator_offices() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut secret = body("Unannounced fusion cell mentoring");
    secret["visibility"] = json!("compact");
    let hidden = create(&app, &c.unodc, &secret).await;
    let open = create(&app, &c.unodc, &body("Announced API roll-out")).await;
    let object = format!("/api/v1/projects/{hidden}");
    let doors = [
        "/api/v1/projects",
        "/api/v1/projects?member_state=KEN",
        "/api/v1/projects?organisation=UNODC",
        "/api/v1/projects?thematic_area=Border%20management%20and%20terrorist%20travel",
        "/api/v1/projects?programme=CT-TRAVEL&status=planned",
        "/api/v1/projects?q=unannounced",
    ];
    for token in [&c.ken, &c.ken_observer, &c.fra, &c.ipu] {
        app.assert_get_statuses([(&object, token, 404)]).await;
        let patch = app
            .patch_bearer(&object, token, &json!({"title": "Taken over"}))
            .await;
        assert_eq!(patch.status, 404, "{}", patch.body);
        for door in doors {
            let seen = ids(&app, door, token).await;
            assert!(!seen.contains(&hidden), "{door}");
        }
        let csv = app.get_bearer("/api/v1/projects/export", token).await;
        let csv = csv.assert_status(200).body;
        assert!(csv.contains(&open) && !csv.contains(&hidden), "{csv}");
    }
    for token in [&c.unodc, &c.unoct_focal, &c.coordinator, &c.admin] {
        app.assert_get_statuses([(&object, token, 200)]).await;
        for door in doors {
            assert!(ids(&app, door, token).await.contains(&hidden), "{door}");
        }
        let csv = app.get_bearer("/api/v1/projects/export", token).await;
        assert!(csv.assert_status(200).body.contains(&hidden));
    }
}

#[actix_web::test]
async fn only_an_organisations_focal_points_and_coordinators_write_its_projects() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let before = count(&app);
    for token in [&c.ken_observer, &c.ipu] {
        let page = app
            .post_json_bearer("/api/v1/projects", token, &body("Observer project"))
            .await;
        assert_eq!(
            (page.status, page.error_code().as_str()),
            (403, "forbidden")
        );
    }
    let mut for_icao = body("Aviation security for another organisation");
    for_icao["organisation"] = json!("ICAO");
    for_icao["contact"] = Value::Null;
    let refused = app
        .post_json_bearer("/api/v1/projects", &c.unodc, &for_icao)
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(count(&app), before, "nothing written");
    let icao = app
        .post_json_bearer("/api/v1/projects", &c.coordinator, &for_icao)
        .await
        .assert_status(201)
        .json();
    assert_eq!(icao["organisation"], "ICAO");
    let icao = icao["id"].as_str().unwrap().to_string();
    // A Member State acting as donor offers as itself and keeps seeing its compact project.
    let mut donor = body("French donor project");
    donor["contact"] = json!("fp@fra.example.org");
    donor["visibility"] = json!("compact");
    let fra = create(&app, &c.fra, &donor).await;
    app.assert_get_statuses([
        (format!("/api/v1/projects/{fra}"), &c.fra, 200),
        (format!("/api/v1/projects/{fra}"), &c.ken, 404),
    ])
    .await;
    let unodc = create(&app, &c.unodc, &body("UNODC project")).await;
    let edit = json!({"title": "Renamed"});
    let rows = [
        (&icao, &c.unodc, 403),
        (&unodc, &c.ken, 403),
        (&unodc, &c.ken_observer, 403),
        (&unodc, &c.unoct_focal, 403),
        (&fra, &c.unodc, 403),
        (&unodc, &c.unodc, 200),
        (&icao, &c.coordinator, 200),
        (&fra, &c.admin, 200),
    ];
    for (id, token, status) in rows {
        let page = app
            .patch_bearer(&format!("/api/v1/projects/{id}"), token, &edit)
            .await;
        assert_eq!(page.status, status, "{id}: {}", page.body);
    }
    let moved = app
        .patch_bearer(
            &format!("/api/v1/projects/{unodc}"),
            &c.unodc,
            &json!({"organisation": "ICAO"}),
        )
        .await;
    assert_eq!(
        moved.status, 403,
        "a focal point cannot give a project away"
    );
    for guess in [
        "00000000-0000-0000-0000-000000000000",
        "x",
        &"y".repeat(300),
    ] {
        let path = format!("/api/v1/projects/{guess}");
        app.assert_get_statuses([(&path, &c.coordinator, 404)])
            .await;
        let page = app.patch_bearer(&path, &c.coordinator, &edit).await;
        assert_eq!(page.status, 404);
    }
}

#[actix_web::test]
async fn bad_input_is_a_clear_400_and_writes_nothing() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let id = create(&app, &c.unodc, &body("Existing project")).await;
    let before = count(&app);
    let cases: Vec<(&str, Value, &str)> = vec![
        ("member_states", json!(["XXX"]), "unknown_member_state"),
        ("member_states", json!(["UNODC"]), "unknown_member_state"),
        (
            "thematic_areas",
            json!(["Knitting"]),
            "unknown_thematic_area",
        ),
        ("thematic_areas", json!([]), "unknown_thematic_area"),
        ("programme", json!("NOPE"), "unknown_programme"),
        (
            "budget",
            json!({"amount": 10, "currency": "XYZ"}),
            "unknown_currency",
        ),
        (
            "budget",
            json!({"amount": -1, "currency": "USD"}),
            "invalid_budget",
        ),
        ("budget", json!({"amount": 10}), "invalid_json"),
        ("organisation", json!("NOWHERE"), "unknown_organisation"),
        ("organisation", json!("IPU"), "unknown_organisation"),
        ("partners", json!(["NOWHERE"]), "unknown_organisation"),
        ("partners", json!(["UNODC"]), "unknown_organisation"),
        ("regions", json!(["Atlantis"]), "invalid_regional_group"),
        ("ends_on", json!("2025-12-31"), "invalid_period"),
        ("starts_on", json!("1890-01-01"), "invalid_date"),
        ("starts_on", json!("2026-02-30"), "invalid_json"),
        ("contact", json!("fp@ken.example.org"), "unknown_contact"),
        ("status", json!("dreaming"), "invalid_json"),
        ("visibility", json!("secret"), "invalid_json"),
        ("title", json!("  "), "invalid_field"),
        ("colour", json!("blue"), "invalid_json"),
    ];
    for (field, value, code) in &cases {
        let mut new = body("Refused project");
        new[*field] = value.clone();
        let page = app
            .post_json_bearer("/api/v1/projects", &c.unodc, &new)
            .await;
        assert_eq!(
            (page.status, page.error_code()),
            (400, code.to_string()),
            "POST {field}: {}",
            page.body
        );
        let patch = json!({ *field: value });
        let page = app
            .patch_bearer(&format!("/api/v1/projects/{id}"), &c.unodc, &patch)
            .await;
        assert_eq!(
            (page.status, page.error_code()),
            (400, code.to_string()),
            "PATCH {field}: {}",
            page.body
        );
    }
    assert_eq!(count(&app), before, "nothing written");
    let list = app
        .get_bearer("/api/v1/projects?member_state=XXX", &c.unodc)
        .await;
    assert_eq!(
        (list.status, list.error_code().as_str()),
        (400, "unknown_member_state")
    );
    let list = app
        .get_bearer("/api/v1/projects?status=sleeping", &c.unodc)
        .await;
    assert_eq!(
        (list.status, list.error_code().as_str()),
        (400, "invalid_filter")
    );
    let list = app
        .get_bearer("/api/v1/projects?colour=blue", &c.unodc)
        .await;
    assert_eq!(list.status, 400);
}

#[actix_web::test]
async fn edits_keep_versions_and_every_change_is_audited() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let id = create(&app, &c.unodc, &body("First title")).await;
    let path = format!("/api/v1/projects/{id}");
    let edited = app
        .patch_bearer(
            &path,
            &c.unodc,
            &json!({"title": "Second title", "status": "active",
            "member_states": ["fra", "KEN"], "budget": null, "programme": null}),
        )
        .await
        .assert_status(200)
        .json();
    assert_eq!(edited["version"], 2);
    assert_eq!(edited["iati_status"], 2);
    assert_eq!(edited["member_states"], json!(["FRA", "KEN"]));
    assert_eq!(
        (edited["budget"].clone(), edited["programme"].clone()),
        (Value::Null, Value::Null)
    );
    let same = app
        .patch_bearer(
            &path,
            &c.unodc,
            &json!({"title": " Second title ", "contact": "FP@unodc.example.org"}),
        )
        .await
        .assert_status(200)
        .json();
    assert_eq!(same["version"], 2, "no change, no version");
    let back = app
        .patch_bearer(&path, &c.unodc, &json!({"status": "planned"}))
        .await;
    assert_eq!(back.status, 409, "{}", back.body);
    let done = app
        .patch_bearer(&path, &c.coordinator, &json!({"status": "completed"}))
        .await
        .assert_status(200)
        .json();
    assert_eq!(
        (done["version"].clone(), done["iati_status"].clone()),
        (json!(3), json!(3))
    );
    let cancel = app
        .patch_bearer(&path, &c.coordinator, &json!({"status": "cancelled"}))
        .await;
    assert_eq!(cancel.status, 409);
    let mut conn = app.conn();
    let versions: Vec<(i32, String, String)> = project_versions::table
        .filter(project_versions::project_id.eq(&id))
        .order(project_versions::version.asc())
        .select((
            project_versions::version,
            project_versions::changes,
            project_versions::previous,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].0, 2);
    assert!(versions[0].1.contains("title") && versions[0].1.contains("member_states"));
    assert!(versions[0].2.contains("First title"), "{}", versions[0].2);
    assert!(versions[1].2.contains("Second title"));
    app.get_bearer("/api/v1/projects/export?status=completed", &c.ken)
        .await
        .assert_status(200);
    portal::services::audit::settle(&mut conn).unwrap();
    let actions: Vec<String> = audit_log::table
        .filter(audit_log::action.like("project%"))
        .order(audit_log::seq.asc())
        .select(audit_log::action)
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        actions,
        [
            "project.create",
            "project.update",
            "project.update",
            "projects.export"
        ]
    );
    let target: Option<String> = audit_log::table
        .filter(audit_log::action.eq("project.update"))
        .select(audit_log::target_id)
        .first(&mut conn)
        .unwrap();
    assert_eq!(target.as_deref(), Some(id.as_str()));
}

#[actix_web::test]
async fn a_state_sees_projects_for_it_its_region_and_the_world() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let for_ken = create(&app, &c.unodc, &body("Kenya only")).await;
    let mut regional = body("African region");
    regional["member_states"] = json!([]);
    regional["regions"] = json!(["African"]);
    regional["thematic_areas"] = json!(["Countering the financing of terrorism"]);
    regional["programme"] = json!("CFT");
    let for_africa = create(&app, &c.unodc, &regional).await;
    let mut global = body("The whole world");
    global["member_states"] = json!([]);
    global["status"] = json!("active");
    let for_all = create(&app, &c.coordinator, &{
        let mut g = global.clone();
        g["organisation"] = json!("UNOCT");
        g["contact"] = Value::Null;
        g
    })
    .await;
    let mut france = body("=HYPERLINK(\"http://evil.example\") France only");
    france["member_states"] = json!(["FRA"]);
    let for_fra = create(&app, &c.unodc, &france).await;
    let page = app
        .get_bearer("/api/v1/projects?member_state=ken", &c.ken)
        .await
        .assert_status(200);
    let by: Vec<(String, String)> = page
        .items()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().into(),
                i["applies_by"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        by,
        [
            (for_all.clone(), "global".to_string()),
            (for_africa.clone(), "region".into()),
            (for_ken.clone(), "state".into())
        ]
    );
    let all = ids(&app, "/api/v1/projects", &c.ken).await;
    let unfiltered = app.get_bearer("/api/v1/projects", &c.ken).await;
    assert!(
        !unfiltered.body.contains("applies_by"),
        "only a State filter says why"
    );
    assert_eq!(all.len(), 4);
    let rows = [
        (
            "/api/v1/projects?member_state=FRA",
            vec![&for_fra, &for_all],
        ),
        (
            "/api/v1/projects?thematic_area=Countering%20the%20financing%20of%20terrorism",
            vec![&for_africa],
        ),
        ("/api/v1/projects?organisation=unoct", vec![&for_all]),
        ("/api/v1/projects?programme=CFT", vec![&for_africa]),
        ("/api/v1/projects?status=active", vec![&for_all]),
        ("/api/v1/projects?q=KENYA", vec![&for_ken]),
        ("/api/v1/projects?organisation=NOWHERE", vec![]),
    ];
    for (path, expected) in rows {
        let got = ids(&app, path, &c.ken).await;
        let expected: Vec<String> = expected.into_iter().cloned().collect();
        assert_eq!(got, expected, "{path}");
    }
    let first = app
        .get_bearer("/api/v1/projects?limit=3", &c.ken)
        .await
        .assert_status(200);
    let cursor = first.json()["next_cursor"].as_str().unwrap().to_string();
    let rest = ids(
        &app,
        &format!("/api/v1/projects?limit=3&cursor={cursor}"),
        &c.ken,
    )
    .await;
    let mut paged = first.ids();
    paged.extend(rest);
    assert_eq!(paged, all);
    let csv = app
        .get_bearer("/api/v1/projects/export?member_state=FRA", &c.ken)
        .await
        .assert_status(200)
        .body;
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains(",state,") && csv.contains(",global,"), "{csv}");
    assert!(!csv.contains(&for_ken));
}

#[actix_web::test]
async fn the_demo_offers_projects_of_ten_organisations_across_sixty_states() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    portal::demo::seed(&mut conn, &app.settings.totp_keys).expect("demo seeded");
    let counts = |conn: &mut portal::db::DbConnection| {
        let projects: i64 = projects::table.count().get_result(conn).unwrap();
        let owners: Vec<String> = projects::table
            .select(projects::owner_org_id)
            .distinct()
            .load(conn)
            .unwrap();
        let states: Vec<String> = project_states::table
            .select(project_states::state_id)
            .distinct()
            .load(conn)
            .unwrap();
        (projects, owners.len(), states.len())
    };
    let (projects, owners, states) = counts(&mut conn);
    assert!(
        projects >= 40 && owners == 10 && states >= 60,
        "{projects} {owners} {states}"
    );
    portal::demo::seed(&mut conn, &app.settings.totp_keys).expect("seeded again");
    assert_eq!(counts(&mut conn).0, projects, "a second start adds nothing");
}
