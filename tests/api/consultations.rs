//! Capacity consultations behind DESIGN.md rule 7 (and rule 2 for the needs drawn from their
//! measures): each test tries to see or write what it must not, by every door: the object,
//! the list and its filters, the plan, the needs list, its filters, export and counts.

use diesel::prelude::*;
use portal::db::schema::{
    consultations, measure_progress, need_links, needs, plan_measures, plans,
};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};
use crate::reports::{cast, Cast};

pub const BORDER: &str = "Border management and terrorist travel";
pub const WITHHELD_INDICATOR: &str = "Share of flights sending API data";

/// A KEN consultation: a percentage measure with one assistance area, a qualitative one.
pub fn kenya_consultation(consent: &str) -> Value {
    json!({
        "member_state": "KEN",
        "programme": "CT-TRAVEL",
        "held_on": "2024-03-01",
        "situation": "API is being rolled out.",
        "gaps": "No PNR yet.",
        "participants": ["cted", "UNODC"],
        "consent": consent,
        "measures": [
            {
                "requirement": "UNSCR 2396 (2017), operative paragraph 11: advance passenger information",
                "recommendation": "Connect every carrier.",
                "assistance_areas": [BORDER],
                "indicator": WITHHELD_INDICATOR,
                "measure": "percentage",
                "baseline": {"value": 10, "on": "2020-01-01"},
                "target": 90,
                "due_on": "2030-01-01",
                "responsible": ["UNOCT"]
            },
            {
                "requirement": "UNSCR 2178 (2014), operative paragraph 9",
                "indicator": "Watchlist connected to INTERPOL",
                "measure": "qualitative",
                "baseline": {"value": "Not connected", "on": "2024-03-01"},
                "target": "Connected",
                "due_on": "2026-12-31"
            }
        ]
    })
}

pub struct Created {
    pub id: String,
    pub plan_id: String,
}

/// A consultation created (and published when `publish`) by the coordinator.
pub async fn consultation(app: &TestApp, c: &Cast, body: &Value, publish: bool) -> Created {
    let created = app
        .post_json_bearer("/api/v1/consultations", &c.coordinator, body)
        .await
        .assert_status(201);
    let id = created.field("id");
    assert_eq!(created.json()["status"], "draft");
    if publish {
        let path = format!("/api/v1/consultations/{id}/publish");
        let published = app
            .post_json_bearer(&path, &c.coordinator, &json!({}))
            .await;
        let published = published.assert_status(200);
        assert_eq!(published.json()["status"], "published");
        assert_eq!(published.field("plan_id"), created.field("plan_id"));
    }
    Created {
        id,
        plan_id: created.field("plan_id"),
    }
}

fn paths(c: &Created) -> [String; 2] {
    [
        format!("/api/v1/consultations/{}", c.id),
        format!("/api/v1/plans/{}", c.plan_id),
    ]
}

async fn list_ids(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    app.get_ok(path, token).await.ids()
}

