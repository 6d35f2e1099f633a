//! Implementation plans and progress (DESIGN.md rule 7): the plan's JSON, who reports and who
//! validates, what counts, and bad values refused without writing anything.

use diesel::prelude::*;
use portal::db::schema::{audit_log, measure_progress};
use serde_json::{json, Value};

use crate::consultations::{consultation, kenya_consultation, Created};
use crate::helpers::{spawn_app, TestApp};
use crate::reports::{cast, Cast};

async fn plan(app: &TestApp, token: &str, created: &Created) -> Value {
    app.get_ok(&format!("/api/v1/plans/{}", created.plan_id), token)
        .await
        .json()
}

fn measure_ids(plan: &Value) -> Vec<String> {
    plan["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

fn progress_path(created: &Created, measure: &str) -> String {
    format!(
        "/api/v1/plans/{}/measures/{measure}/progress",
        created.plan_id
    )
}

fn progress_count(app: &TestApp) -> i64 {
    measure_progress::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

async fn setup(consent: &str) -> (TestApp, Cast, Created, Vec<String>) {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let created = consultation(&app, &c, &kenya_consultation(consent), true).await;
    let ids = measure_ids(&plan(&app, &c.coordinator, &created).await);
    (app, c, created, ids)
}

#[actix_web::test]
async fn the_plan_gives_every_measure_field_and_status() {
    let (app, c, created, _) = setup("published").await;
    let plan = plan(&app, &c.unodc, &created).await;
    assert_eq!(plan["member_state"], "KEN");
    assert_eq!(plan["consultation_id"], created.id.as_str());
    let first = &plan["measures"][0];
    assert_eq!(first["measure"], "percentage");
    assert_eq!(first["ascending"], true);
    assert_eq!(first["baseline"], json!({"value": 10, "on": "2020-01-01"}));
    assert_eq!(first["target"], json!(90));
    assert_eq!(first["due_on"], "2030-01-01");
    assert_eq!(
        first["assistance_areas"],
        json!([crate::consultations::BORDER])
    );
    assert_eq!(first["responsible"], json!(["UNOCT"]));
    assert_eq!(first["status"], "not_started");
    let second = &plan["measures"][1];
    assert_eq!(second["measure"], "qualitative");
    assert_eq!(second["baseline"]["value"], "Not connected");
    assert_eq!(
        plan["status_counts"],
        json!({"not_started": 2, "on_track": 0, "at_risk": 0, "off_track": 0, "achieved": 0})
    );
    assert_eq!(plan["may_report"], false);
    assert_eq!(plan["may_validate"], false);
}

#[actix_web::test]
async fn progress_counts_once_validated_and_only_the_right_people_act() {
    let (app, c, created, ids) = setup("published").await;
    let path = progress_path(&created, &ids[0]);
    // 10 → 90 from 2020-01-01 to 2030-01-01: on 2025-01-01 about 50 is expected; 40 is 75 %.
    let value = json!({"value": 40, "on": "2025-01-01", "note": "Two more airlines"});
    for (token, status) in [
        (&c.fra, 404),
        (&c.ipu, 404),
        (&c.unodc, 403),
        (&c.unoct_focal, 403),
        (&c.ken_observer, 403),
    ] {
        let page = app.post_json_bearer(&path, token, &value).await;
        assert_eq!(page.status, status, "{}", page.body);
    }
    assert_eq!(progress_count(&app), 0);
    let reported = app
        .post_json_bearer(&path, &c.ken, &value)
        .await
        .assert_status(201);
    assert_eq!(reported.json()["status"], "pending");
    let progress_id = reported.field("id");
    // Pending values do not count, and only coordinators and the State see them.
    let ken_plan = plan(&app, &c.ken, &created).await;
    assert_eq!(ken_plan["measures"][0]["status"], "not_started");
    assert_eq!(ken_plan["measures"][0]["progress"][0]["status"], "pending");
    assert_eq!(ken_plan["may_report"], true);
    let unodc_plan = plan(&app, &c.unodc, &created).await;
    assert_eq!(unodc_plan["measures"][0]["progress"], json!([]));

    let decide = format!("{path}/{progress_id}");
    for (token, status) in [
        (&c.ken, 403),
        (&c.ken_observer, 403),
        (&c.unodc, 403),
        (&c.fra, 404),
    ] {
        let page = app
            .patch_bearer(&decide, token, &json!({"decision": "validated"}))
            .await;
        assert_eq!(page.status, status, "{}", page.body);
    }
    let no_reason = app
        .patch_bearer(&decide, &c.coordinator, &json!({"decision": "returned"}))
        .await;
    assert_eq!(no_reason.status, 400);
    let bad = app
        .patch_bearer(&decide, &c.coordinator, &json!({"decision": "maybe"}))
        .await;
    assert_eq!(bad.status, 400);
    let elsewhere = progress_path(&created, &ids[1]);
    let wrong_measure = app
        .patch_bearer(
            &format!("{elsewhere}/{progress_id}"),
            &c.coordinator,
            &json!({"decision": "validated"}),
        )
        .await;
    assert_eq!(wrong_measure.status, 404);
    let validated = app
        .patch_bearer(&decide, &c.coordinator, &json!({"decision": "validated"}))
        .await
        .assert_status(200);
    assert_eq!(validated.json()["status"], "validated");
    assert!(validated.json()["decided_by"].is_string());
    let twice = app
        .patch_bearer(
            &decide,
            &c.coordinator,
            &json!({"decision": "returned", "reason": "x"}),
        )
        .await;
    assert_eq!(twice.status, 409);

    let unodc_plan = plan(&app, &c.unodc, &created).await;
    let first = &unodc_plan["measures"][0];
    assert_eq!(first["status"], "at_risk");
    assert_eq!(first["latest"]["value"], json!(40));
    assert_eq!(first["progress"].as_array().unwrap().len(), 1);
    assert_eq!(unodc_plan["status_counts"]["at_risk"], 1);
    assert_eq!(unodc_plan["status_counts"]["not_started"], 1);

    // A returned value keeps its reason and does not count.
    let qualitative = progress_path(&created, &ids[1]);
    let step = app
        .post_json_bearer(
            &qualitative,
            &c.coordinator,
            &json!({"value": "Connected", "on": "2025-01-01"}),
        )
        .await
        .assert_status(201);
    let returned = app
        .patch_bearer(
            &format!("{qualitative}/{}", step.field("id")),
            &c.coordinator,
            &json!({"decision": "returned", "reason": "No evidence attached"}),
        )
        .await
        .assert_status(200);
    assert_eq!(returned.json()["reason"], "No evidence attached");
    let after = plan(&app, &c.ken, &created).await;
    assert_eq!(after["measures"][1]["status"], "not_started");
    assert_eq!(after["measures"][1]["progress"][0]["status"], "returned");

    // Who reported and who decided are audited.
    let actions: Vec<String> = audit_log::table
        .select(audit_log::action)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "plan.progress.report")
            .count(),
        2
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "plan.progress.decide")
            .count(),
        2
    );
}

