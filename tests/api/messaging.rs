//! Messaging through the API: threads between people and organisations, read receipts,
//! unread counts, and every way a non-participant might try to read.

use diesel::prelude::*;
use portal::db::schema::users;
use portal::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, Page, TestApp, PASSWORD};

pub use crate::people::ANA;
pub const BEN: &str = "ben@unodc.example.org";
pub const CLA: &str = "cla@unodc.example.org";
pub const EVE: &str = "eve@fra.example.org";
pub const ADM: &str = "admin@unoct.example.org";

/// Ana (KEN) and Eve (FRA) alone; Ben and Cla in UNODC; an administrator in UNOCT.
pub async fn cast(app: &TestApp) -> (String, String, String, String, String) {
    app.add_user(ANA, "KEN", Role::FocalPoint);
    app.add_user(BEN, "UNODC", Role::FocalPoint);
    app.add_user(CLA, "UNODC", Role::FocalPoint);
    app.add_user(EVE, "FRA", Role::FocalPoint);
    app.add_user(ADM, "UNOCT", Role::Admin);
    (
        app.token(ANA, PASSWORD).await,
        app.token(BEN, PASSWORD).await,
        app.token(CLA, PASSWORD).await,
        app.token(EVE, PASSWORD).await,
        app.token(ADM, PASSWORD).await,
    )
}

/// Posts `body` to the thread `id` as the holder of `token`.
pub async fn post_reply(app: &TestApp, token: &str, id: &str, body: &str) -> Page {
    let path = format!("/api/v1/threads/{id}/messages");
    app.post_json_bearer(&path, token, &json!({ "body": body }))
        .await
}

/// Asks to start a thread as the holder of `token`; the answer.
pub async fn post_thread(app: &TestApp, token: &str, body: &Value) -> Page {
    app.post_json_bearer("/api/v1/threads", token, body).await
}

pub async fn start_thread(app: &TestApp, token: &str, body: Value) -> String {
    let res = post_thread(app, token, &body).await;
    assert_eq!(res.status, 201, "{}", res.body);
    res.json()["id"].as_str().unwrap().to_string()
}

async fn unread_total(app: &TestApp, token: &str) -> i64 {
    let res = app.get_bearer("/api/v1/threads", token).await;
    assert_eq!(res.status, 200, "{}", res.body);
    res.json()["unread_total"].as_i64().unwrap()
}

pub async fn listed_ids(app: &TestApp, token: &str) -> Vec<String> {
    let res = app.get_bearer("/api/v1/threads", token).await;
    res.assert_status(200).ids()
}