/// The ids of the needs drawn from a consultation.
pub fn needs_of(app: &TestApp, consultation_id: &str) -> Vec<String> {
    need_links::table
        .filter(need_links::consultation_id.eq(consultation_id))
        .select(need_links::need_id)
        .load(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn drafts_and_their_needs_are_for_coordinators_only() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let draft = consultation(&app, &c, &kenya_consultation("published"), false).await;
    let need = needs_of(&app, &draft.id);
    assert_eq!(need.len(), 1, "one need per assistance area");
    let need_path = format!("/api/v1/needs/{}", need[0]);
    for token in [
        &c.ken,
        &c.ken_observer,
        &c.unodc,
        &c.fra,
        &c.ipu,
        &c.unoct_focal,
    ] {
        for path in paths(&draft).iter().chain([&need_path]) {
            app.assert_get_statuses([(path, token, 404)]).await;
        }
        assert!(list_ids(&app, "/api/v1/consultations", token)
            .await
            .is_empty());
        let drafts = list_ids(&app, "/api/v1/consultations?status=draft", token).await;
        assert!(drafts.is_empty());
        assert!(list_ids(&app, "/api/v1/needs", token).await.is_empty());
    }
    for token in [&c.coordinator, &c.admin] {
        for path in paths(&draft).iter().chain([&need_path]) {
            app.assert_get_statuses([(path, token, 200)]).await;
        }
    }
    let drafts = list_ids(&app, "/api/v1/consultations?status=draft", &c.coordinator).await;
    assert_eq!(drafts, vec![draft.id.clone()]);
    // Publishing again is a conflict; others cannot publish what they cannot see.
    let publish = format!("/api/v1/consultations/{}/publish", draft.id);
    let refused = app.post_json_bearer(&publish, &c.ken, &json!({})).await;
    assert_eq!(refused.status, 404);
    app.post_json_bearer(&publish, &c.coordinator, &json!({}))
        .await
        .assert_status(200);
    let again = app
        .post_json_bearer(&publish, &c.coordinator, &json!({}))
        .await;
    assert_eq!(again.status, 409);
    let by_state = app.post_json_bearer(&publish, &c.ken, &json!({})).await;
    assert_eq!(
        by_state.status, 403,
        "the State sees it now, but may not publish"
    );
}

#[actix_web::test]
async fn each_organisation_sees_exactly_what_rule_seven_grants() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let shared = consultation(&app, &c, &kenya_consultation("published"), true).await;
    let withheld = consultation(&app, &c, &kenya_consultation("withheld"), true).await;
    let mut fra = kenya_consultation("published");
    fra["member_state"] = json!("FRA");
    fra["programme"] = json!("CFT");
    fra["held_on"] = json!("2025-01-10");
    let french = consultation(&app, &c, &fra, true).await;

    let sees = |token: &String, created: &Created, status: u16| {
        paths(created).map(|p| (p, token.clone(), status))
    };
    let mut rows = Vec::new();
    for (token, shared_status, withheld_status, french_status) in [
        (&c.coordinator, 200, 200, 200),
        (&c.admin, 200, 200, 200),
        (&c.ken, 200, 200, 404),
        (&c.ken_observer, 200, 200, 404),
        (&c.fra, 404, 404, 200),
        (&c.unodc, 200, 404, 200),
        (&c.unoct_focal, 200, 404, 200),
        (&c.ipu, 404, 404, 404),
    ] {
        rows.extend(sees(token, &shared, shared_status));
        rows.extend(sees(token, &withheld, withheld_status));
        rows.extend(sees(token, &french, french_status));
    }
    app.assert_get_statuses(rows).await;

    // The list and every filter give the same answer as the objects.
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let all = sorted(vec![
        shared.id.clone(),
        withheld.id.clone(),
        french.id.clone(),
    ]);
    for filter in [
        "",
        "?member_state=ken",
        "?programme=CT-TRAVEL",
        "?year=2024",
        "?status=published",
    ] {
        let path = format!("/api/v1/consultations{filter}");
        let unodc = list_ids(&app, &path, &c.unodc).await;
        assert!(!unodc.contains(&withheld.id), "{filter}");
        let fra_ids = list_ids(&app, &path, &c.fra).await;
        assert!(
            !fra_ids.contains(&shared.id) && !fra_ids.contains(&withheld.id),
            "{filter}"
        );
        assert!(list_ids(&app, &path, &c.ipu).await.is_empty(), "{filter}");
    }
    assert_eq!(
        sorted(list_ids(&app, "/api/v1/consultations", &c.coordinator).await),
        all
    );
    let ken = sorted(list_ids(&app, "/api/v1/consultations", &c.ken).await);
    assert_eq!(ken, sorted(vec![shared.id.clone(), withheld.id.clone()]));
    let of_2025 = list_ids(&app, "/api/v1/consultations?year=2025", &c.coordinator).await;
    assert_eq!(of_2025, vec![french.id.clone()]);
    let of_cft = list_ids(&app, "/api/v1/consultations?programme=CFT", &c.unodc).await;
    assert_eq!(of_cft, vec![french.id.clone()]);

    // Keyset pages: one at a time, newest first, nothing twice.
    let first = app
        .get_ok("/api/v1/consultations?limit=1", &c.coordinator)
        .await;
    assert_eq!(first.ids(), vec![french.id.clone()]);
    let cursor = first.json()["next_cursor"].as_str().unwrap().to_string();
    let second = app
        .get_ok(
            &format!("/api/v1/consultations?limit=1&cursor={cursor}"),
            &c.coordinator,
        )
        .await;
    assert_eq!(second.ids().len(), 1);
    assert_ne!(second.ids(), first.ids());
    let bad = app
        .get_bearer("/api/v1/consultations?cursor=garbage!", &c.coordinator)
        .await;
    assert_eq!(bad.status, 400);
}

