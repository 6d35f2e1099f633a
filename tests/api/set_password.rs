//! One-time set-password links (printed by `portal user create`).

use portal::domain::Role;
use portal::services::admin::account_creation;
use serde_json::json;

use crate::helpers::{spawn_app, Browser, PASSWORD};

#[actix_web::test]
async fn a_link_sets_the_password_once() {
    let app = spawn_app().await;
    let id = app.create_user("new@ken.example.org", "KEN", Role::FocalPoint, None);
    let token = account_creation::issue_set_password_token(&mut app.conn(), &id).unwrap();

    let weak = app
        .post_json(
            "/api/v1/auth/accept-invitation",
            &json!({"token": token, "password": "short"}),
        )
        .await;
    assert_eq!(weak.status, 400);
    assert_eq!(weak.json()["error"]["code"], "weak_password");

    let ok = app
        .post_json(
            "/api/v1/auth/accept-invitation",
            &json!({"token": token, "password": PASSWORD}),
        )
        .await;
    assert_eq!(ok.status, 204, "{}", ok.body);
    assert_eq!(
        app.login_api("new@ken.example.org", PASSWORD).await.status,
        200
    );

    let reuse = app
        .post_json(
            "/api/v1/auth/accept-invitation",
            &json!({"token": token, "password": "another good password"}),
        )
        .await;
    assert_eq!(reuse.status, 400);
    assert_eq!(reuse.json()["error"]["code"], "invalid_token");
    assert_eq!(
        app.login_api("new@ken.example.org", "another good password")
            .await
            .status,
        401
    );
}

#[actix_web::test]
async fn a_newer_link_retires_the_older_one_and_expired_links_fail() {
    use diesel::prelude::*;
    use portal::db::schema::account_tokens;
    let app = spawn_app().await;
    let id = app.create_user("new@ken.example.org", "KEN", Role::FocalPoint, None);
    let first = account_creation::issue_set_password_token(&mut app.conn(), &id).unwrap();
    let second = account_creation::issue_set_password_token(&mut app.conn(), &id).unwrap();
    let page = app
        .post_json(
            "/api/v1/auth/accept-invitation",
            &json!({"token": first, "password": PASSWORD}),
        )
        .await;
    assert_eq!(page.status, 400);
    let past = (chrono::Utc::now() - chrono::Duration::minutes(1)).naive_utc();
    diesel::update(account_tokens::table)
        .set(account_tokens::expires_at.eq(past))
        .execute(&mut app.conn())
        .unwrap();
    let page = app
        .post_json(
            "/api/v1/auth/accept-invitation",
            &json!({"token": second, "password": PASSWORD}),
        )
        .await;
    assert_eq!(page.status, 400);
    assert_eq!(
        app.login_api("new@ken.example.org", PASSWORD).await.status,
        401
    );
}

#[actix_web::test]
async fn the_set_password_page_works_without_javascript() {
    let app = spawn_app().await;
    let id = app.create_user("new@ken.example.org", "KEN", Role::FocalPoint, None);
    let token = account_creation::issue_set_password_token(&mut app.conn(), &id).unwrap();
    let mut browser = Browser::default();
    let bad = app
        .browser_get(&mut browser, "/set-password?token=nope")
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("invalid"));
    let page = app
        .browser_get(&mut browser, &format!("/set-password?token={token}"))
        .await;
    assert_eq!(page.status, 200);
    let csrf = page.csrf_field();
    let mismatch = app
        .browser_post(
            &mut browser,
            "/set-password",
            &[
                ("csrf_token", &csrf),
                ("token", &token),
                ("password", PASSWORD),
                ("password_confirm", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, 400);
    assert!(mismatch.body.contains("The two passwords differ."));
    let done = app
        .browser_post(
            &mut browser,
            "/set-password",
            &[
                ("csrf_token", &csrf),
                ("token", &token),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(done.header("location").as_deref(), Some("/login?done=1"));
    let login = app.browser_get(&mut browser, "/login?done=1").await;
    assert!(login.body.contains("Your password is set."));
    app.browser_login("new@ken.example.org", PASSWORD).await;
}

#[actix_web::test]
async fn setting_a_password_ends_existing_sessions() {
    let app = spawn_app().await;
    let id = app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let old = app.token("ana@ken.example.org", PASSWORD).await;
    let token = account_creation::issue_set_password_token(&mut app.conn(), &id).unwrap();
    let page = app
        .post_json(
            "/api/v1/auth/accept-invitation",
            &json!({"token": token, "password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(page.status, 204);
    assert_eq!(app.get_bearer("/api/v1/me", &old).await.status, 401);
}
