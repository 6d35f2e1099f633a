//! What an operator watches: `/metrics` (only for the configured addresses or token; route
//! templates, never paths) and `/readyz` while migrations are pending.

use diesel::connection::SimpleConnection;
use portal::domain::Role;

use crate::helpers::{spawn_app, spawn_app_with, PASSWORD};

#[actix_web::test]
async fn metrics_are_hidden_unless_the_address_or_token_is_configured() {
    let app = spawn_app().await;
    assert_eq!(app.get("/metrics").await.status, 404);

    let token = "metrics-token-0123456789-abcdefghij";
    let app = spawn_app_with(|s| s.metrics_token = Some(token.to_string().into())).await;
    assert_eq!(
        app.get("/metrics").await.status,
        404,
        "from 127.0.0.1 without the token"
    );
    for wrong in ["wrong", "", &token[1..]] {
        let page = app.get_bearer("/metrics", wrong).await;
        assert_eq!(page.status, 404, "{wrong}");
    }
    let page = app.get_bearer("/metrics", token).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("portal_http_requests_total"),
        "{}",
        page.body
    );
}

#[actix_web::test]
async fn metrics_count_requests_by_route_template_and_sign_in_refusals() {
    let app = spawn_app_with(|s| s.metrics_allow = vec!["127.0.0.1".parse().unwrap()]).await;
    app.add_user("fp@ken.example.org", "KEN", Role::FocalPoint);
    let token = app.token("fp@ken.example.org", PASSWORD).await;
    let secret_id = "9f1c2d3e-guessed-id";
    let page = app
        .get_bearer(&format!("/api/v1/reports/{secret_id}"), &token)
        .await;
    assert_eq!(page.status, 404);
    assert_eq!(
        app.login_api("fp@ken.example.org", "wrong password!")
            .await
            .status,
        401
    );

    let page = app.get("/metrics").await;
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let body = page.body;
    for expected in [
        r#"portal_http_requests_total{method="GET",route="/api/v1/reports/{id}",status="404"}"#,
        r#"portal_http_request_duration_seconds_bucket{method="GET",route="/api/v1/reports/{id}""#,
        r#"portal_sign_in_refusals_total{reason="failed"}"#,
        r#"portal_db_pool_connections{state="idle"}"#,
        r#"portal_db_pool_connections{state="in_use"}"#,
        "portal_db_pool_wait_seconds_count",
        r#"portal_outbox_mails{status="pending"}"#,
        r#"portal_outbox_mails{status="failed"}"#,
        r#"portal_password_hashes{state="in_flight"}"#,
        "portal_mail_delivery_failures_total",
    ] {
        assert!(body.contains(expected), "{expected} missing from\n{body}");
    }
    assert!(!body.contains(secret_id), "a path leaked into the metrics");
    assert!(!body.contains(&token));
}

#[actix_web::test]
async fn readyz_fails_while_migrations_are_pending() {
    let app = spawn_app().await;
    assert_eq!(app.get("/readyz").await.status, 200);
    let mut conn = app.conn();
    let latest = portal::services::backup::schema_version(&mut conn).unwrap();
    conn.batch_execute(&format!(
        "DELETE FROM __diesel_schema_migrations WHERE version = '{latest}'"
    ))
    .unwrap();
    assert_eq!(app.get("/readyz").await.status, 503);
    assert_eq!(app.get("/healthz").await.status, 200, "alive all the same");
    conn.batch_execute(&format!(
        "INSERT INTO __diesel_schema_migrations (version) VALUES ('{latest}')"
    ))
    .unwrap();
    assert_eq!(app.get("/readyz").await.status, 200);
}
