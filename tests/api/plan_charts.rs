//! The plans' charts and the dashboard's measures at risk (issue 13): the SVG is there with
//! its title, description and figures; only validated values are drawn; the dashboard lists
//! only the at-risk measures of plans its reader may see, within their focus.

use serde_json::{json, Value};

use crate::consultations::{consultation, kenya_consultation, Created, WITHHELD_INDICATOR};
use crate::helpers::TestApp;
use crate::reports::{cast, Cast};

async fn measure_ids(app: &TestApp, token: &str, created: &Created) -> Vec<String> {
    app.get_ok(&format!("/api/v1/plans/{}", created.plan_id), token)
        .await
        .json()["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

/// Reports `value` on `on` (as the coordinator) and decides it (`None`: left pending).
async fn value(
    app: &TestApp,
    c: &Cast,
    created: &Created,
    measure: &str,
    body: Value,
    decision: Option<&str>,
) {
    let path = format!(
        "/api/v1/plans/{}/measures/{measure}/progress",
        created.plan_id
    );
    let reported = app
        .post_json_bearer(&path, &c.coordinator, &body)
        .await
        .assert_status(201);
    if let Some(decision) = decision {
        app.patch_bearer(
            &format!("{path}/{}", reported.field("id")),
            &c.coordinator,
            &json!({"decision": decision, "reason": "Checked"}),
        )
        .await
        .assert_status(200);
    }
}

/// The `<figure>` of a measure's chart on a page.
fn figure<'a>(body: &'a str, measure: &str) -> &'a str {
    let start = body
        .find(&format!("id=\"chart-{measure}\""))
        .expect("the measure's chart");
    let end = body[start..].find("</figure>").expect("the figure's end");
    &body[start..start + end]
}

#[actix_web::test]
async fn the_plan_page_draws_validated_values_only() {
    let app = crate::helpers::spawn_app().await;
    let c = cast(&app).await;
    let created = consultation(&app, &c, &kenya_consultation("published"), true).await;
    let ids = measure_ids(&app, &c.coordinator, &created).await;
    let validated = json!({"value": 40.5, "on": "2025-01-01"});
    value(&app, &c, &created, &ids[0], validated, Some("validated")).await;
    let pending = json!({"value": 77.25, "on": "2025-06-01"});
    value(&app, &c, &created, &ids[0], pending, None).await;
    let returned = json!({"value": 33.75, "on": "2025-03-01"});
    value(&app, &c, &created, &ids[0], returned, Some("returned")).await;
    let text = json!({"value": "Tender launched", "on": "2025-02-01"});
    value(&app, &c, &created, &ids[1], text, Some("validated")).await;
    let hidden = json!({"value": "Connected <b>soon</b>", "on": "2025-04-01"});
    value(&app, &c, &created, &ids[1], hidden, None).await;

    let mut ken = app
        .browser_of(
            "fp3@ken.example.org",
            "KEN",
            portal::domain::Role::FocalPoint,
        )
        .await;
    let page = app
        .browser_get(&mut ken, &format!("/plans/{}", created.plan_id))
        .await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Unknown localization"));
    assert!(
        page.body.contains("to the target, 90 due on 1 Jan 2030"),
        "dates in the reader's form"
    );
    // The State sees its pending value in the table of values reported...
    assert!(page.body.contains("77.25"));
    // ...but the chart draws and tabulates the validated one alone.
    let chart = figure(&page.body, &ids[0]);
    assert!(chart.contains("<svg") && chart.contains("role=\"img\""));
    assert!(chart.contains("<title id=") && chart.contains("<desc id="));
    assert!(chart.contains(WITHHELD_INDICATOR));
    assert!(chart.contains("<circle"), "the validated value is drawn");
    assert_eq!(chart.matches("<circle").count(), 1);
    for figure in [
        "2025-01-01",
        "40.5",
        "1 Jan 2020",
        "1 Jan 2030",
        ">90<",
        ">10<",
    ] {
        assert!(chart.contains(figure), "{figure} in the chart's table");
    }
    for hidden in [
        "77.25",
        "33.75",
        "2025-06-01",
        "2025-03-01",
        "1 Jun 2025",
        "1 Mar 2025",
    ] {
        assert!(!chart.contains(hidden), "{hidden} must not be charted");
    }
    // A qualitative measure has no line: its validated values are listed, escaped.
    let words = figure(&page.body, &ids[1]);
    assert!(!words.contains("<svg"));
    assert!(words.contains("Tender launched"));
    assert!(!words.contains("soon"));
    // The plan's bars: one per measure, with the status as text.
    assert!(page.body.contains("id=\"bars-title\""));
    assert!(page.body.contains("% · At risk"));
    assert!(page.body.contains(&format!("#measure-{}", ids[0])));
    // In French: the labels and the decimal comma.
    let plan_page = format!("/plans/{}", created.plan_id);
    let french = [("lang", "fr"), ("next", plan_page.as_str())];
    app.submit_from(&mut ken, &plan_page, "/language", &french)
        .await;
    let fr = app.browser_get(&mut ken, &plan_page).await;
    let chart = figure(&fr.body, &ids[0]);
    assert!(chart.contains("Progression de") && chart.contains("40,5"));
}

