use diesel::prelude::*;
use portal::db::schema::{organisations, users};
use portal::domain::Role;
use portal::services::admin::account_creation;
use serde_json::json;

use crate::helpers::{new_account, spawn_app, PASSWORD};
use crate::people::{app_with_ana, ANA};

#[actix_web::test]
async fn sign_in_returns_a_token_that_me_accepts() {
    let app = app_with_ana().await;
    let page = app.login_api(ANA, PASSWORD).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = page.json();
    let token = body["token"].as_str().unwrap();
    assert!(body["expires_at"].as_str().unwrap().contains('T'));
    let me = app.get_bearer("/api/v1/me", token).await;
    assert_eq!(me.status, 200);
    let me = me.json();
    assert_eq!(me["email"], ANA);
    assert_eq!(me["role"], "focal_point");
    assert_eq!(me["organisation_code"], "KEN");
    assert_eq!(me["organisation_kind"], "member_state");
    assert!(me.get("password_hash").is_none());
}

#[actix_web::test]
async fn email_matches_case_insensitively_and_is_unique() {
    let app = spawn_app().await;
    app.add_user("Ana.Diaz@UNODC.example.org", "UNODC", Role::FocalPoint);
    assert_eq!(
        app.login_api("ana.diaz@unodc.example.org", PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(
        app.login_api("  ANA.DIAZ@unodc.EXAMPLE.org ", PASSWORD)
            .await
            .status,
        200
    );
    let again = new_account(
        "ana.diaz@unodc.example.org",
        "Dup",
        "UNODC",
        Role::Observer,
        None,
    );
    let dup = account_creation::create_user(&mut app.conn(), again);
    assert!(dup.is_err());
}

#[actix_web::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = app_with_ana().await;
    let wrong = app.login_api(ANA, "not the right password").await;
    let unknown = app
        .login_api("nobody@ken.example.org", "not the right password")
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(wrong.json()["error"]["code"], "invalid_credentials");
}

#[actix_web::test]
async fn an_account_without_password_cannot_sign_in() {
    let app = spawn_app().await;
    app.create_user("new@ken.example.org", "KEN", Role::FocalPoint, None);
    let page = app.login_api("new@ken.example.org", "").await;
    assert_eq!(page.status, 401);
}

#[actix_web::test]
async fn logout_revokes_the_token_server_side() {
    let app = app_with_ana().await;
    let token = app.token(ANA, PASSWORD).await;
    let other = app.token(ANA, PASSWORD).await;
    let out = app
        .post_json_bearer("/api/v1/auth/logout", &token, &json!({}))
        .await;
    assert_eq!(out.status, 204);
    let me = app.get_bearer("/api/v1/me", &token).await;
    assert_eq!(me.status, 401);
    assert_eq!(me.json()["error"]["code"], "unauthenticated");
    // Another session of the same user lives on.
    assert_eq!(app.get_bearer("/api/v1/me", &other).await.status, 200);
    // Logging out twice with the dead token is refused.
    assert_eq!(
        app.post_json_bearer("/api/v1/auth/logout", &token, &json!({}))
            .await
            .status,
        401
    );
}

#[actix_web::test]
async fn deactivating_a_user_or_their_organisation_ends_their_tokens_at_once() {
    let app = spawn_app().await;
    let id = app.add_user(ANA, "KEN", Role::FocalPoint);
    app.add_user("bo@unodc.example.org", "UNODC", Role::FocalPoint);
    let token = app.token(ANA, PASSWORD).await;
    let token_b = app.token("bo@unodc.example.org", PASSWORD).await;
    diesel::update(users::table.find(&id))
        .set(users::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 401);
    assert_eq!(app.login_api(ANA, PASSWORD).await.status, 401);

    diesel::update(organisations::table.filter(organisations::code.eq("UNODC")))
        .set(organisations::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(app.get_bearer("/api/v1/me", &token_b).await.status, 401);
}

#[actix_web::test]
async fn the_api_ignores_the_session_cookie() {
    let app = app_with_ana().await;
    let browser = app.browser_login(ANA, PASSWORD).await;
    let res = app
        .client
        .get(app.url("/api/v1/me"))
        .insert_header(("cookie", browser.cookie_header()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
}

#[actix_web::test]
async fn reference_organisations_are_loaded_once() {
    let app = spawn_app().await;
    let count = || portal::repo::organisations::count(&mut app.conn()).unwrap();
    let before = count();
    assert_eq!(before, 193 + 41);
    let added = portal::services::reference::load_reference_organisations(&mut app.conn()).unwrap();
    assert_eq!(added, 0);
    assert_eq!(count(), before);
}

#[actix_web::test]
async fn health_and_readiness() {
    let app = spawn_app().await;
    let h = app.get("/healthz").await;
    assert_eq!(h.status, 200);
    assert_eq!(h.json()["status"], "ok");
    let r = app.get("/readyz").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "ready");
}

#[actix_web::test]
async fn openapi_documents_the_endpoints() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json").await;
    assert_eq!(doc.status, 200);
    let doc = doc.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/auth/accept-invitation",
        "/api/v1/auth/password-reset",
        "/api/v1/auth/password-reset/confirm",
        "/api/v1/account/password",
        "/api/v1/account/totp",
        "/api/v1/account/totp/confirm",
        "/api/v1/account/sessions",
        "/api/v1/account/sessions/{id}",
        "/api/v1/users/{id}/totp",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}
