//! The signed-in user's sessions and password (`/api/v1/account/*`, `/account`).

use portal::domain::Role;
use serde_json::json;

use crate::credentials::{change_password, change_password_form};
use crate::helpers::{Browser, PASSWORD};
use crate::people::{app_with_ana, ANA, BO};

#[actix_web::test]
async fn users_see_and_end_their_own_sessions_only() {
    let app = app_with_ana().await;
    app.add_user(BO, "KEN", Role::FocalPoint);
    let laptop = app.token(ANA, PASSWORD).await;
    let phone = app.token(ANA, PASSWORD).await;
    let other = app.token(BO, PASSWORD).await;
    let items = app
        .get_bearer("/api/v1/account/sessions", &laptop)
        .await
        .items();
    assert_eq!(items.len(), 2);
    assert_eq!(items.iter().filter(|s| s["current"] == true).count(), 1);
    let phone_id = items.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let session = format!("/api/v1/account/sessions/{phone_id}");

    // Bo cannot end Ana's session; it looks like it does not exist.
    assert_eq!(app.delete_bearer(&session, &other).await.status, 404);
    assert_eq!(app.get_bearer("/api/v1/me", &phone).await.status, 200);
    assert_eq!(app.delete_bearer(&session, &laptop).await.status, 204);
    app.assert_get_statuses([("/api/v1/me", &phone, 401), ("/api/v1/me", &laptop, 200)])
        .await;
    assert_eq!(app.delete_bearer(&session, &laptop).await.status, 404);
}

#[actix_web::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    const NEW: &str = "a new long passphrase";
    let app = app_with_ana().await;
    let here = app.token(ANA, PASSWORD).await;
    let elsewhere = app.token(ANA, PASSWORD).await;
    for (current, new, code) in [
        ("not it at all", NEW, "wrong_password"),
        (PASSWORD, "short", "weak_password"),
    ] {
        let res = change_password(&app, &here, current, new).await;
        assert_eq!(res.status, 400);
        assert_eq!(res.error_code(), code);
    }
    let extra = json!({"current_password": PASSWORD, "new_password": NEW, "user_id": "x"});
    let extra = app
        .post_json_bearer("/api/v1/account/password", &here, &extra)
        .await;
    assert_eq!(extra.status, 400);
    let still = app.get_bearer("/api/v1/me", &elsewhere).await;
    assert_eq!(still.status, 200, "nothing changed yet");

    let ok = change_password(&app, &here, PASSWORD, NEW).await;
    assert_eq!(ok.status, 204, "{}", ok.body);
    app.assert_get_statuses([("/api/v1/me", &elsewhere, 401), ("/api/v1/me", &here, 200)])
        .await;
    assert_eq!(app.login_api(ANA, PASSWORD).await.status, 401);
    assert_eq!(app.login_api(ANA, NEW).await.status, 200);
}

#[actix_web::test]
async fn the_account_page_lists_sessions_and_changes_the_password() {
    const NEW: &str = "a new long passphrase";
    let app = app_with_ana().await;
    let other = app.token(ANA, PASSWORD).await;
    let mut browser = app.browser_login(ANA, PASSWORD).await;
    let page = app.browser_get(&mut browser, "/account").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("this session"));
    assert!(
        page.body.contains("href=\"/calendar/feed\""),
        "the account page leads to the calendar feed"
    );
    let ends = page.body.matches("/account/sessions/").count();
    assert_eq!(ends, 1, "one other session can be ended");
    let differs = "different passphrase";
    let mismatch = change_password_form(&app, &mut browser, PASSWORD, NEW, differs).await;
    assert_eq!(mismatch.status, 400);
    let res = change_password_form(&app, &mut browser, PASSWORD, NEW, NEW).await;
    assert_eq!(res.status, 303);
    assert_eq!(app.get_bearer("/api/v1/me", &other).await.status, 401);
    let page = app
        .browser_get(&mut browser, "/account?done=password")
        .await;
    assert_eq!(page.status, 200, "the browser's own session lives on");
    let mut signed_out = Browser::default();
    let form = [("current_password", "x")];
    let res = app
        .browser_post(&mut signed_out, "/account/password", &form)
        .await;
    assert_eq!(res.status, 303, "signed out: sent to sign in");
}
