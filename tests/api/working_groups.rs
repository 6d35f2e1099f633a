//! Working groups (DESIGN.md rule 9): a `group:CODE` document audience and a thread addressed
//! to a group reach the users of its member organisations, and nobody else, through every door
//! (the object, the lists, the list filter, the unread count, the group's page); removing a
//! member organisation ends its access at once; only coordinators and the chair manage members;
//! bad input is a 400 that writes nothing.

use diesel::prelude::*;
use portal::db::schema::{audit_log, document_access, documents, threads, working_group_members};
use portal::domain::Role;
use serde_json::{json, Value};

use crate::documents::{upload, PDF};
use crate::helpers::{spawn_app, TestApp};
use crate::reports::cast;

fn members_of(code: &str) -> String {
    format!("/api/v1/working-groups/{code}/members")
}

async fn add_member(app: &TestApp, token: &str, code: &str, org: &str, role: &str) -> u16 {
    let body = json!({"organisation": org, "role": role});
    app.post_json_bearer(&members_of(code), token, &body)
        .await
        .status
}

async fn group_document(app: &TestApp, token: &str, access: &str) -> crate::helpers::Page {
    let fields = [
        ("title", "Border working group minutes"),
        ("classification", "restricted"),
        ("access", access),
    ];
    upload(
        app,
        token,
        "/api/v1/documents",
        &fields,
        Some(("minutes.pdf", PDF)),
    )
    .await
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

async fn group_page_ids(app: &TestApp, token: &str, code: &str, key: &str) -> Vec<String> {
    let detail = app
        .get_ok(&format!("/api/v1/working-groups/{code}"), token)
        .await
        .json();
    ids(&detail[key])
}

#[actix_web::test]
async fn a_group_document_reaches_its_members_only_while_they_are_members() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    assert_eq!(
        add_member(&app, &c.coordinator, "BMLE", "unodc", "member").await,
        200
    );
    // FRA owns it and names the group in any case; the list stores the group's own code.
    let doc = group_document(&app, &c.fra, "group:bmle")
        .await
        .assert_status(201);
    let id = doc.field("id");
    let path = format!("/api/v1/documents/{id}");
    let access = app.get_ok(&path, &c.fra).await.json()["access"].clone();
    assert_eq!(access, json!(["group:BMLE"]));

    let filtered = "/api/v1/documents?audience=group:BMLE";
    for (who, token, sees) in [
        ("member", &c.unodc, true),
        ("non-member entity", &c.unoct_focal, false),
        ("other State", &c.ken, false),
        ("observer organisation", &c.ipu, false),
    ] {
        let object = app.get_bearer(&path, token).await.status;
        assert_eq!(object, if sees { 200 } else { 404 }, "{who}");
        let content = app
            .get_bearer(&format!("{path}/content"), token)
            .await
            .status;
        assert_eq!(content, if sees { 200 } else { 404 }, "{who}");
        for list in ["/api/v1/documents", filtered] {
            let listed = app.get_ok(list, token).await.ids().contains(&id);
            assert_eq!(listed, sees, "{who} in {list}");
        }
        let on_page = group_page_ids(&app, token, "BMLE", "documents")
            .await
            .contains(&id);
        assert_eq!(on_page, sees, "{who} on the group's page");
    }

    // Leaving the group ends access at once.
    app.delete_bearer(&format!("{}/UNODC", members_of("BMLE")), &c.coordinator)
        .await
        .assert_status(204);
    app.get_bearer(&path, &c.unodc).await.assert_status(404);
    assert!(!app
        .get_ok("/api/v1/documents", &c.unodc)
        .await
        .ids()
        .contains(&id));
    assert!(group_page_ids(&app, &c.unodc, "BMLE", "documents")
        .await
        .is_empty());
    // A member of another group gains nothing from it.
    assert_eq!(
        add_member(&app, &c.coordinator, "PCVE", "UNODC", "chair").await,
        200
    );
    app.get_bearer(&path, &c.unodc).await.assert_status(404);
}

