//! The signed-in user's sessions and password (`/api/v1/account/*`, `/account`).

use portal::domain::Role;
use serde_json::json;

use crate::helpers::{into_page, spawn_app, TestApp, PASSWORD};

async fn delete(app: &TestApp, path: &str, token: &str) -> u16 {
    let res = app
        .client
        .delete(app.url(path))
        .insert_header(("authorization", format!("Bearer {token}")))
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

#[actix_web::test]
async fn users_see_and_end_their_own_sessions_only() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    app.create_user(
        "bo@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let laptop = app.token("ana@ken.example.org", PASSWORD).await;
    let phone = app.token("ana@ken.example.org", PASSWORD).await;
    let other = app.token("bo@ken.example.org", PASSWORD).await;
    let list = app
        .get_bearer("/api/v1/account/sessions", &laptop)
        .await
        .json();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items.iter().filter(|s| s["current"] == true).count(), 1);
    let phone_id = items.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Bo cannot end Ana's session; it looks like it does not exist.
    assert_eq!(
        delete(
            &app,
            &format!("/api/v1/account/sessions/{phone_id}"),
            &other
        )
        .await,
        404
    );
    assert_eq!(app.get_bearer("/api/v1/me", &phone).await.status, 200);
    assert_eq!(
        delete(
            &app,
            &format!("/api/v1/account/sessions/{phone_id}"),
            &laptop
        )
        .await,
        204
    );
    assert_eq!(app.get_bearer("/api/v1/me", &phone).await.status, 401);
    assert_eq!(app.get_bearer("/api/v1/me", &laptop).await.status, 200);
    assert_eq!(
        delete(
            &app,
            &format!("/api/v1/account/sessions/{phone_id}"),
            &laptop
        )
        .await,
        404
    );
}

#[actix_web::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let here = app.token("ana@ken.example.org", PASSWORD).await;
    let elsewhere = app.token("ana@ken.example.org", PASSWORD).await;
    let wrong = app
        .post_json_bearer(
            "/api/v1/account/password",
            &here,
            &json!({"current_password": "not it at all", "new_password": "a new long passphrase"}),
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.json()["error"]["code"], "wrong_password");
    let weak = app
        .post_json_bearer(
            "/api/v1/account/password",
            &here,
            &json!({"current_password": PASSWORD, "new_password": "short"}),
        )
        .await;
    assert_eq!(weak.status, 400);
    assert_eq!(weak.json()["error"]["code"], "weak_password");
    let extra = app
        .post_json_bearer("/api/v1/account/password", &here, &json!({"current_password": PASSWORD, "new_password": "a new long passphrase", "user_id": "x"}))
        .await;
    assert_eq!(extra.status, 400);
    assert_eq!(
        app.get_bearer("/api/v1/me", &elsewhere).await.status,
        200,
        "nothing changed yet"
    );

    let ok = app
        .post_json_bearer(
            "/api/v1/account/password",
            &here,
            &json!({"current_password": PASSWORD, "new_password": "a new long passphrase"}),
        )
        .await;
    assert_eq!(ok.status, 204, "{}", ok.body);
    assert_eq!(app.get_bearer("/api/v1/me", &elsewhere).await.status, 401);
    assert_eq!(app.get_bearer("/api/v1/me", &here).await.status, 200);
    assert_eq!(
        app.login_api("ana@ken.example.org", PASSWORD).await.status,
        401
    );
    assert_eq!(
        app.login_api("ana@ken.example.org", "a new long passphrase")
            .await
            .status,
        200
    );
}

#[actix_web::test]
async fn the_account_page_lists_sessions_and_changes_the_password() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let other = app.token("ana@ken.example.org", PASSWORD).await;
    let mut browser = app.browser_login("ana@ken.example.org", PASSWORD).await;
    let page = app.browser_get(&mut browser, "/account").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("this session"));
    assert_eq!(
        page.body.matches("/account/sessions/").count(),
        1,
        "one other session can be ended"
    );
    let csrf = page.csrf_field();
    let mismatch = app
        .browser_post(
            &mut browser,
            "/account/password",
            &[
                ("csrf_token", &csrf),
                ("current_password", PASSWORD),
                ("new_password", "a new long passphrase"),
                ("new_password_confirm", "different passphrase"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, 400);
    let res = app
        .browser_post(
            &mut browser,
            "/account/password",
            &[
                ("csrf_token", &csrf),
                ("current_password", PASSWORD),
                ("new_password", "a new long passphrase"),
                ("new_password_confirm", "a new long passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(app.get_bearer("/api/v1/me", &other).await.status, 401);
    let page = app
        .browser_get(&mut browser, "/account?done=password")
        .await;
    assert_eq!(page.status, 200, "the browser's own session lives on");
    let res = into_page(
        app.client
            .post(app.url("/account/password"))
            .send_form(&[("current_password", "x")])
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(res.status, 303, "signed out: sent to sign in");
}
