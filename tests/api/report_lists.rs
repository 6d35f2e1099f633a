//! The reports lists (`GET /api/v1/reports` and `/reports` with its count) are kept between
//! reads while the reports' data stays as it was (`data_versions`): every change after a read
//! shows in the next read, and each viewer still sees only their own scope.

use diesel::connection::SimpleConnection;
use portal::domain::Role;
use serde_json::json;

use crate::helpers::{spawn_app, Browser, TestApp};
use crate::reports::{cast, kenya_report};

/// (id, title, State's name) of each report in the caller's JSON list.
async fn listed(app: &TestApp, token: &str) -> Vec<(String, String, String)> {
    let page = app.get_ok("/api/v1/reports", token).await.json();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let field = |name: &str| r[name].as_str().unwrap().to_string();
            (field("id"), field("title"), field("member_state_name"))
        })
        .collect()
}

/// The digits of the `/reports` page's count, and whether the page names `title`.
async fn page_count(app: &TestApp, browser: &mut Browser, title: &str) -> (String, bool) {
    let page = app.browser_get(browser, "/reports").await;
    let body = &page.assert_status(200).body;
    let count = &body[body.find("id=\"list-count\"").unwrap()..];
    let count = &count[..count.find("</p>").unwrap()];
    let digits = count.chars().filter(char::is_ascii_digit).collect();
    (digits, body.contains(title))
}

#[actix_web::test]
async fn kept_reports_lists_follow_every_change_made_after_a_read() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut kenyan = app
        .browser_of("fp2@ken.example.org", "KEN", Role::FocalPoint)
        .await;
    let title = "Kenya assessment visit 2025";
    let draft = app
        .post_json_bearer("/api/v1/reports", &c.coordinator, &kenya_report())
        .await
        .assert_status(201)
        .field("id");
    let kenya = |title: &str, name: &str| vec![(draft.clone(), title.into(), name.into())];
    // Read by everyone while a draft: the coordinator alone sees it.
    assert_eq!(listed(&app, &c.coordinator).await, kenya(title, "Kenya"));
    for token in [&c.ken, &c.unodc, &c.fra] {
        assert!(listed(&app, token).await.is_empty());
    }
    assert_eq!(
        page_count(&app, &mut kenyan, title).await,
        ("0".into(), false)
    );

    // Published after those reads: Kenya and the entities see it, France still does not.
    app.post_json_bearer(
        &format!("/api/v1/reports/{draft}/publish"),
        &c.coordinator,
        &json!({}),
    )
    .await
    .assert_status(200);
    for token in [&c.coordinator, &c.ken, &c.unodc] {
        assert_eq!(listed(&app, token).await, kenya(title, "Kenya"));
    }
    assert!(listed(&app, &c.fra).await.is_empty());
    assert_eq!(
        page_count(&app, &mut kenyan, title).await,
        ("1".into(), true)
    );

    // Retitled, then its State renamed: each read after shows the change.
    let retitled = "Kenya follow-up visit";
    app.patch_bearer(
        &format!("/api/v1/reports/{draft}"),
        &c.coordinator,
        &json!({"title": retitled}),
    )
    .await
    .assert_status(200);
    assert_eq!(listed(&app, &c.unodc).await, kenya(retitled, "Kenya"));
    assert_eq!(
        page_count(&app, &mut kenyan, retitled).await,
        ("1".into(), true)
    );
    app.conn()
        .batch_execute("UPDATE organisations SET name = 'Republic of Kenya' WHERE code = 'KEN'")
        .unwrap();
    assert_eq!(
        listed(&app, &c.ken).await,
        kenya(retitled, "Republic of Kenya")
    );
    assert!(listed(&app, &c.fra).await.is_empty());
}
