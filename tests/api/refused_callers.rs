//! Many handlers check the caller's session in the same trip to the database as their first
//! service call (`auth::caller::Entrant`). When the check refuses the caller, that call must
//! not run: nothing is read, written or audited for a dead session, for an account that must
//! set up two-factor first, or for a page's refusal. Each refusal keeps its usual answer.

use diesel::prelude::*;
use portal::db::schema::{audit_log, organisations, reports, users};
use portal::domain::Role;
use serde_json::json;

use crate::helpers::{spawn_app, TestApp, PASSWORD};
use crate::reports::{cast, kenya_report, published_report};
use crate::two_factor::turn_two_factor_off;

const READER: &str = "reader@ken.example.org";

/// How many reads of `report` the audit trail holds (allowed or refused).
fn reads_of(app: &TestApp, report: &str) -> i64 {
    audit_log::table
        .filter(audit_log::action.eq("report.read"))
        .filter(audit_log::target_id.eq(report))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn report_count(app: &TestApp) -> i64 {
    reports::table.count().get_result(&mut app.conn()).unwrap()
}

#[actix_web::test]
async fn a_page_refused_at_the_session_check_reads_and_audits_nothing() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, _) = published_report(&app, &c.coordinator).await;
    let page = format!("/reports/{report}");
    app.create_user(READER, "KEN", Role::FocalPoint, Some(PASSWORD));
    let mut reader = app.browser_login(READER, PASSWORD).await;
    assert_eq!(app.browser_get(&mut reader, &page).await.status, 200);
    assert_eq!(reads_of(&app, &report), 1);

    // Kenya now requires two-factor, which this account has not set up: the set-up page first.
    turn_two_factor_off(&app, READER);
    diesel::update(organisations::table.filter(organisations::code.eq("KEN")))
        .set(organisations::require_totp.eq(true))
        .execute(&mut app.conn())
        .unwrap();
    let res = app.browser_get(&mut reader, &page).await;
    assert_eq!(res.status, 303);
    assert_eq!(
        res.header("location").as_deref(),
        Some("/account/two-factor")
    );
    assert_eq!(reads_of(&app, &report), 1, "no read before two-factor");

    // The account is deactivated: its session is dead, the browser goes to sign in.
    diesel::update(users::table.filter(users::email.eq(READER)))
        .set(users::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    let res = app.browser_get(&mut reader, &page).await;
    assert_eq!(res.status, 303);
    let next = format!("/login?next=%2Freports%2F{report}");
    assert_eq!(res.header("location").as_deref(), Some(next.as_str()));
    assert_eq!(reads_of(&app, &report), 1, "no read for a dead session");
    for list in ["/reports", "/needs", "/"] {
        let res = app.browser_get(&mut reader, list).await;
        assert_eq!(res.status, 303, "{list}");
        assert!(!res.body.contains("Kenya"), "{list}");
    }
}

#[actix_web::test]
async fn an_api_call_refused_at_the_session_check_changes_and_audits_nothing() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, _) = published_report(&app, &c.coordinator).await;
    let path = format!("/api/v1/reports/{report}");
    let before = report_count(&app);

    // A coordinator must have two-factor: without it, no create and no audited read.
    turn_two_factor_off(&app, "coord@cted.example.org");
    let create = app
        .post_json_bearer("/api/v1/reports", &c.coordinator, &kenya_report())
        .await;
    assert_eq!(create.status, 403, "{}", create.body);
    assert_eq!(create.error_code(), "totp_setup_required");
    let read = app.get_bearer(&path, &c.coordinator).await;
    assert_eq!(read.status, 403, "{}", read.body);
    assert_eq!(report_count(&app), before);
    assert_eq!(reads_of(&app, &report), 0);

    // A signed-out token: 401, and nothing read or written either.
    let out = app
        .post_json_bearer("/api/v1/auth/logout", &c.fra, &json!({}))
        .await;
    assert_eq!(out.status, 204);
    let read = app.get_bearer(&path, &c.fra).await;
    assert_eq!(read.status, 401, "{}", read.body);
    assert_eq!(read.error_code(), "unauthenticated");
    let list = app.get_bearer("/api/v1/reports", &c.fra).await;
    assert_eq!(list.status, 401);
    assert!(!list.body.contains(&report));
    let create = app
        .post_json_bearer("/api/v1/reports", &c.fra, &kenya_report())
        .await;
    assert_eq!(create.status, 401);
    assert_eq!(report_count(&app), before);
    assert_eq!(reads_of(&app, &report), 0);

    // The same calls from someone let in do run.
    assert_eq!(app.get_bearer(&path, &c.ken).await.status, 200);
    assert_eq!(reads_of(&app, &report), 1);
}
