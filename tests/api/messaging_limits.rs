//! The bounds of messaging: malformed, oversized, over-addressed and too frequent messages are
//! refused with a clear 4xx and leave nothing behind.

use portal::domain::Role;
use serde_json::json;

use crate::helpers::{spawn_app, PASSWORD};
use crate::messaging::{cast, listed_ids, post_reply, post_thread, start_thread, ANA, BEN};

#[actix_web::test]
async fn bad_messages_are_refused_with_clear_errors() {
    let app = spawn_app().await;
    let (ana, _, _, _, _) = cast(&app).await;
    let cases = [
        (
            json!({"subject": "x", "to_users": [BEN], "body": "b", "cc": []}),
            "invalid_json",
        ),
        (
            json!({"subject": " ", "to_users": [BEN], "body": "b"}),
            "subject_missing",
        ),
        (
            json!({"subject": "x", "to_users": [BEN], "body": "a\u{0}b"}),
            "body_control_characters",
        ),
        (
            json!({"subject": "x\u{0}", "to_users": [BEN], "body": "b"}),
            "subject_control_characters",
        ),
        (
            json!({"subject": "x", "to_users": [BEN], "body": "x".repeat(20_001)}),
            "body_too_long",
        ),
        (json!({"subject": "x", "body": "b"}), "no_recipient"),
        (
            json!({"subject": "x", "to_users": ["nobody@nowhere.example.org"], "body": "b"}),
            "unknown_recipient",
        ),
        (
            json!({"subject": "x", "to_organisations": ["NOPE"], "body": "b"}),
            "unknown_organisation",
        ),
        (
            json!({"subject": "x", "to_users": (0..51).map(|i| format!("u{i}@x.example.org")).collect::<Vec<_>>(), "body": "b"}),
            "too_many_user_recipients",
        ),
        (
            json!({"subject": "x", "to_organisations": ["KEN","FRA","USA","GBR","DEU","ITA","ESP","BRA","IND","CHN","JPN"], "body": "b"}),
            "too_many_organisation_recipients",
        ),
    ];
    for (body, code) in cases {
        let res = post_thread(&app, &ana, &body).await;
        assert_eq!(res.status, 400, "{code}: {}", res.body);
        assert_eq!(res.json()["error"]["code"], code, "{}", res.body);
    }
    assert_eq!(listed_ids(&app, &ana).await.len(), 0, "nothing was written");
    let res = app
        .get_bearer("/api/v1/threads?cursor=not-a-cursor", &ana)
        .await;
    assert_eq!(res.status, 400);
    let res = app.get_bearer("/api/v1/threads?colour=red", &ana).await;
    assert_eq!(res.status, 400);
    for odd in ["%00", "not-a-uuid", "1%27%20OR%201%3D1"] {
        let res = app
            .get_bearer(&format!("/api/v1/threads/{odd}"), &ana)
            .await;
        assert_eq!(res.status, 404, "{odd}: {}", res.body);
        let res = post_reply(&app, &ana, odd, "b").await;
        assert_eq!(res.status, 404, "{odd}: {}", res.body);
    }

    // Observers read; they do not send.
    app.add_user("obs@ken.example.org", "KEN", Role::Observer);
    let obs = app.token("obs@ken.example.org", PASSWORD).await;
    let res = post_thread(
        &app,
        &obs,
        &json!({"subject": "x", "to_users": [ANA], "body": "b"}),
    )
    .await;
    assert_eq!(res.status, 403);
    let res = app.get_bearer("/api/v1/threads", "").await;
    assert_eq!(res.status, 401);
}

#[actix_web::test]
async fn posting_is_rate_limited_per_user_with_retry_after() {
    let app = spawn_app().await;
    let (ana, ben, _, _, _) = cast(&app).await;
    let id = start_thread(
        &app,
        &ana,
        json!({"subject": "Many", "to_users": [BEN], "body": "1"}),
    )
    .await;
    for i in 2..=20 {
        let res = post_reply(&app, &ana, &id, &i.to_string()).await;
        assert_eq!(res.status, 201, "{i}: {}", res.body);
    }
    let res = post_reply(&app, &ana, &id, "21").await;
    assert_eq!(res.status, 429, "{}", res.body);
    let retry: u64 = res.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let res = post_thread(
        &app,
        &ana,
        &json!({"subject": "more", "to_users": [BEN], "body": "x"}),
    )
    .await;
    assert_eq!(res.status, 429);
    // Others are not affected.
    let res = post_reply(&app, &ben, &id, "fine").await;
    assert_eq!(res.status, 201);
}
