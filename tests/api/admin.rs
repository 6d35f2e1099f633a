//! Administration: the account list and changes (who may change whom, sessions ending at
//! once), organisations, the audit log with its filters and CSV export, and the /admin pages.

use awc::http::header;
use diesel::prelude::*;
use portal::db::schema::users;
use portal::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{into_page, spawn_app, Page, TestApp, PASSWORD};
use crate::invitations::{invite, staff, user_count, COORD, OBSERVER};

pub const ADMIN: &str = "root@unoct.example.org";
pub const FOCAL_KEN: &str = "focal@ken.example.org";
pub const FOCAL_FRA: &str = "focal@fra.example.org";

pub async fn patch_bearer(app: &TestApp, path: &str, token: &str, body: &Value) -> Page {
    let res = app
        .client
        .patch(app.url(path))
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .send_json(body);
    into_page(res.await.expect("request")).await
}

pub async fn delete_bearer(app: &TestApp, path: &str, token: &str) -> Page {
    let res = app
        .client
        .delete(app.url(path))
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .send();
    into_page(res.await.expect("request")).await
}

pub fn id_of(app: &TestApp, email: &str) -> String {
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap()
}

fn is_active(app: &TestApp, email: &str) -> bool {
    users::table
        .filter(users::email.eq(email))
        .select(users::active)
        .first(&mut app.conn())
        .unwrap()
}

async fn emails(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    let page = app.get_bearer(path, token).await;
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    page.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn deactivating_a_user_ends_their_token_and_browser_session_at_once() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let mut browser = app.browser_login(OBSERVER, PASSWORD).await;
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);
    let id = id_of(&app, OBSERVER);

    let res = patch_bearer(
        &app,
        &format!("/api/v1/users/{id}"),
        &staff.focal_ken,
        &json!({"active": false}),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.json()["status"], "deactivated");

    assert_eq!(
        app.get_bearer("/api/v1/me", &staff.observer).await.status,
        401
    );
    let page = app.browser_get(&mut browser, "/needs").await;
    assert_eq!(page.status, 303);
    assert!(page.header("location").unwrap().starts_with("/login"));
    assert_eq!(app.login_api(OBSERVER, PASSWORD).await.status, 401);

    let res = patch_bearer(
        &app,
        &format!("/api/v1/users/{id}"),
        &staff.admin,
        &json!({"active": true}),
    )
    .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["status"], "active");
    assert_eq!(app.login_api(OBSERVER, PASSWORD).await.status, 200);

    let audit = app
        .get_bearer("/api/v1/audit?action=user.", &staff.admin)
        .await
        .json();
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec!["user.activate", "user.deactivate"],
        "newest first"
    );
    assert_eq!(audit["items"][1]["actor_email"], FOCAL_KEN);
}

#[actix_web::test]
async fn role_and_organisation_changes_end_sessions_and_are_for_administrators() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let id = id_of(&app, OBSERVER);
    let path = format!("/api/v1/users/{id}");

    // A focal point manages this account but may not change its role or organisation.
    for body in [
        json!({"role": "focal_point"}),
        json!({"organisation": "FRA"}),
    ] {
        let res = patch_bearer(&app, &path, &staff.focal_ken, &body).await;
        assert_eq!(res.status, 403, "{}", res.body);
    }
    assert_eq!(
        app.get_bearer("/api/v1/me", &staff.observer).await.status,
        200
    );

    let res = patch_bearer(&app, &path, &staff.admin, &json!({"role": "focal_point"})).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.json()["role"], "focal_point");
    assert_eq!(
        app.get_bearer("/api/v1/me", &staff.observer).await.status,
        401
    );

    let token = app.token(OBSERVER, PASSWORD).await;
    let res = patch_bearer(&app, &path, &staff.admin, &json!({"organisation": "fra"})).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.json()["organisation"], "FRA");
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 401);
    let me = app.token(OBSERVER, PASSWORD).await;
    assert_eq!(
        app.get_bearer("/api/v1/me", &me).await.json()["organisation_code"],
        "FRA"
    );

    let audit = app
        .get_bearer(&format!("/api/v1/audit?target=user:{id}"), &staff.admin)
        .await
        .json();
    let items = audit["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["action"], "user.organisation_change");
    assert_eq!(items[0]["details"], json!({"from": "KEN", "to": "FRA"}));
    assert_eq!(
        items[1]["details"],
        json!({"from": "observer", "to": "focal_point"})
    );

    // Nobody changes their own account here; bodies are checked.
    let own = id_of(&app, ADMIN);
    let res = patch_bearer(
        &app,
        &format!("/api/v1/users/{own}"),
        &staff.admin,
        &json!({"role": "observer"}),
    )
    .await;
    assert_eq!(res.status, 403);
    for body in [
        json!({}),
        json!({"active": false, "admin": true}),
        json!({"role": "root"}),
    ] {
        let res = patch_bearer(&app, &path, &staff.admin, &body).await;
        assert_eq!(res.status, 400, "{body}: {}", res.body);
    }
    let res = app
        .client
        .patch(app.url(&path))
        .insert_header((header::AUTHORIZATION, format!("Bearer {}", staff.admin)))
        .insert_header((header::CONTENT_TYPE, "application/json"))
        .send_body("{\"active\": fals")
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
}

