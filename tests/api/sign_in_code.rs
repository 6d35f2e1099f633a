//! The pages' sign-in in two steps: the password, then the two-factor code on its own page, so
//! a forgotten or mistyped code never costs what was typed. The step between holds a signed
//! challenge, never the password.

use diesel::prelude::*;
use portal::db::schema::users;
use portal::domain::Role;

use crate::helpers::{spawn_app, Browser, Page, TestApp, PASSWORD};

const COORD: &str = "cora@unoct.example.org";

/// A new browser that typed the coordinator's address and password: the code's page.
async fn at_the_code_step(app: &TestApp) -> (Browser, Page) {
    let mut browser = Browser::default();
    let login = app.browser_get(&mut browser, "/login").await;
    assert!(
        !login.body.contains("name=\"totp\""),
        "the code comes second"
    );
    let fields = [("email", COORD), ("password", PASSWORD)];
    let step = app
        .browser_submit(&mut browser, &login, "/login", &fields)
        .await;
    (browser, step)
}

#[actix_web::test]
async fn the_code_is_asked_on_its_own_page_and_a_wrong_one_keeps_the_step() {
    let app = spawn_app().await;
    app.create_user(COORD, "UNOCT", Role::Coordinator, Some(PASSWORD));
    let (mut browser, step) = at_the_code_step(&app).await;
    assert_eq!(step.status, 200, "{}", step.body);
    assert!(
        browser.session_cookie.is_none(),
        "no session before the code"
    );
    assert!(step.body.contains("action=\"/login/code\""));
    assert!(step.body.contains("id=\"totp\""));
    assert!(!step.body.contains("type=\"password\""));
    assert!(
        !step.body.contains(PASSWORD),
        "the password is never sent back"
    );
    let challenge = step.hidden_field("challenge").expect("challenge");

    // A wrong code: the same step again, with the error, still without a session.
    let fields = [("challenge", challenge.as_str()), ("totp", "000000")];
    let wrong = app
        .browser_submit(&mut browser, &step, "/login/code", &fields)
        .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("role=\"alert\""));
    assert!(wrong.body.contains("action=\"/login/code\""));
    assert_eq!(
        wrong.hidden_field("challenge").as_deref(),
        Some(challenge.as_str())
    );
    assert!(browser.session_cookie.is_none());

    // A blank code asks again.
    let fields = [("challenge", challenge.as_str()), ("totp", "")];
    let blank = app
        .browser_submit(&mut browser, &wrong, "/login/code", &fields)
        .await;
    assert_eq!(blank.status, 401);
    assert!(blank.body.contains("action=\"/login/code\""));

    // The right code signs in and goes where the person was going.
    let code = app.current_code(COORD).unwrap();
    let fields = [("challenge", challenge.as_str()), ("totp", code.as_str())];
    let done = app
        .browser_submit(&mut browser, &blank, "/login/code", &fields)
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(browser.session_cookie.is_some());
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);
}

#[actix_web::test]
async fn the_code_step_opened_directly_starts_the_sign_in_again() {
    let app = spawn_app().await;
    let page = app.get("/login/code").await;
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location").as_deref(), Some("/login"));
}

#[actix_web::test]
async fn a_forged_or_stale_challenge_opens_nothing() {
    let app = spawn_app().await;
    let id = app.create_user(COORD, "UNOCT", Role::Coordinator, Some(PASSWORD));
    let (mut browser, step) = at_the_code_step(&app).await;
    let challenge = step.hidden_field("challenge").unwrap();
    let code = app.current_code(COORD).unwrap();

    // Changed by one character, or a session's token in its place: back to the first step.
    let mut forged = challenge.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    for challenge in [forged.as_str(), "", "not.a.token"] {
        let fields = [("challenge", challenge), ("totp", code.as_str())];
        let res = app
            .browser_submit(&mut browser, &step, "/login/code", &fields)
            .await;
        assert_eq!(res.status, 401, "{challenge}");
        assert!(res.body.contains("type=\"password\""), "{challenge}");
        assert!(browser.session_cookie.is_none());
    }

    // The password changed since: the challenge no longer stands for it.
    let mut conn = app.conn();
    diesel::update(users::table.find(&id))
        .set(users::password_hash.eq(Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA")))
        .execute(&mut conn)
        .unwrap();
    let fields = [("challenge", challenge.as_str()), ("totp", code.as_str())];
    let res = app
        .browser_submit(&mut browser, &step, "/login/code", &fields)
        .await;
    assert_eq!(res.status, 401);
    assert!(res.body.contains("type=\"password\""));
    assert!(browser.session_cookie.is_none());
}

#[actix_web::test]
async fn codes_tried_at_the_second_step_are_throttled_like_any_other() {
    let app = spawn_app().await;
    app.create_user(COORD, "UNOCT", Role::Coordinator, Some(PASSWORD));
    let (mut browser, step) = at_the_code_step(&app).await;
    let challenge = step.hidden_field("challenge").unwrap();
    let fields = [("challenge", challenge.as_str()), ("totp", "000000")];
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let res = app
            .browser_submit(&mut browser, &step, "/login/code", &fields)
            .await;
        statuses.push(res.status);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    // The right code no longer helps until the lock lifts.
    let code = app.current_code(COORD).unwrap();
    let fields = [("challenge", challenge.as_str()), ("totp", code.as_str())];
    let res = app
        .browser_submit(&mut browser, &step, "/login/code", &fields)
        .await;
    assert_eq!(res.status, 429);
    assert!(browser.session_cookie.is_none());
}
