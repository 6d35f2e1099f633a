//! The calendar's pages: the month shows only what its reader may see and marks days with two
//! activities in one State; the form shows clash warnings before saving and keeps what was
//! typed when it refuses.

use diesel::prelude::*;
use portal::db::schema::activities;
use portal::domain::Role;
use serde_json::json;

use crate::helpers::{spawn_app, TestApp, PASSWORD};

fn count(app: &TestApp) -> i64 {
    activities::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

async fn unodc_activity(app: &TestApp, token: &str, title: &str, visibility: &str) -> String {
    let body = json!({"title": title, "kind": "training", "member_state": "KEN",
        "starts_on": "2027-03-02", "ends_on": "2027-03-04", "visibility": visibility});
    app.post_json_bearer("/api/v1/activities", token, &body)
        .await
        .assert_status(201)
        .field("id")
}

#[actix_web::test]
async fn the_month_shows_what_its_reader_may_see_and_marks_clashes() {
    let app = spawn_app().await;
    app.add_user("fp@unodc.example.org", "UNODC", Role::FocalPoint);
    let unodc = app.token("fp@unodc.example.org", PASSWORD).await;
    let closed = unodc_activity(&app, &unodc, "Closed circle", "organisers").await;
    unodc_activity(&app, &unodc, "Entities meet", "compact").await;
    unodc_activity(&app, &unodc, "Open training", "platform").await;
    let mut ken = app
        .browser_of("fp@ken.example.org", "KEN", Role::FocalPoint)
        .await;
    let month = app
        .browser_get(&mut ken, "/calendar?month=2027-03&member_state=KEN")
        .await
        .assert_status(200);
    assert!(
        month.body.contains("<caption>March 2027</caption>"),
        "{}",
        month.body
    );
    assert!(month.body.contains("Open training"));
    assert!(!month.body.contains("Closed circle") && !month.body.contains("Entities meet"));
    // One visible activity in Kenya: no clash marked for Kenya's reader.
    assert!(!month.body.contains("Several activities in the same State"));
    assert!(month.body.contains("month=2027-02&amp;member_state=KEN"));
    app.assert_page_statuses(&mut ken, [(format!("/activities/{closed}"), 404)])
        .await;

    let mut own = app.browser_login("fp@unodc.example.org", PASSWORD).await;
    let month = app
        .browser_get(&mut own, "/calendar?month=2027-03")
        .await
        .assert_status(200);
    assert!(month.body.contains("Closed circle") && month.body.contains("Entities meet"));
    assert!(month
        .body
        .contains("Several activities in the same State:</strong> KEN"));
    app.assert_page_statuses(
        &mut own,
        [
            ("/calendar?month=2027-13", 400),
            ("/calendar?month=1999-01", 400),
        ],
    )
    .await;
}

#[actix_web::test]
async fn the_form_warns_of_clashes_before_saving_and_keeps_refused_input() {
    let app = spawn_app().await;
    app.add_user("fp@unodc.example.org", "UNODC", Role::FocalPoint);
    let unodc = app.token("fp@unodc.example.org", PASSWORD).await;
    let theirs = unodc_activity(&app, &unodc, "Border training", "platform").await;
    let mut ken = app
        .browser_of("fp@ken.example.org", "KEN", Role::FocalPoint)
        .await;
    let fields = [
        ("title", "National workshop"),
        ("kind", "workshop"),
        ("member_state", "KEN"),
        ("starts_on", "2027-03-04"),
        ("ends_on", "2027-03-05"),
        ("status", "planned"),
        ("visibility", "platform"),
    ];
    let shown = app
        .submit_from(&mut ken, "/activities/new", "/activities/new", &fields)
        .await
        .assert_status(200);
    assert!(shown.body.contains("Border training") && shown.body.contains("confirm_clashes"));
    assert_eq!(count(&app), 1);
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm_clashes", "yes"));
    let saved = app.submit(&mut ken, "/activities/new", &confirmed).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(count(&app), 2);
    let location = saved.header("location").unwrap();
    let shown = app
        .browser_get(&mut ken, &location)
        .await
        .assert_status(200);
    assert!(shown.body.contains("National workshop") && shown.body.contains("Earlier versions"));
    let edit = app
        .browser_get(&mut ken, &format!("{location}/edit"))
        .await
        .assert_status(200);
    assert!(edit.body.contains("value=\"2027-03-05\""));

    let mut bad = fields.to_vec();
    bad[4] = ("ends_on", "2027-03-01");
    let refused = app
        .submit_from(&mut ken, "/activities/new", "/activities/new", &bad)
        .await
        .assert_status(400);
    assert!(refused.body.contains("value=\"National workshop\""));
    assert!(
        refused
            .body
            .contains("The end date comes before the start date")
            || refused.body.contains("ends_on comes before starts_on")
    );
    assert_eq!(count(&app), 2);

    // Someone else's activity: no edit form; an observer: no new form.
    app.assert_page_statuses(&mut ken, [(format!("/activities/{theirs}/edit"), 403)])
        .await;
    let mut observer = app
        .browser_of("obs@ken.example.org", "KEN", Role::Observer)
        .await;
    app.assert_page_statuses(&mut observer, [("/activities/new", 403)])
        .await;
    let forged = app
        .submit_from(&mut observer, "/calendar", "/activities/new", &confirmed)
        .await;
    assert_eq!(forged.status, 403, "{}", forged.body);
    assert_eq!(count(&app), 2);
}