#[actix_web::test]
async fn a_focal_point_cannot_touch_accounts_outside_their_reach() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    app.create_user(
        "boss@ken.example.org",
        "KEN",
        Role::Coordinator,
        Some(PASSWORD),
    );
    for email in [FOCAL_FRA, "boss@ken.example.org", ADMIN] {
        let id = id_of(&app, email);
        let res = patch_bearer(
            &app,
            &format!("/api/v1/users/{id}"),
            &staff.focal_ken,
            &json!({"active": false}),
        )
        .await;
        assert_eq!(res.status, 404, "{email}: {}", res.body);
        assert!(is_active(&app, email), "{email} unchanged");
    }
    let res = patch_bearer(
        &app,
        "/api/v1/users/no-such-id",
        &staff.focal_ken,
        &json!({"active": false}),
    )
    .await;
    assert_eq!(res.status, 404);
    let own = id_of(&app, FOCAL_KEN);
    let res = patch_bearer(
        &app,
        &format!("/api/v1/users/{own}"),
        &staff.focal_ken,
        &json!({"active": false}),
    )
    .await;
    assert_eq!(res.status, 403);
    assert!(is_active(&app, FOCAL_KEN));
    assert_eq!(
        app.get_bearer("/api/v1/me", &staff.focal_fra).await.status,
        200
    );
    for token in [&staff.coordinator, &staff.observer] {
        let id = id_of(&app, FOCAL_FRA);
        let res = patch_bearer(
            &app,
            &format!("/api/v1/users/{id}"),
            token,
            &json!({"active": false}),
        )
        .await;
        assert_eq!(res.status, 403);
    }
    assert!(is_active(&app, FOCAL_FRA));
}

