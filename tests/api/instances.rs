//! Two portals on one PostgreSQL database with the same secrets: a token from one works on
//! the other, a sign-out on one holds on both, throttling counts across both, and each queued
//! mail goes out once. PostgreSQL only (SQLite serves one instance): without
//! PORTAL_TEST_DATABASE_URL the test returns at once.

use std::time::{Duration, Instant};

use portal::domain::Role;
use portal::services::auth::MAX_FAILURES_PER_ACCOUNT_AND_IP;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with, PASSWORD};

#[actix_web::test]
async fn two_instances_on_one_postgresql_agree() {
    if std::env::var("PORTAL_TEST_DATABASE_URL").map_or(true, |u| u.trim().is_empty()) {
        return;
    }
    let first = spawn_app().await;
    let (url, secret, keys) = (
        first.settings.database_url.clone(),
        first.settings.jwt_secret.clone(),
        first.settings.totp_keys.clone(),
    );
    let second = spawn_app_with(move |s| {
        s.database_url = url;
        s.jwt_secret = secret;
        s.totp_keys = keys;
    })
    .await;

    // A token from one works on the other; signed out on the second, refused on the first.
    first.add_user("ana@unodc.example.org", "UNODC", Role::FocalPoint);
    let token = first.token("ana@unodc.example.org", PASSWORD).await;
    assert_eq!(second.get_bearer("/api/v1/me", &token).await.status, 200);
    let out = second
        .post_json_bearer("/api/v1/auth/logout", &token, &json!({}))
        .await;
    assert!(out.status < 300, "{}", out.body);
    assert_eq!(first.get_bearer("/api/v1/me", &token).await.status, 401);

    // Failures alternate between the instances; the lock holds on both.
    first.add_user("bo@unodc.example.org", "UNODC", Role::FocalPoint);
    for i in 0..MAX_FAILURES_PER_ACCOUNT_AND_IP {
        let app = if i % 2 == 0 { &first } else { &second };
        let page = app
            .login_api("bo@unodc.example.org", "wrong password!!")
            .await;
        assert_eq!(page.status, 401, "attempt {i}: {}", page.body);
    }
    for app in [&first, &second] {
        let page = app.login_api("bo@unodc.example.org", PASSWORD).await;
        assert_eq!(page.status, 429, "{}", page.body);
    }

    // Ten mails queued; both workers poll; each goes out once.
    let mut wanted = Vec::new();
    for i in 0..10 {
        let email = format!("user{i}@unodc.example.org");
        first.add_user(&email, "UNODC", Role::FocalPoint);
        let app = if i % 2 == 0 { &first } else { &second };
        app.post_json("/api/v1/auth/password-reset", &json!({ "email": email }))
            .await;
        wanted.push(email);
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    let sent = loop {
        let mut sent = first.sent_mail().await;
        sent.extend(second.sent_mail().await);
        let to_wanted = sent
            .iter()
            .filter(|m| {
                wanted
                    .iter()
                    .any(|w| m.header("to").is_some_and(|to| to.contains(w.as_str())))
            })
            .count();
        if to_wanted >= wanted.len() || Instant::now() > deadline {
            break sent;
        }
        actix_rt::time::sleep(Duration::from_millis(200)).await;
    };
    // A moment more, for a second delivery that should not come.
    actix_rt::time::sleep(Duration::from_millis(500)).await;
    let mut all = first.sent_mail().await;
    all.extend(second.sent_mail().await);
    assert!(all.len() >= sent.len());
    for email in &wanted {
        let n = all
            .iter()
            .filter(|m| m.header("to").is_some_and(|to| to.contains(email.as_str())))
            .count();
        assert_eq!(n, 1, "{email} got {n} mails");
    }
}
