//! Organisation codes are one code in any case: `UN-Women` (the one mixed-case code of the
//! reference data) can be invited into, written to and named on an access list, whatever the
//! case a person types; and the list filters find it.

use portal::domain::Role;
use serde_json::json;

use crate::admin::ADMIN;
use crate::documents::{upload, PDF};
use crate::helpers::{spawn_app, PASSWORD};
use crate::invitations::invite;
use crate::people::ANA;

const WOMEN: &str = "focal@unwomen.example.org";

#[actix_web::test]
async fn a_mixed_case_code_is_found_in_any_case() {
    let app = spawn_app().await;
    app.add_user(WOMEN, "UN-Women", Role::FocalPoint);
    app.add_user(ANA, "KEN", Role::FocalPoint);
    app.add_user(ADMIN, "UNOCT", Role::Admin);
    let women = app.token(WOMEN, PASSWORD).await;
    let ana = app.token(ANA, PASSWORD).await;
    let admin = app.token(ADMIN, PASSWORD).await;

    // A focal point invites a colleague into her own organisation, as she writes its code.
    for (n, code) in ["UN-Women", "un-women", "UN-WOMEN"].iter().enumerate() {
        let invited = invite(
            &app,
            &women,
            &format!("c{n}@unwomen.example.org"),
            code,
            "observer",
        )
        .await;
        assert_eq!(invited["organisation"], "UN-Women", "{code}");
    }

    // A thread and a document name it in any case.
    let thread = json!({"subject": "Visit", "to_organisations": ["un-women"], "body": "Hello"});
    app.post_json_bearer("/api/v1/threads", &ana, &thread)
        .await
        .assert_status(201);
    let fields = [
        ("title", "Brief"),
        ("classification", "restricted"),
        ("access", "un-women"),
    ];
    let file = Some(("brief.pdf", PDF));
    let doc = upload(&app, &ana, "/api/v1/documents", &fields, file).await;
    let id = doc.assert_status(201).field("id");
    app.get_bearer(&format!("/api/v1/documents/{id}"), &women)
        .await
        .assert_status(200);

    // A list filter names it in any case too.
    let list = app
        .get_bearer("/api/v1/users?organisation=un-women", &admin)
        .await;
    let items = list.assert_status(200).json()["items"].clone();
    let emails: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert!(emails.contains(&WOMEN), "{emails:?}");
    assert_eq!(emails.len(), 4, "{emails:?}");

    // The calendar's organiser filter too.
    let body = json!({"title": "Workshop", "kind": "workshop", "member_state": "KEN",
        "starts_on": "2027-03-01", "ends_on": "2027-03-05"});
    app.post_json_bearer("/api/v1/activities", &women, &body)
        .await
        .assert_status(201);
    let found = app
        .get_bearer("/api/v1/activities?organisation=un-women", &ana)
        .await;
    let items = found.assert_status(200).json()["items"].clone();
    assert_eq!(items.as_array().unwrap().len(), 1, "{items}");
}
