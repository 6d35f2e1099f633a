//! Editing a draft consultation's measures (issue 13): coordinators only, drafts only (409
//! once published), bad input refused without a write, and the needs drawn from a measure's
//! assistance areas follow its areas.

use diesel::prelude::*;
use portal::db::schema::{audit_log, need_links, needs, plan_measures};
use serde_json::{json, Value};

use crate::consultations::{consultation, kenya_consultation, Created, BORDER};
use crate::helpers::TestApp;
use crate::reports::{cast, Cast};

const ARMS: &str = "Illicit arms trafficking";
const SHARING: &str = "Inter-agency information sharing";

fn measure(indicator: &str, areas: &[&str]) -> Value {
    json!({
        "requirement": "UNSCR 2482 (2019), operative paragraph 15",
        "recommendation": "Share seizure data.",
        "assistance_areas": areas,
        "indicator": indicator,
        "unit": "reports",
        "measure": "unit",
        "baseline": {"value": 2, "on": "2024-01-01"},
        "target": 12,
        "due_on": "2027-01-01"
    })
}

/// The (thematic area, need id) of the needs drawn from a measure, sorted by area.
fn drawn(app: &TestApp, measure_id: &str) -> Vec<(String, String)> {
    needs::table
        .inner_join(need_links::table)
        .filter(need_links::measure_id.eq(measure_id))
        .select((needs::thematic_area, needs::id))
        .order(needs::thematic_area.asc())
        .load(&mut app.conn())
        .unwrap()
}

fn counts(app: &TestApp) -> (i64, i64) {
    let mut conn = app.conn();
    (
        plan_measures::table.count().get_result(&mut conn).unwrap(),
        needs::table.count().get_result(&mut conn).unwrap(),
    )
}

async fn draft(app: &TestApp, c: &Cast) -> Created {
    consultation(app, c, &kenya_consultation("published"), false).await
}

