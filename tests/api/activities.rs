//! The shared calendar's activities behind rule 8: each test tries to see or change what it must
//! not, by every door (the object, the list, its filters, the clash warnings), and every bad
//! input is a 400 that writes nothing.

use diesel::prelude::*;
use portal::db::schema::{activities, activity_versions, audit_log};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};
use crate::reports::{cast, Cast};

const LIST: &str = "/api/v1/activities";

/// An activity in Kenya in March 2027 (add or override fields with `extra`).
fn activity(title: &str, extra: Value) -> Value {
    let mut body = json!({
        "title": title,
        "kind": "workshop",
        "member_state": "KEN",
        "starts_on": "2027-03-01",
        "ends_on": "2027-03-05",
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

async fn create(app: &TestApp, token: &str, body: &Value) -> Value {
    app.post_json_bearer(LIST, token, body)
        .await
        .assert_status(201)
        .json()
}

fn count(app: &TestApp) -> i64 {
    activities::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn clash_ids(saved: &Value, reason: &str) -> Vec<String> {
    saved["clashes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["reason"] == reason)
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

async fn listed(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    app.get_ok(path, token).await.ids()
}

/// (organisers-only, compact) activities of UNODC in Kenya.
async fn restricted_pair(app: &TestApp, c: &Cast) -> (String, String) {
    let own = create(
        app,
        &c.unodc,
        &activity("Closed planning", json!({"visibility": "organisers"})),
    )
    .await;
    let compact = create(
        app,
        &c.unodc,
        &activity(
            "Entities only",
            json!({"visibility": "compact", "programme": "CFT"}),
        ),
    )
    .await;
    (text(&own["id"]), text(&compact["id"]))
}

fn text(v: &Value) -> String {
    v.as_str().unwrap().to_string()
}

#[actix_web::test]
async fn restricted_activities_stay_hidden_by_every_door() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (own, compact) = restricted_pair(&app, &c).await;
    let public = text(
        &create(
            &app,
            &c.unodc,
            &activity("Open", json!({"programme": "CFT"})),
        )
        .await["id"],
    );

    // Kenya (the State where both take place) and an observer organisation: neither.
    for token in [&c.ken, &c.ken_observer, &c.fra, &c.ipu] {
        for id in [&own, &compact] {
            app.assert_get_statuses([(format!("{LIST}/{id}"), token, 404)])
                .await;
        }
        for path in [
            LIST.to_string(),
            format!("{LIST}?member_state=KEN"),
            format!("{LIST}?organisation=UNODC&from=2027-03-01&to=2027-03-31"),
            format!("{LIST}?programme=CFT&kind=workshop&status=planned"),
        ] {
            assert_eq!(
                listed(&app, &path, token).await,
                vec![public.clone()],
                "{path}"
            );
        }
    }
    // A State's clash warning does not name them, in the answer nor in the preview.
    let saved = create(
        &app,
        &c.ken,
        &activity("National workshop", json!({"programme": "CFT"})),
    )
    .await;
    assert_eq!(clash_ids(&saved, "same_member_state"), vec![public.clone()]);
    assert_eq!(clash_ids(&saved, "same_programme"), vec![public.clone()]);
    let preview = app
        .get_ok(
            "/api/v1/activities/clashes?starts_on=2027-03-02&ends_on=2027-03-02&member_state=KEN&programme=CFT",
            &c.fra,
        )
        .await
        .json();
    let named: Vec<&str> = preview
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!named.contains(&own.as_str()) && !named.contains(&compact.as_str()));
    assert!(named.contains(&public.as_str()));

    // Entities and coordinator offices see the compact one, not the organisers-only one;
    // coordinators are no organisers of it either (default deny).
    for token in [&c.unoct_focal, &c.coordinator, &c.admin] {
        app.assert_get_statuses([
            (format!("{LIST}/{compact}"), token, 200),
            (format!("{LIST}/{own}"), token, 404),
        ])
        .await;
        let ids = listed(&app, LIST, token).await;
        assert!(ids.contains(&compact) && !ids.contains(&own));
    }
    // The organiser sees both.
    let ids = listed(&app, LIST, &c.unodc).await;
    assert!(ids.contains(&compact) && ids.contains(&own));
}

#[actix_web::test]
async fn partners_see_and_edit_what_they_organise() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let body = activity(
        "Joint",
        json!({"visibility": "organisers", "organisers": ["ken"]}),
    );
    let saved = create(&app, &c.unodc, &body).await;
    let id = text(&saved["id"]);
    let codes: Vec<&str> = saved["organisers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["KEN", "UNODC"]);
    let path = format!("{LIST}/{id}");
    assert_eq!(
        app.get_ok(&path, &c.ken_observer).await.json()["may_edit"],
        false
    );
    assert_eq!(app.get_ok(&path, &c.ken).await.json()["may_edit"], true);
    app.patch_bearer(&path, &c.ken, &json!({"title": "Joint, renamed"}))
        .await
        .assert_status(200);
    // Dropping the partner ends its sight of the activity at once.
    app.patch_bearer(&path, &c.unodc, &json!({"organisers": []}))
        .await
        .assert_status(200);
    app.assert_get_statuses([(&path, &c.ken, 404)]).await;
    app.patch_bearer(&path, &c.ken, &json!({"title": "again"}))
        .await
        .assert_status(404);
}

#[actix_web::test]
async fn only_organisers_focal_points_and_coordinators_write() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for token in [&c.ken_observer, &c.ipu] {
        let page = app
            .post_json_bearer(LIST, token, &activity("No", json!({})))
            .await;
        assert_eq!(page.status, 403, "{}", page.body);
    }
    assert_eq!(count(&app), 0);
    let id = text(&create(&app, &c.unodc, &activity("Theirs", json!({}))).await["id"]);
    let path = format!("{LIST}/{id}");
    for token in [&c.fra, &c.ken, &c.ken_observer, &c.unoct_focal] {
        let page = app
            .patch_bearer(&path, token, &json!({"title": "Mine now"}))
            .await;
        assert_eq!(page.status, 403, "{}", page.body);
    }
    for token in [&c.coordinator, &c.admin, &c.unodc] {
        app.patch_bearer(&path, token, &json!({"description": "ok"}))
            .await
            .assert_status(200);
    }
    let guessed = format!("{LIST}/00000000-0000-0000-0000-000000000000");
    app.assert_get_statuses([(&guessed, &c.coordinator, 404)])
        .await;
    app.patch_bearer(&guessed, &c.coordinator, &json!({"title": "x"}))
        .await
        .assert_status(404);
    let versions = format!("{path}/versions");
    app.assert_get_statuses([(&versions, &c.fra, 403), (&versions, &c.unodc, 200)])
        .await;
    assert_eq!(app.get_ok(&path, &c.fra).await.json()["title"], "Theirs");
}

#[actix_web::test]
async fn clash_warnings_name_overlaps_by_state_programme_and_area() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let travel = json!({"programme": "CT-TRAVEL"});
    let first =
        text(&create(&app, &c.unodc, &activity("Border training", travel.clone())).await["id"]);
    // Elsewhere, same programme; elsewhere, same area (BIOMETRICS is border management too).
    let mut fra = activity("Paris seminar", travel);
    fra["member_state"] = json!("FRA");
    let same_programme = text(&create(&app, &c.unodc, &fra).await["id"]);
    let bio = json!({"member_state": "FRA", "programme": "BIOMETRICS"});
    let same_area = text(&create(&app, &c.unodc, &activity("Biometrics", bio)).await["id"]);
    // Neither a cancelled activity nor one on other days clashes.
    create(
        &app,
        &c.unodc,
        &activity("Called off", json!({"status": "cancelled"})),
    )
    .await;
    create(
        &app,
        &c.unodc,
        &activity(
            "Later",
            json!({"starts_on": "2027-03-06", "ends_on": "2027-03-07"}),
        ),
    )
    .await;

    let body = activity(
        "Overlap",
        json!({"programme": "CT-TRAVEL", "starts_on": "2027-03-05", "ends_on": "2027-03-05"}),
    );
    let saved = create(&app, &c.unoct_focal, &body).await;
    assert_eq!(clash_ids(&saved, "same_member_state"), vec![first.clone()]);
    let mut programme = clash_ids(&saved, "same_programme");
    programme.sort();
    let mut expected = vec![first.clone(), same_programme];
    expected.sort();
    assert_eq!(programme, expected);
    assert_eq!(clash_ids(&saved, "same_thematic_area"), vec![same_area]);
    let id = text(&saved["id"]);

    // A change that moves nothing warns of nothing; moving the dates warns again.
    let path = format!("{LIST}/{id}");
    let renamed = app
        .patch_bearer(&path, &c.unoct_focal, &json!({"title": "Renamed"}))
        .await;
    assert_eq!(renamed.assert_status(200).json()["clashes"], json!([]));
    let moved = app
        .patch_bearer(
            &path,
            &c.unoct_focal,
            &json!({"starts_on": "2027-03-06", "ends_on": "2027-03-06", "programme": ""}),
        )
        .await
        .assert_status(200)
        .json();
    assert_eq!(moved["clashes"].as_array().unwrap().len(), 1, "{moved}");
    assert_eq!(moved["clashes"][0]["title"], "Later");
    assert_eq!(moved["clashes"][0]["reason"], "same_member_state");
}

#[actix_web::test]
async fn edits_are_versions_audited_and_cancelling_keeps_it_visible() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let id = text(&create(&app, &c.unodc, &activity("Kept", json!({}))).await["id"]);
    let path = format!("{LIST}/{id}");
    // Naming a field with its current value changes nothing and keeps no version.
    let same = app
        .patch_bearer(&path, &c.unodc, &json!({"title": "Kept", "organisers": []}))
        .await;
    assert_eq!(same.assert_status(200).json()["sequence"], 0);
    app.patch_bearer(&path, &c.unodc, &json!({"ends_on": "2027-03-09"}))
        .await
        .assert_status(200);
    let cancelled = app
        .patch_bearer(&path, &c.coordinator, &json!({"status": "cancelled"}))
        .await
        .assert_status(200)
        .json();
    assert_eq!(cancelled["sequence"], 2);
    assert_eq!(cancelled["clashes"], json!([]));
    let shown = app.get_ok(&path, &c.fra).await.json();
    assert_eq!(shown["status"], "cancelled");
    assert_eq!(
        listed(&app, &format!("{LIST}?status=cancelled"), &c.fra).await,
        vec![id.clone()]
    );
    let versions = app
        .get_ok(&format!("{path}/versions"), &c.unodc)
        .await
        .json();
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["sequence"], 1);
    assert_eq!(versions[0]["changes"], json!(["status"]));
    assert_eq!(versions[1]["previous"]["activity"]["ends_on"], "2027-03-05");
    let audited: Vec<String> = audit_log::table
        .filter(audit_log::target_id.eq(&id))
        .order(audit_log::seq.asc())
        .select(audit_log::action)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        audited,
        ["activity.create", "activity.update", "activity.update"]
    );
}