#[actix_web::test]
async fn the_account_list_is_scoped_searchable_and_paged() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let all = emails(&app, "/api/v1/users", &staff.admin).await;
    assert_eq!(all.len(), 5);
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "by e-mail address");

    let ken = emails(&app, "/api/v1/users", &staff.focal_ken).await;
    assert_eq!(ken, vec![FOCAL_KEN.to_string(), OBSERVER.to_string()]);
    // A focal point's organisation filter cannot widen their view.
    assert!(
        emails(&app, "/api/v1/users?organisation=FRA", &staff.focal_ken)
            .await
            .is_empty()
    );
    assert_eq!(
        emails(&app, "/api/v1/users?organisation=fra", &staff.admin).await,
        vec![FOCAL_FRA.to_string()]
    );
    assert_eq!(
        emails(&app, "/api/v1/users?q=COORD", &staff.admin).await,
        vec![COORD.to_string()]
    );
    assert_eq!(
        emails(&app, "/api/v1/users?q=Test%20obs", &staff.admin).await,
        vec![OBSERVER.to_string()]
    );
    for token in [&staff.coordinator, &staff.observer] {
        assert_eq!(app.get_bearer("/api/v1/users", token).await.status, 403);
    }

    let before = user_count(&app);
    for q in [
        "%25",
        "_",
        "'%20OR%20'1'='1",
        "%22%3B%20DROP%20TABLE%20users%3B--",
        "%5C",
        "%F0%9F%92%A5",
    ] {
        let page = app
            .get_bearer(&format!("/api/v1/users?q={q}"), &staff.admin)
            .await;
        assert_eq!(page.status, 200, "{q}: {}", page.body);
        assert!(page.json()["items"].as_array().unwrap().is_empty(), "{q}");
    }
    assert_eq!(
        app.get_bearer("/api/v1/users?q=%00", &staff.admin)
            .await
            .status,
        400
    );
    assert_eq!(
        app.get_bearer("/api/v1/users?cursor=!!", &staff.admin)
            .await
            .status,
        400
    );
    assert_eq!(
        app.get_bearer("/api/v1/users?sort=name", &staff.admin)
            .await
            .status,
        400
    );
    assert_eq!(user_count(&app), before);

    let mut seen = Vec::new();
    let mut path = "/api/v1/users?limit=2".to_string();
    loop {
        let page = app.get_bearer(&path, &staff.admin).await.json();
        for u in page["items"].as_array().unwrap() {
            assert!(u["organisation"].is_string() && u["status"] == "active");
            seen.push(u["email"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/users?limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, all);
}

#[actix_web::test]
async fn organisations_are_listed_for_all_and_managed_by_administrators() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let list = app
        .get_bearer(
            "/api/v1/organisations?kind=member_state&limit=500",
            &staff.observer,
        )
        .await;
    assert_eq!(list.status, 200);
    let ken = list.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == "KEN")
        .cloned()
        .unwrap();
    assert_eq!(ken["kind"], "member_state");
    assert_eq!(ken["active"], true);
    assert_eq!(ken["require_totp"], false);

    let new = json!({"code": "GCTFX", "name": "Test Forum", "kind": "observer"});
    assert_eq!(
        app.post_json_bearer("/api/v1/organisations", &staff.focal_ken, &new)
            .await
            .status,
        403
    );
    let created = app
        .post_json_bearer("/api/v1/organisations", &staff.admin, &new)
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let org_id = created.json()["id"].as_str().unwrap().to_string();
    let dup = json!({"code": "gctfx", "name": "Again", "kind": "observer"});
    assert_eq!(
        app.post_json_bearer("/api/v1/organisations", &staff.admin, &dup)
            .await
            .status,
        409
    );
    for bad in [
        json!({"code": "ABCD", "name": "Not a State", "kind": "member_state"}),
        json!({"code": "X", "name": "Short", "kind": "observer"}),
        json!({"code": "NEW-ONE", "name": "Dash", "kind": "observer"}),
        json!({"code": "NEWONE", "name": "Bad kind", "kind": "club"}),
        json!({"code": "NEWONE", "name": "", "kind": "observer"}),
        json!({"code": "NEWONE", "name": "Extra", "kind": "observer", "active": true}),
    ] {
        let res = app
            .post_json_bearer("/api/v1/organisations", &staff.admin, &bad)
            .await;
        assert_eq!(res.status, 400, "{bad}: {}", res.body);
    }

    // Someone in the new organisation, then the organisation is deactivated.
    invite(
        &app,
        &staff.admin,
        "member@forum.example.org",
        "GCTFX",
        "observer",
    )
    .await;
    let ken_org = ken["id"].as_str().unwrap();
    let path = format!("/api/v1/organisations/{ken_org}");
    let res = patch_bearer(
        &app,
        &path,
        &staff.admin,
        &json!({"active": false, "require_totp": true, "name": "Kenya (test)"}),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.json()["active"], false);
    assert_eq!(
        app.get_bearer("/api/v1/me", &staff.focal_ken).await.status,
        401
    );
    assert_eq!(
        app.get_bearer("/api/v1/me", &staff.observer).await.status,
        401
    );
    assert_eq!(app.login_api(FOCAL_KEN, PASSWORD).await.status, 401);
    let res = patch_bearer(
        &app,
        &path,
        &staff.admin,
        &json!({"kind": "compact_entity"}),
    )
    .await;
    assert_eq!(res.status, 200);
    let res = patch_bearer(
        &app,
        &format!("/api/v1/organisations/{org_id}"),
        &staff.admin,
        &json!({"kind": "member_state"}),
    )
    .await;
    assert_eq!(res.status, 400, "GCTFX is no ISO code");
    let res = patch_bearer(&app, &path, &staff.focal_fra, &json!({"active": true})).await;
    assert_eq!(res.status, 403);
    let res = patch_bearer(
        &app,
        "/api/v1/organisations/nope",
        &staff.admin,
        &json!({"active": true}),
    )
    .await;
    assert_eq!(res.status, 404);
    let own: String = {
        let me = app
            .get_bearer("/api/v1/organisations?limit=500", &staff.admin)
            .await
            .json();
        me["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["code"] == "UNOCT")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let res = patch_bearer(
        &app,
        &format!("/api/v1/organisations/{own}"),
        &staff.admin,
        &json!({"active": false}),
    )
    .await;
    assert_eq!(
        res.status, 400,
        "an administrator cannot lock their own organisation out"
    );

    let audit = app
        .get_bearer("/api/v1/audit?action=organisation.", &staff.admin)
        .await
        .json();
    assert_eq!(audit["items"].as_array().unwrap().len(), 3);
    assert_eq!(audit["items"][2]["action"], "organisation.create");
}

#[actix_web::test]
async fn the_audit_log_is_for_administrators_and_its_filters_match_exactly() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    for token in [&staff.focal_ken, &staff.coordinator, &staff.observer] {
        assert_eq!(app.get_bearer("/api/v1/audit", token).await.status, 403);
        assert_eq!(
            app.get_bearer("/api/v1/audit/export", token).await.status,
            403
        );
        assert_eq!(
            app.get_bearer("/api/v1/audit?format=csv", token)
                .await
                .status,
            403
        );
    }
    let invited = invite(
        &app,
        &staff.focal_ken,
        "one@ken.example.org",
        "KEN",
        "observer",
    )
    .await;
    let invited_id = invited["id"].as_str().unwrap();
    invite(&app, &staff.admin, "two@fra.example.org", "FRA", "observer").await;
    assert_eq!(
        app.login_api(FOCAL_KEN, "wrong password!!").await.status,
        401
    );

    let get = |q: &str| {
        let path = format!("/api/v1/audit?{q}");
        let token = staff.admin.clone();
        let app = &app;
        async move {
            let page = app.get_bearer(&path, &token).await;
            assert_eq!(page.status, 200, "{path}: {}", page.body);
            page.json()["items"].as_array().unwrap().clone()
        }
    };
    let invites = get("action=user.invite").await;
    assert_eq!(invites.len(), 2);
    assert!(invites.iter().all(|e| e["action"] == "user.invite"));
    assert!(
        invites[0]["seq"].as_i64() > invites[1]["seq"].as_i64(),
        "newest first"
    );
    assert!(
        get("action=user.inv").await.is_empty(),
        "exact unless it ends with a dot"
    );
    let by_focal = get("actor=FOCAL@KEN.example.org").await;
    assert!(!by_focal.is_empty());
    assert!(by_focal.iter().all(|e| e["actor_email"] == FOCAL_KEN));
    let logins = get("action=auth.login&actor=focal@ken.example.org").await;
    assert_eq!(
        logins
            .iter()
            .map(|e| e["outcome"].as_str().unwrap())
            .collect::<Vec<_>>(),
        vec!["failure", "success"]
    );
    let target = get(&format!("target=user:{invited_id}")).await;
    assert_eq!(target.len(), 1);
    assert_eq!(target[0]["details"]["email"], "one@ken.example.org");
    assert!(get("target=user")
        .await
        .iter()
        .all(|e| e["target_type"] == "user"));
    // A bare id (no `type:`) finds the entries about that target too.
    let by_id = get(&format!("target={invited_id}")).await;
    assert_eq!(by_id.len(), 1, "{by_id:?}");
    assert_eq!(by_id[0]["target_id"], invited_id);
    let today = chrono::Utc::now().date_naive();
    let yesterday = today.pred_opt().unwrap();
    assert!(get(&format!("to={yesterday}")).await.is_empty());
    assert!(!get(&format!("from={today}&to={today}")).await.is_empty());
    assert!(get(&format!("from={}", today.succ_opt().unwrap()))
        .await
        .is_empty());
    for bad in [
        "from=yesterday",
        "to=2026-13-01",
        "cursor=abc",
        "format=xml",
        "colour=red",
    ] {
        assert_eq!(
            app.get_bearer(&format!("/api/v1/audit?{bad}"), &staff.admin)
                .await
                .status,
            400,
            "{bad}"
        );
    }

    // Keyset paging walks every entry once, newest first.
    let everything = get("limit=200").await;
    let mut seqs = Vec::new();
    let mut path = "/api/v1/audit?limit=3".to_string();
    loop {
        let page = app.get_bearer(&path, &staff.admin).await.json();
        seqs.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["seq"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/audit?limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(
        seqs,
        everything
            .iter()
            .map(|e| e["seq"].as_i64().unwrap())
            .collect::<Vec<_>>()
    );
}

#[actix_web::test]
async fn the_csv_export_has_a_header_neutralises_formulas_and_is_audited() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    assert_eq!(
        app.login_api("=cmd|' /c calc'!A1", "wrong password!!")
            .await
            .status,
        401
    );
    for path in [
        "/api/v1/audit/export?action=auth.login",
        "/api/v1/audit?format=csv&action=auth.login",
    ] {
        let csv = app.get_bearer(path, &staff.admin).await;
        assert_eq!(csv.status, 200);
        assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
        let mut lines = csv.body.lines();
        assert_eq!(
            lines.next().unwrap(),
            "seq,at,actor_email,action,target_type,target_id,ip,outcome,details"
        );
        assert!(csv.body.contains("'=cmd"), "{}", csv.body);
        assert!(
            !csv.body.contains(",=cmd") && !csv.body.contains(",\"=cmd"),
            "{}",
            csv.body
        );
        assert!(csv.body.lines().skip(1).all(|l| l.contains("auth.login")));
    }
    let exports = app
        .get_bearer("/api/v1/audit?action=audit.export", &staff.admin)
        .await
        .json();
    assert_eq!(exports["items"].as_array().unwrap().len(), 2);
    assert_eq!(exports["items"][0]["actor_email"], ADMIN);
}

#[actix_web::test]
async fn admin_pages_are_for_administrators_and_focal_points_see_their_organisation() {
    let app = spawn_app().await;
    let _staff = staff(&app).await;
    for email in [FOCAL_KEN, COORD, OBSERVER] {
        let mut browser = app.browser_login(email, PASSWORD).await;
        for path in [
            "/admin",
            "/admin/audit",
            "/admin/audit/verify",
            "/admin/organisations",
            "/admin/audit/export",
        ] {
            let page = app.browser_get(&mut browser, path).await;
            assert_eq!(page.status, 403, "{email} {path}");
        }
        let expected = if email == FOCAL_KEN { 200 } else { 403 };
        assert_eq!(
            app.browser_get(&mut browser, "/admin/users").await.status,
            expected,
            "{email}"
        );
    }

    // A focal point: their organisation only, invite and deactivate, no role changes.
    let mut focal = app.browser_login(FOCAL_KEN, PASSWORD).await;
    let page = app.browser_get(&mut focal, "/admin/users").await;
    assert!(page.body.contains(OBSERVER) && !page.body.contains(FOCAL_FRA));
    assert!(
        !page.body.contains("/role\""),
        "no role form for focal points"
    );
    assert!(
        page.body.contains("href=\"/admin/users\""),
        "navigation entry"
    );
    let csrf = page.csrf_field();
    let before = user_count(&app);
    let res = app
        .browser_post(
            &mut focal,
            "/admin/users/invite",
            &[
                ("csrf_token", &csrf),
                ("email", "page@ken.example.org"),
                ("name", "Page Invite"),
                ("organisation", "FRA"),
                ("role", "observer"),
            ],
        )
        .await;
    assert_eq!(res.status, 403, "another organisation, through the form");
    assert_eq!(user_count(&app), before);
    let res = app
        .browser_post(
            &mut focal,
            "/admin/users/invite",
            &[
                ("csrf_token", "00ff"),
                ("email", "page@ken.example.org"),
                ("name", "Page Invite"),
                ("organisation", "KEN"),
                ("role", "observer"),
            ],
        )
        .await;
    assert_eq!(res.status, 403, "a forged CSRF token");
    let res = app
        .browser_post(
            &mut focal,
            "/admin/users/invite",
            &[
                ("csrf_token", &csrf),
                ("email", "page@ken.example.org"),
                ("name", "Page Invite"),
                ("organisation", "KEN"),
                ("role", "observer"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = app
        .browser_get(&mut focal, "/admin/users?done=invited")
        .await;
    assert!(page.body.contains("page@ken.example.org"));
    let observer_id = id_of(&app, OBSERVER);
    let res = app
        .browser_post(
            &mut focal,
            &format!("/admin/users/{observer_id}/active"),
            &[("csrf_token", &csrf), ("active", "false")],
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(!is_active(&app, OBSERVER));
    let fra_id = id_of(&app, FOCAL_FRA);
    let res = app
        .browser_post(
            &mut focal,
            &format!("/admin/users/{fra_id}/active"),
            &[("csrf_token", &csrf), ("active", "false")],
        )
        .await;
    assert_eq!(res.status, 404);
    assert!(is_active(&app, FOCAL_FRA));

    // An administrator: everything, through the forms.
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;
    let page = app.browser_get(&mut admin, "/admin").await;
    assert_eq!(page.status, 200);
    let page = app.browser_get(&mut admin, "/admin/users?q=focal").await;
    assert!(page.body.contains(FOCAL_FRA) && !page.body.contains(COORD));
    let csrf = page.csrf_field();
    let res = app
        .browser_post(
            &mut admin,
            &format!("/admin/users/{fra_id}/role"),
            &[("csrf_token", &csrf), ("role", "observer")],
        )
        .await;
    assert_eq!(res.status, 303);
    let res = app
        .browser_post(
            &mut admin,
            &format!("/admin/users/{fra_id}/organisation"),
            &[("csrf_token", &csrf), ("organisation", "BEL")],
        )
        .await;
    assert_eq!(res.status, 303);
    let (role, org): (String, String) = users::table
        .inner_join(portal::db::schema::organisations::table)
        .filter(users::id.eq(&fra_id))
        .select((users::role, portal::db::schema::organisations::code))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((role.as_str(), org.as_str()), ("observer", "BEL"));
    let page = app.browser_get(&mut admin, "/admin/organisations").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"org-KEN\""));
    let res = app
        .browser_post(
            &mut admin,
            "/admin/organisations",
            &[
                ("csrf_token", &csrf),
                ("code", "ABCD"),
                ("name", "Bad"),
                ("kind", "member_state"),
            ],
        )
        .await;
    assert_eq!(res.status, 400);
    let res = app
        .browser_post(
            &mut admin,
            "/admin/organisations",
            &[
                ("csrf_token", &csrf),
                ("code", "NEWORG"),
                ("name", "New Org"),
                ("kind", "compact_entity"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = app
        .browser_get(&mut admin, "/admin/audit?action=user.")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("user.role_change") && page.body.contains("user.invite"));
    assert!(!page.body.contains("auth.login</span>"));
    // Each target links to where it can be followed: the entries about that account.
    assert!(
        page.body
            .contains("<a href=\"&#x2F;admin&#x2F;audit?target=user%3A"),
        "{}",
        page.body
    );
    let csv = app
        .browser_get(&mut admin, "/admin/audit/export?action=user.")
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with("seq,at,"));
    let page = app.browser_get(&mut admin, "/admin/audit/verify").await;
    assert_eq!(page.status, 200);
    let res = app
        .browser_post(
            &mut admin,
            "/admin/audit/verify",
            &[("csrf_token", &page.csrf_field())],
        )
        .await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("The chain is intact"), "{}", res.body);
}

#[actix_web::test]
async fn the_openapi_document_lists_the_administration_endpoints() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/users", "get"),
        ("/api/v1/users", "post"),
        ("/api/v1/users/{id}", "patch"),
        ("/api/v1/users/{id}/invitation", "post"),
        ("/api/v1/users/{id}/invitation", "delete"),
        ("/api/v1/organisations", "get"),
        ("/api/v1/organisations", "post"),
        ("/api/v1/organisations/{id}", "patch"),
        ("/api/v1/audit", "get"),
        ("/api/v1/audit/export", "get"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path}");
    }
}