#[actix_web::test]
async fn needs_of_a_withheld_plan_stay_with_coordinators_and_the_state() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let withheld = consultation(&app, &c, &kenya_consultation("withheld"), true).await;
    let shared = consultation(&app, &c, &kenya_consultation("published"), true).await;
    let hidden = needs_of(&app, &withheld.id).pop().unwrap();
    let open = needs_of(&app, &shared.id).pop().unwrap();
    let hidden_path = format!("/api/v1/needs/{hidden}");
    app.assert_get_statuses([
        (&hidden_path, &c.unodc, 404),
        (&hidden_path, &c.unoct_focal, 404),
        (&hidden_path, &c.fra, 404),
        (&hidden_path, &c.ipu, 404),
        (&hidden_path, &c.ken, 200),
        (&hidden_path, &c.coordinator, 200),
    ])
    .await;
    let area = BORDER.replace(' ', "%20");
    for filter in [
        String::new(),
        "?member_state=KEN".into(),
        format!("?thematic_area={area}"),
        "?q=flights".into(),
        "?status=open".into(),
        "?priority=medium".into(),
        "?uncovered=true".into(),
    ] {
        let path = format!("/api/v1/needs{filter}");
        let ids = list_ids(&app, &path, &c.unodc).await;
        assert!(!ids.contains(&hidden), "{filter}");
        assert!(ids.contains(&open), "{filter}");
        assert!(list_ids(&app, &path, &c.fra).await.is_empty(), "{filter}");
        let ken = list_ids(&app, &path, &c.ken).await;
        assert!(ken.contains(&hidden) && ken.contains(&open), "{filter}");
    }
    // The export holds what the list shows: the two needs have the same title, so count rows.
    let csv = app.get_bearer("/api/v1/needs/export", &c.unodc).await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains(&open) && !csv.body.contains(&hidden));
    // The plan lists its needs as the caller may see them; the shared plan's to the entity.
    let plan = app
        .get_ok(&format!("/api/v1/plans/{}", shared.plan_id), &c.unodc)
        .await
        .json();
    let listed: Vec<&str> = plan["needs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, vec![open.as_str()]);
    let ken_plan = app
        .get_ok(&format!("/api/v1/plans/{}", withheld.plan_id), &c.ken)
        .await
        .json();
    assert_eq!(ken_plan["needs"][0]["restricted"], true);
}

fn counts(app: &TestApp) -> [i64; 5] {
    let mut conn = app.conn();
    [
        consultations::table.count().get_result(&mut conn).unwrap(),
        plans::table.count().get_result(&mut conn).unwrap(),
        plan_measures::table.count().get_result(&mut conn).unwrap(),
        needs::table.count().get_result(&mut conn).unwrap(),
        measure_progress::table
            .count()
            .get_result(&mut conn)
            .unwrap(),
    ]
}