#[actix_web::test]
async fn a_thread_to_a_group_reaches_its_members_only_while_they_are_members() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    assert_eq!(
        add_member(&app, &c.coordinator, "PCVE", "UNODC", "member").await,
        200
    );
    let body = json!({"subject": "Next meeting", "to_working_groups": ["pcve"], "body": "Agenda attached."});
    let thread = app
        .post_json_bearer("/api/v1/threads", &c.fra, &body)
        .await
        .assert_status(201)
        .json();
    let id = thread["id"].as_str().unwrap().to_string();
    assert_eq!(thread["working_groups"], json!(["PCVE"]));
    let path = format!("/api/v1/threads/{id}");

    for (who, token, sees) in [
        ("member", &c.unodc, true),
        ("non-member entity", &c.unoct_focal, false),
        ("other State", &c.ken, false),
        ("administrator", &c.admin, false),
    ] {
        // The inbox first: opening the thread marks its message read.
        let inbox = app.get_ok("/api/v1/threads", token).await;
        assert_eq!(inbox.ids().contains(&id), sees, "{who} in the inbox");
        assert_eq!(
            inbox.json()["unread_total"],
            json!(if sees { 1 } else { 0 }),
            "{who}"
        );
        assert_eq!(
            app.get_bearer(&path, token).await.status,
            if sees { 200 } else { 404 },
            "{who}"
        );
        let on_page = group_page_ids(&app, token, "PCVE", "threads")
            .await
            .contains(&id);
        assert_eq!(on_page, sees, "{who} on the group's page");
        let reply = json!({"body": "me too"});
        let answered = app
            .post_json_bearer(&format!("{path}/messages"), token, &reply)
            .await
            .status;
        assert_eq!(answered == 404, !sees, "{who} replying");
    }

    app.delete_bearer(&format!("{}/unodc", members_of("pcve")), &c.coordinator)
        .await
        .assert_status(204);
    app.get_bearer(&path, &c.unodc).await.assert_status(404);
    let inbox = app.get_ok("/api/v1/threads", &c.unodc).await;
    assert!(!inbox.ids().contains(&id));
    assert_eq!(inbox.json()["unread_total"], json!(0));
}

#[actix_web::test]
async fn only_coordinators_and_the_chair_manage_members() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let rows = |app: &TestApp| -> i64 {
        working_group_members::table
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };
    for token in [&c.unodc, &c.ken, &c.ipu, &c.ken_observer] {
        assert_eq!(
            add_member(&app, token, "ETCIP", "UNODC", "chair").await,
            403
        );
    }
    assert_eq!(rows(&app), 0);
    assert_eq!(
        add_member(&app, &c.admin, "ETCIP", "UNODC", "chair").await,
        200
    );
    // The chair's focal points now manage the group; a member's do not.
    assert_eq!(
        add_member(&app, &c.unodc, "ETCIP", "UNOCT", "member").await,
        200
    );
    assert_eq!(
        add_member(&app, &c.unoct_focal, "ETCIP", "ICAO", "member").await,
        403
    );
    app.delete_bearer(&format!("{}/UNODC", members_of("ETCIP")), &c.unoct_focal)
        .await
        .assert_status(403);
    // Changing a role keeps one row.
    assert_eq!(
        add_member(&app, &c.unodc, "ETCIP", "UNOCT", "vice_chair").await,
        200
    );
    let detail = app
        .get_ok("/api/v1/working-groups/etcip", &c.ken)
        .await
        .json();
    let roles: Vec<(String, String)> = detail["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["organisation"].as_str().unwrap().into(),
                m["role"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            ("UNODC".into(), "chair".into()),
            ("UNOCT".into(), "vice_chair".into())
        ]
    );
    assert_eq!(detail["may_manage"], false);
    // Removing someone who is not a member, or from a group that does not exist: 404.
    app.delete_bearer(&format!("{}/KEN", members_of("ETCIP")), &c.coordinator)
        .await
        .assert_status(404);
    app.delete_bearer(&format!("{}/UNODC", members_of("NOPE")), &c.coordinator)
        .await
        .assert_status(404);
    app.get_bearer("/api/v1/working-groups/NOPE", &c.ken)
        .await
        .assert_status(404);

    let audited: i64 = audit_log::table
        .filter(audit_log::action.like("working_group.member_%"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(audited, 3);

    // Creating groups: coordinators only; codes are unique in any case.
    let new = json!({"code": "CYBER", "name": "Cyber threats"});
    app.post_json_bearer("/api/v1/working-groups", &c.unodc, &new)
        .await
        .assert_status(403);
    app.post_json_bearer("/api/v1/working-groups", &c.coordinator, &new)
        .await
        .assert_status(201);
    let twice = json!({"code": "cyber", "name": "Again"});
    app.post_json_bearer("/api/v1/working-groups", &c.coordinator, &twice)
        .await
        .assert_status(409);
    let list = app.get_ok("/api/v1/working-groups", &c.ken).await.json();
    assert_eq!(
        list.as_array().unwrap().len(),
        9,
        "the eight reference groups and CYBER"
    );
}

#[actix_web::test]
async fn bad_group_input_is_a_400_that_writes_nothing() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let count_docs = |app: &TestApp| -> i64 {
        documents::table
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };
    let page = group_document(&app, &c.fra, "group:NOPE")
        .await
        .assert_status(400);
    assert_eq!(page.error_code(), "unknown_working_group");
    assert_eq!(count_docs(&app), 0);
    let page = group_document(&app, &c.fra, "group:")
        .await
        .assert_status(400);
    assert_eq!(page.error_code(), "unknown_working_group");

    let body = json!({"subject": "s", "to_working_groups": ["NOPE"], "body": "b"});
    let page = app
        .post_json_bearer("/api/v1/threads", &c.fra, &body)
        .await
        .assert_status(400);
    assert_eq!(page.error_code(), "unknown_working_group");
    let n: i64 = threads::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(n, 0);

    let cases: [(Value, &str); 4] = [
        (json!({"organisation": "NOPE"}), "unknown_organisation"),
        (
            json!({"organisation": "UNODC", "role": "boss"}),
            "invalid_json",
        ),
        (json!({"organisation": "UNODC", "extra": 1}), "invalid_json"),
        (json!({}), "invalid_json"),
    ];
    for (body, code) in cases {
        let page = app
            .post_json_bearer(&members_of("BMLE"), &c.coordinator, &body)
            .await;
        assert_eq!(
            (page.status, page.error_code()),
            (400, code.to_string()),
            "{body}"
        );
    }
    let n: i64 = working_group_members::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(n, 0);
    for (body, code) in [
        (json!({"code": "x", "name": "n"}), "invalid_group_code"),
        (
            json!({"code": "has space", "name": "n"}),
            "invalid_group_code",
        ),
        (json!({"code": "OK", "name": ""}), "invalid_field"),
    ] {
        let page = app
            .post_json_bearer("/api/v1/working-groups", &c.coordinator, &body)
            .await;
        assert_eq!(
            (page.status, page.error_code()),
            (400, code.to_string()),
            "{body}"
        );
    }

    // An activity names a known group (stored as the group's code) or is refused.
    let activity = |group: &str| {
        json!({"title": "t", "kind": "meeting", "starts_on": "2099-01-01",
        "ends_on": "2099-01-01", "working_group": group})
    };
    let page = app
        .post_json_bearer("/api/v1/activities", &c.unodc, &activity("NOPE"))
        .await;
    assert_eq!(
        (page.status, page.error_code()),
        (400, "unknown_working_group".to_string())
    );
    let saved = app
        .post_json_bearer("/api/v1/activities", &c.unodc, &activity("bmle"))
        .await
        .assert_status(201);
    assert_eq!(saved.json()["working_group"], "BMLE");
    let id = saved.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        group_page_ids(&app, &c.ken, "BMLE", "activities").await,
        vec![id]
    );
    let unused: i64 = document_access::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(unused, 0);
}