/// A consultation like Kenya's for `state`, its numeric measure named `indicator`.
fn named(state: &str, consent: &str, indicator: &str) -> Value {
    let mut body = kenya_consultation(consent);
    body["member_state"] = json!(state);
    body["measures"][0]["indicator"] = json!(indicator);
    body
}

#[actix_web::test]
async fn the_dashboard_shows_the_measures_at_risk_its_reader_may_see() {
    let app = crate::helpers::spawn_app().await;
    let c = cast(&app).await;
    let plans = [
        ("KEN", "published", "Kenyan published measure", true),
        ("KEN", "withheld", "Kenyan withheld measure", true),
        ("FRA", "published", "French published measure", true),
        ("KEN", "published", "Kenyan draft measure", false),
    ];
    for (state, consent, indicator, publish) in plans {
        let created = consultation(&app, &c, &named(state, consent, indicator), true).await;
        let ids = measure_ids(&app, &c.coordinator, &created).await;
        // 10 → 90 over ten years: 40 after five is 75 % of the expected progress: at risk.
        let at_risk = json!({"value": 40, "on": "2025-01-01"});
        value(&app, &c, &created, &ids[0], at_risk, Some("validated")).await;
        if !publish {
            // A draft cannot take progress: make this one a draft with a value by hand.
            use diesel::prelude::*;
            use portal::db::schema::consultations;
            diesel::update(consultations::table.find(&created.id))
                .set(consultations::status.eq("draft"))
                .execute(&mut app.conn())
                .unwrap();
        }
    }
    let readers = [
        (
            "fp4@ken.example.org",
            "KEN",
            vec!["Kenyan published", "Kenyan withheld"],
        ),
        ("fp4@fra.example.org", "FRA", vec!["French published"]),
        // UNODC took part in the consultations (their participants): the published ones only.
        (
            "fp4@unodc.example.org",
            "UNODC",
            vec!["Kenyan published", "French published"],
        ),
        ("fp4@ipu.example.org", "IPU", vec![]),
    ];
    let all = [
        "Kenyan published",
        "Kenyan withheld",
        "French published",
        "Kenyan draft",
    ];
    for (email, org, expected) in readers {
        let role = if org == "IPU" {
            portal::domain::Role::Observer
        } else {
            portal::domain::Role::FocalPoint
        };
        let mut browser = app.browser_of(email, org, role).await;
        let page = app.browser_get(&mut browser, "/").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("id=\"at-risk\""), "{org}");
        assert!(!page.body.contains("Unknown localization"), "{org}");
        // The at-risk block only: other blocks of the dashboard (a State's uncovered needs)
        // may name a consultation through the needs drawn from it.
        let start = page.body.find("id=\"at-risk\"").unwrap();
        let block = &page.body[start..];
        let block = &block[..block.find("</section>").unwrap()];
        for name in all {
            assert_eq!(
                block.contains(name),
                expected.contains(&name),
                "{org} and {name}"
            );
        }
        if expected.is_empty() {
            assert!(page.body.contains("No measure is at risk"));
        } else {
            assert!(page.body.contains("id=\"at-risk-chart-title\""));
        }
    }
    let mut coord = app
        .browser_of(
            "c4@cted.example.org",
            "CTED",
            portal::domain::Role::Coordinator,
        )
        .await;
    app.submit_from(
        &mut coord,
        "/",
        "/language",
        &[("lang", "fr"), ("next", "/")],
    )
    .await;
    let page = app.browser_get(&mut coord, "/").await;
    for name in &all[..3] {
        assert!(page.body.contains(name), "the coordinator sees {name}");
    }
    assert!(!page.body.contains("Kenyan draft"));
    assert!(page.body.contains("Mesures à risque"));
}