#[actix_web::test]
async fn a_withheld_plan_is_closed_to_entities_and_other_states() {
    let (app, c, created, ids) = setup("withheld").await;
    let plan_path = format!("/api/v1/plans/{}", created.plan_id);
    app.assert_get_statuses([
        (&plan_path, &c.unodc, 404),
        (&plan_path, &c.unoct_focal, 404),
        (&plan_path, &c.fra, 404),
        (&plan_path, &c.ipu, 404),
        (&plan_path, &c.ken_observer, 200),
    ])
    .await;
    let value = json!({"value": 20, "on": "2024-06-01"});
    for token in [&c.unodc, &c.fra] {
        let page = app
            .post_json_bearer(&progress_path(&created, &ids[0]), token, &value)
            .await;
        assert_eq!(page.status, 404, "{}", page.body);
    }
    app.post_json_bearer(&progress_path(&created, &ids[0]), &c.ken, &value)
        .await
        .assert_status(201);
}

#[actix_web::test]
async fn bad_progress_is_refused_and_writes_nothing() {
    let (app, c, created, ids) = setup("published").await;
    let other = consultation(&app, &c, &kenya_consultation("published"), true).await;
    let other_measure = measure_ids(&plan(&app, &c.coordinator, &other).await)[0].clone();
    let numeric = progress_path(&created, &ids[0]);
    let qualitative = progress_path(&created, &ids[1]);
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(1)).to_string();
    let cases = [
        (
            numeric.clone(),
            json!({"value": "N/A", "on": "2025-01-01"}),
            "invalid_value",
        ),
        (
            numeric.clone(),
            json!({"value": "40", "on": "2025-01-01"}),
            "invalid_value",
        ),
        (
            numeric.clone(),
            json!({"value": null, "on": "2025-01-01"}),
            "invalid_value",
        ),
        (
            numeric.clone(),
            json!({"value": 140, "on": "2025-01-01"}),
            "invalid_value",
        ),
        (
            qualitative.clone(),
            json!({"value": 3, "on": "2025-01-01"}),
            "invalid_value",
        ),
        (
            numeric.clone(),
            json!({"value": 40, "on": tomorrow}),
            "invalid_date",
        ),
        (
            numeric.clone(),
            json!({"value": 40, "on": "2019-12-31"}),
            "invalid_date",
        ),
        (
            numeric.clone(),
            json!({"value": 40, "on": "2025-01-01", "unit": "x"}),
            "",
        ),
        (numeric.clone(), json!({"value": 40}), ""),
        (
            progress_path(&created, &other_measure),
            json!({"value": 40, "on": "2025-01-01"}),
            "unknown_measure",
        ),
        (
            progress_path(&created, "no-such-measure"),
            json!({"value": 40, "on": "2025-01-01"}),
            "unknown_measure",
        ),
    ];
    for (path, body, code) in cases {
        let page = app.post_json_bearer(&path, &c.ken, &body).await;
        assert_eq!(page.status, 400, "{body}: {}", page.body);
        if !code.is_empty() {
            assert_eq!(page.error_code(), code, "{body}");
        }
    }
    assert_eq!(progress_count(&app), 0);
    // A draft plan takes no progress.
    let draft = consultation(&app, &c, &kenya_consultation("published"), false).await;
    let draft_measure = measure_ids(&plan(&app, &c.coordinator, &draft).await)[0].clone();
    let page = app
        .post_json_bearer(
            &progress_path(&draft, &draft_measure),
            &c.coordinator,
            &json!({"value": 40, "on": "2025-01-01"}),
        )
        .await;
    assert_eq!(page.status, 409);
    assert_eq!(progress_count(&app), 0);
}