#[actix_web::test]
async fn bad_consultations_are_refused_and_write_nothing() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut body = kenya_consultation("published");
        f(&mut body);
        body
    };
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "unknown State",
            edit(&|b| b["member_state"] = json!("XXX")),
            "unknown_member_state",
        ),
        (
            "an entity as State",
            edit(&|b| b["member_state"] = json!("UNODC")),
            "unknown_member_state",
        ),
        (
            "unknown programme",
            edit(&|b| b["programme"] = json!("NOPE")),
            "unknown_programme",
        ),
        (
            "target = baseline",
            edit(&|b| b["measures"][0]["target"] = json!(10)),
            "invalid_value",
        ),
        (
            "qualitative target = baseline",
            edit(&|b| b["measures"][1]["target"] = json!("not connected")),
            "invalid_value",
        ),
        (
            "wrong direction",
            edit(&|b| b["measures"][0]["target"] = json!(5)),
            "invalid_value",
        ),
        (
            "due before the consultation",
            edit(&|b| b["measures"][0]["due_on"] = json!("2024-02-01")),
            "invalid_date",
        ),
        (
            "due on the consultation day",
            edit(&|b| b["measures"][1]["due_on"] = json!("2024-03-01")),
            "invalid_date",
        ),
        (
            "N/A as a number",
            edit(&|b| b["measures"][0]["baseline"]["value"] = json!("N/A")),
            "invalid_value",
        ),
        (
            "a number as text",
            edit(&|b| b["measures"][1]["target"] = json!(3)),
            "invalid_value",
        ),
        (
            "a percentage over 100",
            edit(&|b| b["measures"][0]["target"] = json!(101)),
            "invalid_value",
        ),
        (
            "unknown area",
            edit(&|b| b["measures"][0]["assistance_areas"] = json!(["Astrology"])),
            "unknown_thematic_area",
        ),
        (
            "unknown participant",
            edit(&|b| b["participants"] = json!(["NOBODY"])),
            "unknown_organisation",
        ),
        (
            "unknown responsible",
            edit(&|b| b["measures"][0]["responsible"] = json!(["NOBODY"])),
            "unknown_organisation",
        ),
        (
            "unknown consent",
            edit(&|b| b["consent"] = json!("maybe")),
            "",
        ),
        ("unknown field", edit(&|b| b["extra"] = json!(1)), ""),
        (
            "unknown measure field",
            edit(&|b| b["measures"][0]["colour"] = json!("red")),
            "",
        ),
        (
            "unknown baseline field",
            edit(&|b| b["measures"][0]["baseline"]["year"] = json!(2020)),
            "",
        ),
        (
            "no held_on",
            edit(&|b| {
                b.as_object_mut()
                    .unwrap()
                    .remove("held_on")
                    .map(|_| ())
                    .unwrap()
            }),
            "",
        ),
    ];
    for (what, body, code) in cases {
        let page = app
            .post_json_bearer("/api/v1/consultations", &c.coordinator, &body)
            .await;
        assert_eq!(page.status, 400, "{what}: {}", page.body);
        if !code.is_empty() {
            assert_eq!(page.error_code(), code, "{what}");
        }
    }
    // Only coordinators create.
    for token in [&c.ken, &c.unodc, &c.ipu, &c.ken_observer] {
        let page = app
            .post_json_bearer(
                "/api/v1/consultations",
                token,
                &kenya_consultation("published"),
            )
            .await;
        assert_eq!(page.status, 403, "{}", page.body);
    }
    assert_eq!(counts(&app), [0; 5]);
    let unknown = app
        .get_bearer("/api/v1/consultations?colour=red", &c.coordinator)
        .await;
    assert_eq!(unknown.status, 400);
    let year = app
        .get_bearer("/api/v1/consultations?year=0", &c.coordinator)
        .await;
    assert_eq!(year.status, 400);
}

#[actix_web::test]
async fn the_consultation_echoes_its_body() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let created = consultation(&app, &c, &kenya_consultation("withheld"), true).await;
    let view = app
        .get_ok(&format!("/api/v1/consultations/{}", created.id), &c.ken)
        .await
        .json();
    assert_eq!(view["member_state"], "KEN");
    assert_eq!(view["programme"], "CT-TRAVEL");
    assert_eq!(view["held_on"], "2024-03-01");
    assert_eq!(view["consent"], "withheld");
    assert_eq!(view["participants"], json!(["CTED", "UNODC"]));
    assert_eq!(view["plan_id"], created.plan_id.as_str());
    assert!(view["published_at"].is_string());
}
