//! One-time set-password links (printed by `portal user create`).

use portal::domain::Role;
use portal::services::admin::account_creation;

use crate::credentials::{accept_link, set_password_form};
use crate::helpers::{spawn_app, Browser, TestApp, PASSWORD};
use crate::people::ANA;

const NEW: &str = "new@ken.example.org";

/// An app with an account that has no password yet, and a link's token for it.
async fn account_without_password() -> (TestApp, String) {
    let app = spawn_app().await;
    let id = app.create_user(NEW, "KEN", Role::FocalPoint, None);
    let token = account_creation::issue_set_password_token(&mut app.conn(), &id).unwrap();
    (app, token)
}

#[actix_web::test]
async fn a_link_sets_the_password_once() {
    let (app, token) = account_without_password().await;

    let weak = accept_link(&app, &token, "short").await;
    assert_eq!(weak.status, 400);
    assert_eq!(weak.error_code(), "weak_password");

    let ok = accept_link(&app, &token, PASSWORD).await;
    assert_eq!(ok.status, 204, "{}", ok.body);
    assert_eq!(app.login_api(NEW, PASSWORD).await.status, 200);

    let reuse = accept_link(&app, &token, "another good password").await;
    assert_eq!(reuse.status, 400);
    assert_eq!(reuse.error_code(), "invalid_token");
    let other = app.login_api(NEW, "another good password").await;
    assert_eq!(other.status, 401);
}

#[actix_web::test]
async fn a_newer_link_retires_the_older_one_and_expired_links_fail() {
    use diesel::prelude::*;
    use portal::db::schema::account_tokens;
    let (app, first) = account_without_password().await;
    let id = app.user_id(NEW);
    let second = account_creation::issue_set_password_token(&mut app.conn(), &id).unwrap();
    assert_eq!(accept_link(&app, &first, PASSWORD).await.status, 400);
    let past = (chrono::Utc::now() - chrono::Duration::minutes(1)).naive_utc();
    diesel::update(account_tokens::table)
        .set(account_tokens::expires_at.eq(past))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(accept_link(&app, &second, PASSWORD).await.status, 400);
    assert_eq!(app.login_api(NEW, PASSWORD).await.status, 401);
}

#[actix_web::test]
async fn the_set_password_page_works_without_javascript() {
    let (app, token) = account_without_password().await;
    let mut browser = Browser::default();
    let bad = app
        .browser_get(&mut browser, "/set-password?token=nope")
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("invalid"));
    let link = format!("/set-password?token={token}");
    assert_eq!(app.browser_get(&mut browser, &link).await.status, 200);
    let differs = "something else entirely";
    let mismatch = set_password_form(&app, &mut browser, &token, PASSWORD, differs).await;
    assert_eq!(mismatch.status, 400);
    assert!(mismatch.body.contains("The two passwords differ."));
    let done = set_password_form(&app, &mut browser, &token, PASSWORD, PASSWORD).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.header("location").as_deref(), Some("/login?done=1"));
    let login = app.browser_get(&mut browser, "/login?done=1").await;
    assert!(login.body.contains("Your password is set."));
    app.browser_login(NEW, PASSWORD).await;
}

#[actix_web::test]
async fn setting_a_password_ends_existing_sessions() {
    let app = spawn_app().await;
    let id = app.add_user(ANA, "KEN", Role::FocalPoint);
    let old = app.token(ANA, PASSWORD).await;
    let token = account_creation::issue_set_password_token(&mut app.conn(), &id).unwrap();
    let page = accept_link(&app, &token, "a brand new passphrase").await;
    assert_eq!(page.status, 204);
    assert_eq!(app.get_bearer("/api/v1/me", &old).await.status, 401);
}