#[actix_web::test]
async fn pages_show_the_consultations_and_the_plan_and_take_progress() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let created = consultation(&app, &c, &kenya_consultation("published"), true).await;
    let ids = measure_ids(&plan(&app, &c.coordinator, &created).await);
    let mut ken = app
        .browser_of(
            "fp2@ken.example.org",
            "KEN",
            portal::domain::Role::FocalPoint,
        )
        .await;
    let plan_page = format!("/plans/{}", created.plan_id);
    let list = app.browser_get(&mut ken, "/consultations").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains(&created.id));
    let page = app.browser_get(&mut ken, &plan_page).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(crate::consultations::WITHHELD_INDICATOR));
    let action = format!("/plans/{}/measures/{}/progress", created.plan_id, ids[0]);
    let refused = app
        .submit(
            &mut ken,
            &action,
            &[
                ("value", "N/A"),
                ("on", "2025-01-01"),
                ("note", ""),
                ("measure", "percentage"),
            ],
        )
        .await;
    assert_eq!(refused.status, 400);
    let sent = app
        .submit_from(
            &mut ken,
            &plan_page,
            &action,
            &[
                ("value", "40"),
                ("on", "2025-01-01"),
                ("note", "ok"),
                ("measure", "percentage"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(progress_count(&app), 1);
    let mut fra = app
        .browser_of(
            "fp2@fra.example.org",
            "FRA",
            portal::domain::Role::FocalPoint,
        )
        .await;
    let consultation_page = format!("/consultations/{}", created.id);
    app.assert_page_statuses(
        &mut fra,
        [(plan_page.as_str(), 404), (consultation_page.as_str(), 404)],
    )
    .await;
    let mut unodc = app
        .browser_of(
            "fp2@unodc.example.org",
            "UNODC",
            portal::domain::Role::FocalPoint,
        )
        .await;
    app.assert_page_statuses(
        &mut unodc,
        [(plan_page.as_str(), 200), ("/consultations/new", 403)],
    )
    .await;
    let fr = app
        .browser_get(&mut unodc, &format!("{plan_page}?lang=fr"))
        .await;
    assert_eq!(fr.status, 200);
}

#[actix_web::test]
async fn the_demo_has_six_consultations_and_measures_in_every_status() {
    use portal::db::schema::consultations;
    let app = spawn_app().await;
    let mut conn = app.conn();
    portal::demo::seed(&mut conn, &app.settings.totp_keys).expect("demo seeded");
    let programmes: Vec<String> = consultations::table
        .select(consultations::programme)
        .distinct()
        .load(&mut conn)
        .unwrap();
    assert_eq!(programmes.len(), 4);
    let consents: Vec<String> = consultations::table
        .select(consultations::consent)
        .load(&mut conn)
        .unwrap();
    assert_eq!(consents.len(), 6);
    assert!(consents.iter().any(|c| c == "withheld"));
    let pending: i64 = measure_progress::table
        .filter(measure_progress::status.eq("pending"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert!(pending >= 3);
    // Every status shows somewhere, as the coordinator sees the plans.
    let c = cast(&app).await;
    let list = app.get_ok("/api/v1/consultations", &c.coordinator).await;
    let mut statuses = std::collections::BTreeSet::new();
    for item in list.items() {
        let plan = app
            .get_ok(
                &format!("/api/v1/plans/{}", item["plan_id"].as_str().unwrap()),
                &c.coordinator,
            )
            .await
            .json();
        for m in plan["measures"].as_array().unwrap() {
            statuses.insert(m["status"].as_str().unwrap().to_string());
        }
    }
    let all = [
        "achieved",
        "at_risk",
        "not_started",
        "off_track",
        "on_track",
    ];
    assert_eq!(statuses.into_iter().collect::<Vec<_>>(), all);
    // Seeding again adds nothing.
    portal::demo::seed(&mut conn, &app.settings.totp_keys).expect("demo seeded again");
    let again: i64 = consultations::table.count().get_result(&mut conn).unwrap();
    assert_eq!(again, 6);
}

#[actix_web::test]
async fn coordinators_write_a_consultation_through_the_form() {
    use portal::db::schema::consultations;
    let app = spawn_app().await;
    let mut coord = app
        .browser_of(
            "coord@cted.example.org",
            "CTED",
            portal::domain::Role::Coordinator,
        )
        .await;
    let form = app.browser_get(&mut coord, "/consultations/new").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("requirement_1") && !form.body.contains("requirement_2"));
    let area = crate::consultations::BORDER;
    let mut fields = vec![
        ("member_state", "KEN"),
        ("programme", "CT-TRAVEL"),
        ("held_on", "2024-03-01"),
        ("consent", "withheld"),
        ("participants", "unodc, CTED"),
        ("situation", "PNR is planned."),
        ("requirement_0", "UNSCR 2396 (2017), operative paragraph 12"),
        ("recommendation_0", "Adopt PNR legislation."),
        ("areas_0", area),
        ("indicator_0", "Days to process a PNR request"),
        ("measure_0", "unit"),
        ("unit_0", "days"),
        ("ascending_0", "false"),
        ("baseline_0", "30"),
        ("baseline_on_0", "2024-01-01"),
        ("due_on_0", "2026-06-01"),
        ("responsible_0", "UNOCT"),
        ("requirement_1", ""),
        ("measure_1", "unit"),
    ];
    // "Add a measure" shows the form again with one more slot, and writes nothing.
    let mut more = fields.clone();
    more.push(("add_measure", "1"));
    let again = app.submit(&mut coord, "/consultations/new", &more).await;
    assert_eq!(again.status, 200);
    assert!(again.body.contains("requirement_2"));
    assert!(again.body.contains("Days to process a PNR request"));
    // A target equal to the baseline is refused on the form.
    let mut equal = fields.clone();
    equal.push(("target_0", "30"));
    let refused = app.submit(&mut coord, "/consultations/new", &equal).await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("role=\"alert\""));
    let count = |app: &TestApp| -> i64 {
        consultations::table
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };
    assert_eq!(count(&app), 0);
    fields.push(("target_0", "2"));
    let created = app.submit(&mut coord, "/consultations/new", &fields).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let location = created.header("location").unwrap().to_string();
    assert_eq!(count(&app), 1);
    let shown = app.browser_get(&mut coord, &location).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("PNR is planned."));
    let published = app
        .submit(&mut coord, &format!("{location}/publish"), &[])
        .await;
    assert_eq!(published.status, 303);
    let status: String = consultations::table
        .select(consultations::status)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(status, "published");
}