#[actix_web::test]
async fn bad_input_is_refused_and_writes_nothing() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let cases = [
        (json!({"ends_on": "2027-02-28"}), "invalid_period"),
        (json!({"kind": "party"}), "invalid_json"),
        (json!({"member_state": "XXX"}), "unknown_member_state"),
        (json!({"member_state": "UNODC"}), "unknown_member_state"),
        (json!({"programme": "NOPE"}), "unknown_programme"),
        (json!({"organisers": ["NOPE"]}), "unknown_organisation"),
        (json!({"region": "Atlantis"}), "unknown_region"),
        (json!({"starts_on": "1999-12-31"}), "invalid_year"),
        (json!({"ends_on": "2101-01-01"}), "invalid_year"),
        (json!({"starts_on": "2027-02-30"}), "invalid_json"),
        (json!({"colour": "red"}), "invalid_json"),
        (json!({"title": "  "}), "invalid_field"),
        (json!({"visibility": "everyone"}), "invalid_json"),
    ];
    for (extra, code) in &cases {
        let page = app
            .post_json_bearer(LIST, &c.unodc, &activity("Bad", extra.clone()))
            .await;
        assert_eq!(
            (page.status, page.error_code().as_str()),
            (400, *code),
            "{extra}: {}",
            page.body
        );
    }
    assert_eq!(count(&app), 0);
    let id = text(&create(&app, &c.unodc, &activity("Good", json!({}))).await["id"]);
    let path = format!("{LIST}/{id}");
    for (patch, code) in [
        (json!({"ends_on": "2027-02-01"}), "invalid_period"),
        (
            json!({"starts_on": "2101-01-01", "ends_on": "2101-01-02"}),
            "invalid_year",
        ),
        (
            json!({"region": "Atlantis", "title": "changed"}),
            "unknown_region",
        ),
        (json!({}), "empty_change"),
        (json!({"owner": "UNODC"}), "invalid_json"),
    ] {
        let page = app.patch_bearer(&path, &c.unodc, &patch).await;
        assert_eq!(
            (page.status, page.error_code().as_str()),
            (400, code),
            "{patch}: {}",
            page.body
        );
    }
    let shown = app.get_ok(&path, &c.unodc).await.json();
    assert_eq!(
        (shown["title"].as_str(), shown["sequence"].as_i64()),
        (Some("Good"), Some(0))
    );
    let versions: i64 = activity_versions::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(versions, 0);
    for query in [
        "kind=party",
        "status=gone",
        "from=2027-13-01",
        "to=1999-01-01",
        "colour=red",
        "from=2027-04-01&to=2027-03-01",
        "cursor=!!",
        "region=Atlantis",
        "programme=NOPE",
    ] {
        let page = app.get_bearer(&format!("{LIST}?{query}"), &c.unodc).await;
        assert_eq!(page.status, 400, "{query}: {}", page.body);
    }
    let preview = app
        .get_bearer("/api/v1/activities/clashes?starts_on=2027-03-01", &c.unodc)
        .await;
    assert_eq!(preview.status, 400);
}