#[actix_web::test]
async fn a_thread_reaches_named_people_and_organisations_with_receipts() {
    let app = spawn_app().await;
    let (ana, ben, cla, _, _) = cast(&app).await;
    let id = start_thread(
        &app,
        &ana,
        json!({"subject": "Border visit", "to_organisations": ["unodc"], "body": "Can we meet?"}),
    )
    .await;

    for token in [&ben, &cla] {
        let list = app.get_bearer("/api/v1/threads", token).await.json();
        assert_eq!(list["items"][0]["id"], id.as_str());
        assert_eq!(list["items"][0]["unread"], 1);
        assert_eq!(list["unread_total"], 1);
        assert!(list["next_cursor"].is_null());
    }
    assert_eq!(
        unread_total(&app, &ana).await,
        0,
        "own messages are not unread"
    );

    let seen = app.get_bearer(&format!("/api/v1/threads/{id}"), &ben).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    let detail = seen.json();
    assert_eq!(detail["subject"], "Border visit");
    assert_eq!(detail["restricted"], true);
    assert_eq!(detail["organisations"][0]["code"], "UNODC");
    assert_eq!(detail["messages"][0]["author"]["email"], ANA);
    assert_eq!(detail["messages"][0]["body"], "Can we meet?");
    assert!(detail["messages"][0]["created_at"].is_string());
    assert_eq!(unread_total(&app, &ben).await, 0);
    assert_eq!(unread_total(&app, &cla).await, 1, "Cla has not opened it");

    let reply = post_reply(&app, &ben, &id, "Yes, Tuesday.").await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(unread_total(&app, &ana).await, 1);
    assert_eq!(unread_total(&app, &cla).await, 2);

    let detail = app
        .get_bearer(&format!("/api/v1/threads/{id}"), &ana)
        .await
        .json();
    let first_readers: Vec<&str> = detail["messages"][0]["read_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(first_readers, vec![format!("Test {BEN}")]);
    assert!(detail["messages"][0]["read_by"][0]["read_at"].is_string());
    let second_readers = detail["messages"][1]["read_by"].as_array().unwrap();
    assert_eq!(
        second_readers.len(),
        1,
        "Ana read Ben's reply by opening it"
    );
    assert_eq!(second_readers[0]["name"], format!("Test {ANA}"));
    assert_eq!(unread_total(&app, &ana).await, 0);
}

#[actix_web::test]
async fn nobody_outside_the_thread_can_read_list_count_or_reply_not_even_an_administrator() {
    let app = spawn_app().await;
    let (ana, ben, _, eve, admin) = cast(&app).await;
    let id = start_thread(
        &app,
        &ana,
        json!({"subject": "Private", "to_users": [BEN], "body": "secret content"}),
    )
    .await;
    assert_eq!(listed_ids(&app, &ben).await, vec![id.clone()]);

    let missing = app
        .get_bearer("/api/v1/threads/00000000-0000-4000-8000-000000000000", &eve)
        .await;
    assert_eq!(missing.status, 404);
    for outsider in [&eve, &admin] {
        let res = app
            .get_bearer(&format!("/api/v1/threads/{id}"), outsider)
            .await;
        assert_eq!(res.status, 404, "{}", res.body);
        assert_eq!(res.body, missing.body, "denied looks like missing");
        assert!(!res.body.contains("secret"));
        assert!(listed_ids(&app, outsider).await.is_empty());
        assert_eq!(unread_total(&app, outsider).await, 0);
        let reply = post_reply(&app, outsider, &id, "let me in").await;
        assert_eq!(reply.status, 404, "{}", reply.body);
    }
    // The outsiders' attempts left nothing behind.
    let detail = app
        .get_bearer(&format!("/api/v1/threads/{id}"), &ana)
        .await
        .json();
    assert_eq!(detail["messages"].as_array().unwrap().len(), 1);
    assert!(detail["messages"][0]["read_by"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["name"] != format!("Test {EVE}") && r["name"] != format!("Test {ADM}")));
}

#[actix_web::test]
async fn organisation_membership_is_resolved_when_asked_including_later_members() {
    let app = spawn_app().await;
    let (ana, ben, _, _, _) = cast(&app).await;
    let id = start_thread(
        &app,
        &ana,
        json!({"subject": "For UNODC", "to_organisations": ["UNODC"], "body": "hello"}),
    )
    .await;

    // Someone who joins UNODC afterwards sees the thread.
    app.add_user("new@unodc.example.org", "UNODC", Role::Observer);
    let newcomer = app.token("new@unodc.example.org", PASSWORD).await;
    assert_eq!(listed_ids(&app, &newcomer).await, vec![id.clone()]);

    // Ben moves to CTED: the thread disappears at once, by id, from the list and the count.
    assert_eq!(unread_total(&app, &ben).await, 1);
    let mut conn = app.conn();
    let cted = portal::repo::organisations::find_by_code(&mut conn, "CTED")
        .unwrap()
        .unwrap();
    diesel::update(users::table.filter(users::email.eq(BEN)))
        .set(users::organisation_id.eq(&cted.id))
        .execute(&mut conn)
        .unwrap();
    let res = app.get_bearer(&format!("/api/v1/threads/{id}"), &ben).await;
    assert_eq!(res.status, 404);
    assert!(listed_ids(&app, &ben).await.is_empty());
    assert_eq!(unread_total(&app, &ben).await, 0);
    let reply = post_reply(&app, &ben, &id, "still here?").await;
    assert_eq!(reply.status, 404);

    // A deactivated account loses the thread even where its rows are read directly.
    diesel::update(users::table.filter(users::email.eq("new@unodc.example.org")))
        .set(users::active.eq(false))
        .execute(&mut conn)
        .unwrap();
    let newcomer_id: String = users::table
        .filter(users::email.eq("new@unodc.example.org"))
        .select(users::id)
        .first(&mut conn)
        .unwrap();
    assert!(
        portal::repo::messages::find_visible(&mut conn, &newcomer_id, &id)
            .unwrap()
            .is_none()
    );
    assert_eq!(
        portal::repo::messages::unread_total(&mut conn, &newcomer_id).unwrap(),
        0
    );
}

#[actix_web::test]
async fn hostile_text_is_stored_and_returned_exactly_as_written() {
    let app = spawn_app().await;
    let (ana, ben, _, _, _) = cast(&app).await;
    let subject = "Q3'); DROP TABLE threads; -- <script>alert(1)</script>";
    let body = "' OR '1'='1\n\t\"quoted\" ü 漢字 <img src=x onerror=alert(1)>";
    let id = start_thread(
        &app,
        &ana,
        json!({"subject": subject, "to_users": [BEN], "body": body}),
    )
    .await;
    let detail = app
        .get_bearer(&format!("/api/v1/threads/{id}"), &ben)
        .await
        .json();
    assert_eq!(detail["subject"], subject);
    assert_eq!(detail["messages"][0]["body"], body);
    assert_eq!(listed_ids(&app, &ana).await, vec![id]);
}

#[actix_web::test]
async fn the_openapi_document_lists_the_thread_paths() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    for path in [
        "/api/v1/threads",
        "/api/v1/threads/{id}",
        "/api/v1/threads/{id}/messages",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
    assert!(doc["paths"]["/api/v1/threads"]["post"].is_object());
    assert!(doc["components"]["schemas"]["NewThreadBody"].is_object());
}

#[actix_web::test]
async fn the_inbox_pages_with_a_keyset_cursor() {
    let app = spawn_app().await;
    let (ana, ben, _, _, _) = cast(&app).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(
            start_thread(
                &app,
                &ana,
                json!({"subject": format!("T{i}"), "to_users": [BEN], "body": "b"}),
            )
            .await,
        );
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/threads?limit=2&cursor={c}"),
            None => "/api/v1/threads?limit=2".into(),
        };
        let page = app.get_bearer(&path, &ben).await.json();
        for t in page["items"].as_array().unwrap() {
            seen.push(t["id"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    ids.reverse();
    assert_eq!(seen, ids, "newest first, each once");
}
