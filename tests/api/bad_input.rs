//! Bad requests get a clear 4xx in the JSON error shape, never a 500, and change nothing.

use serde_json::json;

use crate::helpers::{spawn_app, PASSWORD};
use crate::people::{ana_signed_in, app_with_ana, ANA};

#[actix_web::test]
async fn malformed_and_unexpected_json_is_a_clear_400() {
    let app = spawn_app().await;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("application/json", b"{not json".to_vec()),
        ("application/json", b"".to_vec()),
        (
            "application/json",
            br#"{"email":"a@b.org","password":"x","admin":true}"#.to_vec(),
        ),
        (
            "application/json",
            br#"{"email":1,"password":"x"}"#.to_vec(),
        ),
        ("application/json", br#"{"email":"a@b.org"}"#.to_vec()),
        (
            "application/json",
            br#"{"email":"a@b.org","password":null}"#.to_vec(),
        ),
    ];
    for (ct, body) in cases {
        let page = app.post_raw("/api/v1/auth/login", ct, body.clone()).await;
        assert_eq!(
            page.status,
            400,
            "{:?} -> {}",
            String::from_utf8_lossy(&body),
            page.body
        );
        let json = page.json();
        assert_eq!(json["error"]["code"], "invalid_json");
        assert!(!json["error"]["message"].as_str().unwrap().is_empty());
    }
    let wrong_type = app
        .post_raw(
            "/api/v1/auth/login",
            "text/plain",
            br#"{"email":"a@b.org","password":"x"}"#.to_vec(),
        )
        .await;
    assert_eq!(wrong_type.status, 400);
    assert_eq!(wrong_type.json()["error"]["code"], "unsupported_media_type");
}

#[actix_web::test]
async fn an_oversized_body_is_refused_with_413() {
    let app = spawn_app().await;
    let big = format!(
        r#"{{"email":"a@b.org","password":"{}"}}"#,
        "x".repeat(2 * 1024 * 1024)
    );
    let page = app
        .post_raw("/api/v1/auth/login", "application/json", big.into_bytes())
        .await;
    assert_eq!(page.status, 413);
    assert_eq!(page.json()["error"]["code"], "payload_too_large");
}

#[actix_web::test]
async fn injection_strings_are_just_wrong_credentials() {
    let app = app_with_ana().await;
    for email in [
        "' OR '1'='1",
        "ana@ken.example.org' --",
        "ana@ken.example.org\"; DROP TABLE users; --",
        "%' OR 1=1 --",
        "<script>alert(1)</script>@x.org",
        "ana@ken.example.org\u{0000}",
    ] {
        let page = app.login_api(email, PASSWORD).await;
        assert!(
            page.status == 401 || page.status == 429,
            "{email}: {} {}",
            page.status,
            page.body
        );
        assert!(!page.body.contains("SQL") && !page.body.contains("diesel"));
    }
    // The table is still there and the account still works.
    assert_eq!(app.login_api(ANA, PASSWORD).await.status, 200);
}

#[actix_web::test]
async fn unknown_api_paths_and_methods_answer_in_json() {
    let app = spawn_app().await;
    let page = app.get("/api/v1/does-not-exist").await;
    assert_eq!(page.status, 404);
    assert_eq!(page.json()["error"]["code"], "not_found");
    let page = app.get("/api/v1/auth/login").await;
    assert!(page.status == 404 || page.status == 405, "{}", page.status);
    assert!(page.json()["error"]["code"].is_string());
    let page = app.get("/api/v1/me").await;
    assert_eq!(page.status, 401);
    assert_eq!(page.json()["error"]["code"], "unauthenticated");
}

#[actix_web::test]
async fn accept_invitation_rejects_unknown_fields_and_bad_tokens() {
    let app = spawn_app().await;
    let page = app
        .post_json(
            "/api/v1/auth/accept-invitation",
            &json!({"token": "x", "password": PASSWORD, "role": "admin"}),
        )
        .await;
    assert_eq!(page.status, 400);
    let page = app
        .post_json(
            "/api/v1/auth/accept-invitation",
            &json!({"token": "nope", "password": PASSWORD}),
        )
        .await;
    assert_eq!(page.status, 400);
    assert_eq!(page.json()["error"]["code"], "invalid_token");
}

/// No resource is named with a NUL byte: an id holding one is missing on every route, read or
/// write, JSON or page, and never reaches a query (PostgreSQL refuses NUL in text).
#[actix_web::test]
async fn a_nul_byte_in_a_path_names_nothing_on_any_route() {
    let (app, mut browser) = ana_signed_in().await;
    let token = app.token(ANA, PASSWORD).await;
    for area in [
        "reports",
        "needs",
        "documents",
        "projects",
        "matches",
        "consultations",
        "plans",
        "activities",
        "working-groups",
        "threads",
    ] {
        for bad in ["a%00b", "%00", "x%00"] {
            let path = format!("/api/v1/{area}/{bad}");
            let read = app.get_bearer(&path, &token).await;
            assert_eq!(read.status, 404, "{path}: {}", read.body);
            let write = app
                .patch_bearer(&path, &token, &json!({"title": "x"}))
                .await;
            assert_eq!(write.status, 404, "{path}: {}", write.body);
        }
    }
    for path in [
        "/reports/a%00b",
        "/needs/a%00b",
        "/documents/a%00b",
        "/documents/a%00b/download",
        "/consultations/a%00b",
        "/plans/a%00b",
        "/groups/a%00b",
        "/messages/a%00b",
        "/projects/a%00b",
        "/projects/a%00b/edit",
        "/activities/a%00b",
        "/activities/a%00b/edit",
    ] {
        let page = app.browser_get(&mut browser, path).await;
        assert_eq!(page.status, 404, "{path}: {}", page.body);
    }
}