#[actix_web::test]
async fn the_list_pages_in_start_order() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for day in ["05", "01", "03"] {
        let date = format!("2027-03-{day}");
        create(
            &app,
            &c.unodc,
            &activity(day, json!({"starts_on": date, "ends_on": date})),
        )
        .await;
    }
    let first = app.get_ok(&format!("{LIST}?limit=2"), &c.fra).await;
    assert_eq!(first.item_fields("title"), ["01", "03"]);
    let cursor = first.field("next_cursor");
    let second = app
        .get_ok(&format!("{LIST}?limit=2&cursor={cursor}"), &c.fra)
        .await;
    assert_eq!(second.item_fields("title"), ["05"]);
    assert!(second.json()["next_cursor"].is_null());
    let african = app.get_ok(&format!("{LIST}?region=African"), &c.fra).await;
    assert_eq!(african.ids().len(), 3, "Kenya is in the African group");
    let western = app
        .get_ok(
            &format!("{LIST}?region=Western%20European%20and%20Others"),
            &c.fra,
        )
        .await;
    assert!(western.ids().is_empty());
    let window = app
        .get_ok(&format!("{LIST}?from=2027-03-02&to=2027-03-04"), &c.fra)
        .await;
    assert_eq!(window.item_fields("title"), ["03"]);
}

