//! The browser route through matches: a project's organisation proposes from the project page,
//! the State decides on `/matches` (what waits for it), the need page shows the match and its
//! history; forms carry CSRF tokens, work without JavaScript, in English and French.

use diesel::prelude::*;
use portal::db::schema::matches;
use portal::domain::Role;
use serde_json::json;

use crate::helpers::{spawn_app, PASSWORD};
use crate::projects::{body as project_body, create as create_project};

fn match_statuses(app: &crate::helpers::TestApp) -> Vec<String> {
    matches::table
        .select(matches::status)
        .load(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn a_match_is_proposed_decided_and_shown_through_the_pages() {
    let app = spawn_app().await;
    let people = [
        ("coord@cted.example.org", "CTED", Role::Coordinator),
        ("fp@unodc.example.org", "UNODC", Role::FocalPoint),
        ("fp@ken.example.org", "KEN", Role::FocalPoint),
        ("fp@fra.example.org", "FRA", Role::FocalPoint),
    ];
    for (email, org, role) in people {
        app.create_user(email, org, role, Some(PASSWORD));
    }
    let coordinator = app.token("coord@cted.example.org", PASSWORD).await;
    let unodc_token = app.token("fp@unodc.example.org", PASSWORD).await;
    let need = json!({"member_state": "KEN", "title": "Watch-list connectivity",
        "thematic_area": "Border management and terrorist travel", "priority": "high"});
    let need = app
        .post_json_bearer("/api/v1/needs", &coordinator, &need)
        .await;
    let need = need.assert_status(201).field("id");
    let project = create_project(&app, &unodc_token, &project_body("PNR roll-out")).await;

    // The project page offers the proposal form, with the State's open needs to choose from.
    let mut unodc = app.browser_login("fp@unodc.example.org", PASSWORD).await;
    let page = app
        .browser_get(&mut unodc, &format!("/projects/{project}"))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains(r#"action="/matches/new""#),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!(r#"value="{need}""#)));
    let csrf = page.csrf_field();
    let form = [
        ("csrf_token", csrf.as_str()),
        ("project_id", project.as_str()),
        ("need_choice", need.as_str()),
        ("note", "Covers the watch-list gap"),
    ];
    let posted = app.browser_post(&mut unodc, "/matches/new", &form).await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    assert_eq!(match_statuses(&app), ["proposed"]);
    let without_csrf = [
        ("csrf_token", "forged"),
        ("project_id", project.as_str()),
        ("need_id", need.as_str()),
    ];
    let refused = app
        .browser_post(&mut unodc, "/matches/new", &without_csrf)
        .await;
    assert_eq!(refused.status, 403);
    let again = app.browser_post(&mut unodc, "/matches/new", &form).await;
    assert_eq!(again.status, 409, "one match per pair");

    // Another State sees neither the match nor a form; a guessed post is a 404.
    let mut fra = app.browser_login("fp@fra.example.org", PASSWORD).await;
    let page = app.browser_get(&mut fra, "/matches?all=1").await;
    assert!(!page.body.contains("Watch-list connectivity"));
    let id: String = matches::table
        .select(matches::id)
        .first(&mut app.conn())
        .unwrap();
    let csrf = page.csrf_field();
    let accept = [("csrf_token", csrf.as_str()), ("status", "accepted")];
    let path = format!("/matches/{id}");
    let refused = app.browser_post(&mut fra, &path, &accept).await;
    assert_eq!(refused.status, 404);

    // KEN decides from what waits for it, in French.
    let mut ken = app.browser_login("fp@ken.example.org", PASSWORD).await;
    ken.lang_cookie = Some("fr".into());
    let uncovered = app.browser_get(&mut ken, "/needs?uncovered=true").await;
    assert!(
        uncovered.body.contains("Watch-list connectivity"),
        "proposed covers nothing"
    );
    let page = app.browser_get(&mut ken, "/matches").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Ce qui m'attend") || page.body.contains("Ce qui m&#x27;attend"));
    assert!(page.body.contains("Watch-list connectivity") && page.body.contains("Accepter"));
    let csrf = page.csrf_field();
    let decline = [
        ("csrf_token", csrf.as_str()),
        ("status", "declined"),
        ("reason", " "),
    ];
    let refused = app.browser_post(&mut ken, &path, &decline).await;
    assert_eq!(refused.status, 400, "a decline carries a reason");
    let back = format!("/needs/{need}");
    let accept = [
        ("csrf_token", csrf.as_str()),
        ("status", "accepted"),
        ("back", back.as_str()),
    ];
    let done = app.browser_post(&mut ken, &path, &accept).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.header("location").as_deref(), Some(back.as_str()));
    assert_eq!(match_statuses(&app), ["accepted"]);
    let elsewhere = [
        ("csrf_token", csrf.as_str()),
        ("status", "declined"),
        ("reason", "late"),
        ("back", "https://evil.example/"),
    ];
    let late = app.browser_post(&mut ken, &path, &elsewhere).await;
    assert_eq!(late.status, 409, "accepted cannot be declined");

    // The need page shows the match and its history; nothing waits for KEN any more.
    let page = app.browser_get(&mut ken, &back).await;
    assert!(page.body.contains("PNR roll-out") && page.body.contains("Acceptée"));
    assert!(page.body.contains("Historique"));
    let page = app.browser_get(&mut ken, "/matches").await;
    assert!(page.body.contains("Aucune correspondance ici."));
    // An accepted match covers the need: the "uncovered only" filter leaves it out.
    let all = app.browser_get(&mut ken, "/needs").await;
    assert!(all.body.contains("Watch-list connectivity"));
    let uncovered = app.browser_get(&mut ken, "/needs?uncovered=true").await;
    assert_eq!(uncovered.status, 200);
    assert!(!uncovered.body.contains("Watch-list connectivity"));
    assert!(uncovered.body.contains(r#"value="true" selected"#));
    // The project's organisation completes it from the project page.
    let page = app
        .browser_get(&mut unodc, &format!("/projects/{project}"))
        .await;
    assert!(page.body.contains("Mark completed"), "{}", page.body);
}