#[actix_web::test]
async fn coordinators_edit_a_drafts_measures_and_the_needs_follow() {
    let app = crate::helpers::spawn_app().await;
    let c = cast(&app).await;
    let created = draft(&app, &c).await;
    let base = format!("/api/v1/consultations/{}/measures", created.id);
    let body = measure("Seizure reports shared", &[BORDER, ARMS]);
    for (token, status) in [(&c.ken, 404), (&c.unodc, 404), (&c.fra, 404), (&c.ipu, 404)] {
        let refused = app.post_json_bearer(&base, token, &body).await;
        assert_eq!(refused.status, status, "{}", refused.body);
    }
    assert_eq!(counts(&app), (2, 1));
    let added = app
        .post_json_bearer(&base, &c.coordinator, &body)
        .await
        .assert_status(201);
    assert_eq!(added.json()["position"], 3);
    let id = added.field("id");
    let first = drawn(&app, &id);
    assert_eq!(
        first.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(),
        [BORDER, ARMS]
    );
    assert_eq!(counts(&app), (3, 3));

    // Changing the areas: the arms need stays (same id), border goes, sharing comes.
    let one = format!("{base}/{id}");
    let changed = measure("Seizure reports shared monthly", &[ARMS, SHARING]);
    for (token, status) in [(&c.ken, 404), (&c.unodc, 404)] {
        let refused = app.patch_bearer(&one, token, &changed).await;
        assert_eq!(refused.status, status, "{}", refused.body);
    }
    let patched = app
        .patch_bearer(&one, &c.coordinator, &changed)
        .await
        .assert_status(200);
    assert_eq!(
        patched.json()["indicator"],
        "Seizure reports shared monthly"
    );
    assert_eq!(patched.json()["position"], 3);
    let after = drawn(&app, &id);
    assert_eq!(after.len(), 2);
    assert_eq!(after[0].0, ARMS);
    assert_eq!(after[0].1, first.iter().find(|(a, _)| a == ARMS).unwrap().1);
    assert_eq!(after[1].0, SHARING);
    let title: String = needs::table
        .find(&after[0].1)
        .select(needs::title)
        .first(&mut app.conn())
        .unwrap();
    assert!(title.ends_with("Seizure reports shared monthly"));
    // The plan shows the needs with their measure.
    let plan = app
        .get_ok(
            &format!("/api/v1/plans/{}", created.plan_id),
            &c.coordinator,
        )
        .await
        .json();
    let from_measure = plan["needs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["measure_id"] == json!(id))
        .count();
    assert_eq!(from_measure, 2);

    // Removing the first measure takes its need and closes the gap in the order.
    let plan_measures: Vec<String> = plan["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    let removed = app
        .delete_bearer(&format!("{base}/{}", plan_measures[0]), &c.ken)
        .await;
    assert_eq!(removed.status, 404);
    let removed = app
        .delete_bearer(&format!("{base}/{}", plan_measures[0]), &c.coordinator)
        .await;
    assert_eq!(removed.status, 204, "{}", removed.body);
    assert!(drawn(&app, &plan_measures[0]).is_empty());
    assert_eq!(counts(&app), (2, 2));
    let position: i32 = plan_measures::table
        .find(&id)
        .select(plan_measures::position)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(position, 2);
    let again = app
        .delete_bearer(&format!("{base}/{}", plan_measures[0]), &c.coordinator)
        .await;
    assert_eq!(again.status, 404);
    let mut actions: Vec<String> = audit_log::table
        .select(audit_log::action)
        .filter(audit_log::action.like("consultation.measure_%"))
        .load(&mut app.conn())
        .unwrap();
    actions.sort();
    assert_eq!(
        actions,
        [
            "consultation.measure_add",
            "consultation.measure_remove",
            "consultation.measure_update"
        ]
    );
}

#[actix_web::test]
async fn bad_measures_are_refused_and_published_ones_do_not_change() {
    let app = crate::helpers::spawn_app().await;
    let c = cast(&app).await;
    let created = draft(&app, &c).await;
    let base = format!("/api/v1/consultations/{}/measures", created.id);
    let plan = app
        .get_ok(
            &format!("/api/v1/plans/{}", created.plan_id),
            &c.coordinator,
        )
        .await
        .json();
    let first = plan["measures"][0]["id"].as_str().unwrap().to_string();
    let one = format!("{base}/{first}");
    let mut unknown_field = measure("x", &[ARMS]);
    unknown_field["colour"] = json!("red");
    let mut equal = measure("x", &[ARMS]);
    equal["target"] = json!(2);
    let mut early = measure("x", &[ARMS]);
    early["due_on"] = json!("2023-01-01");
    let mut wrong_way = measure("x", &[ARMS]);
    wrong_way["ascending"] = json!(false);
    let mut unknown_org = measure("x", &[ARMS]);
    unknown_org["responsible"] = json!(["NOPE"]);
    let bad = [
        unknown_field,
        equal,
        early,
        wrong_way,
        unknown_org,
        measure("x", &["Knitting"]),
        measure("", &[ARMS]),
        json!([]),
    ];
    let before = counts(&app);
    let stored = drawn(&app, &first);
    for body in &bad {
        let added = app.post_json_bearer(&base, &c.coordinator, body).await;
        assert_eq!(added.status, 400, "{body}: {}", added.body);
        let patched = app.patch_bearer(&one, &c.coordinator, body).await;
        assert_eq!(patched.status, 400, "{body}: {}", patched.body);
    }
    assert_eq!(counts(&app), before);
    assert_eq!(drawn(&app, &first), stored);
    let indicator: String = plan_measures::table
        .find(&first)
        .select(plan_measures::indicator)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(indicator, crate::consultations::WITHHELD_INDICATOR);
    // A measure of another consultation is not one of this one's.
    let other = draft(&app, &c).await;
    let other_plan = app
        .get_ok(&format!("/api/v1/plans/{}", other.plan_id), &c.coordinator)
        .await
        .json();
    let foreign = other_plan["measures"][0]["id"].as_str().unwrap();
    let refused = app
        .patch_bearer(
            &format!("{base}/{foreign}"),
            &c.coordinator,
            &measure("x", &[]),
        )
        .await;
    assert_eq!(refused.status, 404);

    // Published: 409 for the coordinator, 403 for those who see it, 404 for the others.
    app.post_json_bearer(
        &format!("/api/v1/consultations/{}/publish", created.id),
        &c.coordinator,
        &json!({}),
    )
    .await
    .assert_status(200);
    let before = counts(&app);
    let body = measure("Late", &[ARMS]);
    let added = app.post_json_bearer(&base, &c.coordinator, &body).await;
    assert_eq!(added.status, 409);
    let patched = app.patch_bearer(&one, &c.coordinator, &body).await;
    assert_eq!(patched.status, 409);
    let deleted = app.delete_bearer(&one, &c.coordinator).await;
    assert_eq!(deleted.status, 409);
    for (token, status) in [(&c.ken, 403), (&c.unodc, 403), (&c.fra, 404)] {
        let added = app.post_json_bearer(&base, token, &body).await;
        assert_eq!(added.status, status, "{}", added.body);
        let deleted = app.delete_bearer(&one, token).await;
        assert_eq!(deleted.status, status, "{}", deleted.body);
    }
    assert_eq!(counts(&app), before);
}

#[actix_web::test]
async fn the_consultation_page_edits_a_drafts_measures() {
    let app = crate::helpers::spawn_app().await;
    let c = cast(&app).await;
    let created = draft(&app, &c).await;
    let mut coord = app
        .browser_of(
            "c5@cted.example.org",
            "CTED",
            portal::domain::Role::Coordinator,
        )
        .await;
    let path = format!("/consultations/{}", created.id);
    let page = app.browser_get(&mut coord, &path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&format!("{path}/measures")));
    let fields = [
        ("requirement_0", "UNSCR 2482 (2019), operative paragraph 15"),
        ("indicator_0", "Seizure reports shared"),
        ("areas_0", ARMS),
        ("measure_0", "unit"),
        ("unit_0", "reports"),
        ("ascending_0", "true"),
        ("baseline_0", "2"),
        ("baseline_on_0", "2024-01-01"),
        ("due_on_0", "2027-01-01"),
    ];
    let mut equal = fields.to_vec();
    equal.push(("target_0", "2"));
    let before = counts(&app);
    let refused = app
        .submit_from(&mut coord, &path, &format!("{path}/measures"), &equal)
        .await;
    assert_eq!(refused.status, 400);
    assert!(
        refused.body.contains("role=\"alert\"") && refused.body.contains("Seizure reports shared")
    );
    assert_eq!(counts(&app), before);
    let mut good = fields.to_vec();
    good.push(("target_0", "12"));
    let added = app
        .submit_from(&mut coord, &path, &format!("{path}/measures"), &good)
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(counts(&app), (before.0 + 1, before.1 + 1));
    let id: String = plan_measures::table
        .filter(plan_measures::indicator.eq("Seizure reports shared"))
        .select(plan_measures::id)
        .first(&mut app.conn())
        .unwrap();
    let removed = app
        .submit_from(
            &mut coord,
            &path,
            &format!("{path}/measures/{id}/delete"),
            &[],
        )
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert_eq!(counts(&app), before);
    // Others do not get the forms, and cannot post them.
    let mut ken = app
        .browser_of(
            "fp5@ken.example.org",
            "KEN",
            portal::domain::Role::FocalPoint,
        )
        .await;
    let refused = app
        .submit_from(
            &mut ken,
            "/consultations",
            &format!("{path}/measures"),
            &good,
        )
        .await;
    assert_eq!(refused.status, 404);
    assert_eq!(counts(&app), before);
}
