//! Administrator-only requests: a signed-in coordinator or focal point gets 403 `forbidden`
//! on every one, API and pages alike (the page is the translated error page), and nothing
//! changes. Accounts the caller may not see stay 404 (`admin.rs`).

use diesel::prelude::*;
use portal::db::schema::{audit_log, organisations, users};
use serde_json::json;

use crate::admin::{ADMIN, FOCAL_KEN};
use crate::helpers::{spawn_app, Page, TestApp, PASSWORD};
use crate::invitations::{staff, user_count, COORD, OBSERVER};

/// The number of organisations and audit entries, and whether KEN and the observer are active.
fn snapshot(app: &TestApp) -> (i64, i64, bool, bool) {
    let mut conn = app.conn();
    let orgs = organisations::table.count().get_result(&mut conn).unwrap();
    let audit = audit_log::table
        .filter(audit_log::action.ne("auth.login"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let ken = organisations::table
        .filter(organisations::code.eq("KEN"))
        .select(organisations::active)
        .first(&mut conn)
        .unwrap();
    let observer = users::table
        .filter(users::email.eq(OBSERVER))
        .select(users::active)
        .first(&mut conn)
        .unwrap();
    (orgs, audit, ken, observer)
}

fn ken_id(app: &TestApp) -> String {
    organisations::table
        .filter(organisations::code.eq("KEN"))
        .select(organisations::id)
        .first(&mut app.conn())
        .unwrap()
}

fn forbidden(res: &Page, what: &str) {
    assert_eq!(res.status, 403, "{what}: {}", res.body);
    assert_eq!(res.json()["error"]["code"], "forbidden", "{what}");
}

fn forbidden_page(res: &Page, what: &str) {
    assert_eq!(res.status, 403, "{what}");
    assert!(
        res.body.contains("This action is not allowed."),
        "{what}: the translated error page"
    );
}

#[actix_web::test]
async fn administrator_only_api_requests_are_403_for_coordinators_and_focal_points() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (ken, observer) = (ken_id(&app), app.user_id(OBSERVER));
    let before = (snapshot(&app), user_count(&app));
    for (who, token) in [
        ("coordinator", &staff.coordinator),
        ("focal point", &staff.focal_ken),
    ] {
        for path in ["/api/v1/audit", "/api/v1/audit/export"] {
            forbidden(&app.get_bearer(path, token).await, &format!("{who} {path}"));
        }
        let new = json!({"code": "GCTFX", "name": "Test Forum", "kind": "observer"});
        let res = app
            .post_json_bearer("/api/v1/organisations", token, &new)
            .await;
        forbidden(&res, &format!("{who} creates an organisation"));
        let path = format!("/api/v1/organisations/{ken}");
        let res = app
            .patch_bearer(&path, token, &json!({"active": false}))
            .await;
        forbidden(&res, &format!("{who} deactivates an organisation"));
        let path = format!("/api/v1/users/{observer}/totp");
        forbidden(
            &app.delete_bearer(&path, token).await,
            &format!("{who} {path}"),
        );
    }
    // Coordinators manage no accounts at all.
    let token = &staff.coordinator;
    forbidden(&app.get_bearer("/api/v1/users", token).await, "list");
    let new = json!({"email": "x@ken.example.org", "name": "X", "organisation": "KEN", "role": "observer"});
    forbidden(
        &app.post_json_bearer("/api/v1/users", token, &new).await,
        "invite",
    );
    let path = format!("/api/v1/users/{observer}");
    let res = app
        .patch_bearer(&path, token, &json!({"active": false}))
        .await;
    forbidden(&res, "deactivate");
    for res in [
        app.post_json_bearer(&format!("{path}/invitation"), token, &json!({}))
            .await,
        app.delete_bearer(&format!("{path}/invitation"), token)
            .await,
    ] {
        forbidden(&res, "invitation");
    }
    assert_eq!(
        (snapshot(&app), user_count(&app)),
        before,
        "nothing changed"
    );
    assert_eq!(
        app.get_bearer("/api/v1/audit", &staff.admin).await.status,
        200
    );
}

#[actix_web::test]
async fn administrator_only_pages_are_403_for_coordinators_and_focal_points() {
    let app = spawn_app().await;
    let _staff = staff(&app).await;
    let (ken, observer) = (ken_id(&app), app.user_id(OBSERVER));
    let before = (snapshot(&app), user_count(&app));
    for email in [COORD, FOCAL_KEN] {
        let mut browser = app.browser_login(email, PASSWORD).await;
        let csrf = app.browser_get(&mut browser, "/").await.csrf_field();
        let mut paths = vec![
            "/admin",
            "/admin/audit",
            "/admin/audit/export",
            "/admin/audit/verify",
            "/admin/organisations",
        ];
        if email == COORD {
            paths.push("/admin/users");
        }
        for path in paths {
            let page = app.browser_get(&mut browser, path).await;
            forbidden_page(&page, &format!("{email} {path}"));
        }
        let ken_path = format!("/admin/organisations/{ken}");
        let observer_path = format!("/admin/users/{observer}");
        let mut posts: Vec<(String, Vec<(&str, &str)>)> = vec![
            ("/admin/audit/verify".into(), vec![]),
            (
                "/admin/organisations".into(),
                vec![("code", "GCTFX"), ("name", "Forum"), ("kind", "observer")],
            ),
            (ken_path, vec![("name", "Kenya"), ("kind", "member_state")]),
        ];
        if email == COORD {
            posts.push((
                "/admin/users/invite".into(),
                vec![
                    ("email", "page@ken.example.org"),
                    ("name", "Page Invite"),
                    ("organisation", "KEN"),
                    ("role", "observer"),
                ],
            ));
            posts.push((format!("{observer_path}/active"), vec![("active", "false")]));
            posts.push((format!("{observer_path}/invitation/revoke"), vec![]));
        }
        posts.push((format!("{observer_path}/two-factor/reset"), vec![]));
        for (path, fields) in posts {
            let mut form = vec![("csrf_token", csrf.as_str())];
            form.extend(fields);
            let res = app.browser_post(&mut browser, &path, &form).await;
            assert_eq!(res.status, 403, "{email} {path}");
        }
    }
    assert_eq!(
        (snapshot(&app), user_count(&app)),
        before,
        "nothing changed"
    );
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;
    assert_eq!(app.browser_get(&mut admin, "/admin").await.status, 200);
}
