use portal::domain::Role;
use portal::services::auth::{MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP};
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with, TestApp, PASSWORD};

async fn login_from(
    app: &TestApp,
    email: &str,
    password: &str,
    forwarded_for: Option<&str>,
) -> (u16, Option<String>) {
    let mut req = app.client.post(app.url("/api/v1/auth/login"));
    if let Some(ip) = forwarded_for {
        req = req.insert_header(("x-forwarded-for", ip));
    }
    let page = crate::helpers::into_page(
        req.send_json(&json!({"email": email, "password": password}))
            .await
            .unwrap(),
    )
    .await;
    (page.status, page.header("retry-after"))
}

#[actix_web::test]
async fn repeated_failures_on_one_account_get_429_with_retry_after() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    for _ in 0..MAX_FAILURES_PER_ACCOUNT {
        assert_eq!(
            login_from(&app, "ana@ken.example.org", "wrong password!!", None)
                .await
                .0,
            401
        );
    }
    // Even the right password is refused while the account is throttled.
    let (status, retry) = login_from(&app, "ANA@ken.example.org", PASSWORD, None).await;
    assert_eq!(status, 429);
    let secs: u64 = retry.expect("Retry-After").parse().unwrap();
    assert!(secs > 0 && secs <= 15 * 60, "{secs}");
    // Another account from the same address is not affected yet.
    app.create_user(
        "bo@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    assert_eq!(
        login_from(&app, "bo@ken.example.org", PASSWORD, None)
            .await
            .0,
        200
    );
}

#[actix_web::test]
async fn unknown_accounts_are_throttled_like_known_ones() {
    let app = spawn_app().await;
    for _ in 0..MAX_FAILURES_PER_ACCOUNT {
        assert_eq!(
            login_from(&app, "ghost@ken.example.org", "wrong password!!", None)
                .await
                .0,
            401
        );
    }
    assert_eq!(
        login_from(&app, "ghost@ken.example.org", "wrong password!!", None)
            .await
            .0,
        429
    );
}

#[actix_web::test]
async fn many_failures_from_one_address_get_429_and_x_forwarded_for_is_ignored() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    for i in 0..MAX_FAILURES_PER_IP {
        // A different account each time, and a spoofed X-Forwarded-For: neither helps.
        let (status, _) = login_from(
            &app,
            &format!("user{i}@example.org"),
            "wrong password!!",
            Some(&format!("10.0.0.{i}")),
        )
        .await;
        assert_eq!(status, 401);
    }
    let (status, retry) = login_from(&app, "ana@ken.example.org", PASSWORD, Some("10.9.9.9")).await;
    assert_eq!(status, 429);
    assert!(retry.is_some());
}

#[actix_web::test]
async fn behind_a_trusted_proxy_the_forwarded_address_counts() {
    let app = spawn_app_with(|s| s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    for i in 0..MAX_FAILURES_PER_IP {
        let (status, _) = login_from(
            &app,
            &format!("user{i}@example.org"),
            "wrong password!!",
            Some("203.0.113.7"),
        )
        .await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        login_from(&app, "ana@ken.example.org", PASSWORD, Some("203.0.113.7"))
            .await
            .0,
        429
    );
    // Another client behind the same proxy is not locked out.
    assert_eq!(
        login_from(&app, "ana@ken.example.org", PASSWORD, Some("198.51.100.4"))
            .await
            .0,
        200
    );
}

#[actix_web::test]
async fn twenty_concurrent_sign_ins_all_complete() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let attempts = (0..20).map(|_| app.login_api("ana@ken.example.org", PASSWORD));
    let health = app.get("/healthz");
    let (results, health) =
        futures_util::future::join(futures_util::future::join_all(attempts), health).await;
    assert!(results.iter().all(|p| p.status == 200));
    assert_eq!(health.status, 200);
}