#[actix_web::test]
async fn the_demo_calendar_is_seeded_once_with_every_kind_status_and_visibility() {
    use portal::domain::values::{ActivityKind, ActivityStatus, ActivityVisibility};
    use portal::repo::activities::Activity;
    use strum::VariantArray;
    let app = spawn_app().await;
    app.create_user(
        "c@cted.example.org",
        "CTED",
        portal::domain::Role::Coordinator,
        None,
    );
    let mut conn = app.conn();
    let (user, org) = portal::repo::users::find_by_email(&mut conn, "c@cted.example.org")
        .unwrap()
        .unwrap();
    let author = portal::auth::CurrentUser::from_rows(String::new(), user, org, false).unwrap();
    assert_eq!(
        portal::demo_activities::seed(&mut conn, &author).unwrap(),
        60
    );
    assert_eq!(
        portal::demo_activities::seed(&mut conn, &author).unwrap(),
        0
    );
    let rows: Vec<Activity> = activities::table
        .select(Activity::as_select())
        .load(&mut conn)
        .unwrap();
    assert_eq!(rows.len(), 60);
    assert!(ActivityKind::VARIANTS
        .iter()
        .all(|k| rows.iter().any(|a| a.kind == *k)));
    assert!(ActivityStatus::VARIANTS
        .iter()
        .all(|s| rows.iter().any(|a| a.status == *s)));
    assert!(ActivityVisibility::VARIANTS
        .iter()
        .all(|v| rows.iter().any(|a| a.visibility == *v)));
    let owners: std::collections::HashSet<&str> =
        rows.iter().map(|a| a.organisation_id.as_str()).collect();
    assert_eq!(owners.len(), 12);
    let today = chrono::Utc::now().date_naive();
    assert!(rows
        .iter()
        .all(|a| a.starts_on > today && (a.ends_on - today).num_days() < 190));
    let overlapping_in_a_state = rows.iter().enumerate().any(|(i, a)| {
        rows[i + 1..].iter().any(|b| {
            a.member_state_id == b.member_state_id
                && a.starts_on <= b.ends_on
                && b.starts_on <= a.ends_on
        })
    });
    assert!(overlapping_in_a_state);
}