#[actix_web::test]
async fn the_group_pages_show_and_manage_membership() {
    let app = spawn_app().await;
    let mut coord = app
        .browser_of("coord@cted.example.org", "CTED", Role::Coordinator)
        .await;
    let list = app
        .browser_get(&mut coord, "/groups")
        .await
        .assert_status(200);
    for code in [
        "BMLE",
        "CJLR-CFT",
        "ETCIP",
        "GENDER",
        "STRATEGIES",
        "PCVE",
        "HR-ROL",
        "RM-ME",
    ] {
        assert!(list.body.contains(&format!("/groups/{code}")), "{code}");
    }
    app.browser_get(&mut coord, "/groups/BMLE")
        .await
        .assert_status(200);
    let added = app
        .submit(
            &mut coord,
            "/groups/BMLE/members",
            &[("organisation", "UNODC"), ("role", "chair")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let page = app.browser_get(&mut coord, "/groups/BMLE").await;
    assert!(page.body.contains("UNODC"));
    let refused = app
        .submit(
            &mut coord,
            "/groups/BMLE/members",
            &[("organisation", "NOPE")],
        )
        .await;
    assert_eq!(refused.status, 400);

    let mut ken = app
        .browser_of("fp@ken.example.org", "KEN", Role::FocalPoint)
        .await;
    let page = app
        .browser_get(&mut ken, "/groups/BMLE")
        .await
        .assert_status(200);
    assert!(
        !page.body.contains("/groups/BMLE/members\""),
        "no form for a non-manager"
    );
    let refused = app
        .submit(&mut ken, "/groups/BMLE/members", &[("organisation", "KEN")])
        .await;
    assert_eq!(refused.status, 403);
    app.browser_get(&mut ken, "/groups/NOPE")
        .await
        .assert_status(404);
    // In French too.
    let french = [("lang", "fr"), ("next", "/groups")];
    app.submit_from(&mut ken, "/groups", "/language", &french)
        .await;
    let page = app
        .browser_get(&mut ken, "/groups/BMLE")
        .await
        .assert_status(200);
    assert!(page.body.contains("Plan de travail"), "{}", page.body);
}
