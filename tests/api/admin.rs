//! Administration: the account list and changes (who may change whom, sessions ending at
//! once), organisations, the audit log with its filters and CSV export, and the /admin pages.

use awc::http::header;
use diesel::prelude::*;
use portal::db::schema::users;
use portal::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, Page, TestApp, PASSWORD};
use crate::invitations::{invite, staff, user_count, COORD, OBSERVER};

pub const ADMIN: &str = "root@unoct.example.org";
pub const FOCAL_KEN: &str = "focal@ken.example.org";
pub const FOCAL_FRA: &str = "focal@fra.example.org";

async fn emails(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    app.get_ok(path, token).await.item_fields("email")
}

/// Asks to deactivate the account at `path` as `token`; returns the status.
async fn deactivate(app: &TestApp, path: &str, token: &str) -> u16 {
    let body = json!({"active": false});
    app.patch_bearer(path, token, &body).await.status
}

#[actix_web::test]
async fn deactivating_a_user_ends_their_token_and_browser_session_at_once() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let mut browser = app.browser_login(OBSERVER, PASSWORD).await;
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);
    let path = format!("/api/v1/users/{}", app.user_id(OBSERVER));

    let res = app
        .patch_bearer(&path, &staff.focal_ken, &json!({"active": false}))
        .await;
    assert_eq!(res.assert_status(200).json()["status"], "deactivated");

    app.get_bearer("/api/v1/me", &staff.observer)
        .await
        .assert_status(401);
    let page = app.browser_get(&mut browser, "/needs").await;
    assert_eq!(page.status, 303);
    assert!(page.header("location").unwrap().starts_with("/login"));
    assert_eq!(app.login_api(OBSERVER, PASSWORD).await.status, 401);

    let res = app
        .patch_bearer(&path, &staff.admin, &json!({"active": true}))
        .await;
    assert_eq!(res.assert_status(200).json()["status"], "active");
    assert_eq!(app.login_api(OBSERVER, PASSWORD).await.status, 200);

    let audit = app
        .get_bearer("/api/v1/audit?action=user.", &staff.admin)
        .await;
    let actions = audit.item_fields("action");
    assert_eq!(
        actions,
        ["user.activate", "user.deactivate"],
        "newest first"
    );
    assert_eq!(audit.json()["items"][1]["actor_email"], FOCAL_KEN);
}

#[actix_web::test]
async fn role_and_organisation_changes_end_sessions_and_are_for_administrators() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let id = app.user_id(OBSERVER);
    let path = format!("/api/v1/users/{id}");

    // A focal point manages this account but may not change its role or organisation.
    for body in [
        json!({"role": "focal_point"}),
        json!({"organisation": "FRA"}),
    ] {
        let res = app.patch_bearer(&path, &staff.focal_ken, &body).await;
        assert_eq!(res.status, 403, "{}", res.body);
    }
    app.get_bearer("/api/v1/me", &staff.observer)
        .await
        .assert_status(200);

    let res = app
        .patch_bearer(&path, &staff.admin, &json!({"role": "focal_point"}))
        .await;
    assert_eq!(res.assert_status(200).json()["role"], "focal_point");
    app.get_bearer("/api/v1/me", &staff.observer)
        .await
        .assert_status(401);

    let token = app.token(OBSERVER, PASSWORD).await;
    let res = app
        .patch_bearer(&path, &staff.admin, &json!({"organisation": "fra"}))
        .await;
    assert_eq!(res.assert_status(200).json()["organisation"], "FRA");
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 401);
    let me = app.token(OBSERVER, PASSWORD).await;
    let me = app.get_bearer("/api/v1/me", &me).await;
    assert_eq!(me.json()["organisation_code"], "FRA");

    let audit = app
        .get_bearer(&format!("/api/v1/audit?target=user:{id}"), &staff.admin)
        .await;
    let items = audit.items();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["action"], "user.organisation_change");
    assert_eq!(items[0]["details"], json!({"from": "KEN", "to": "FRA"}));
    assert_eq!(
        items[1]["details"],
        json!({"from": "observer", "to": "focal_point"})
    );

    // Nobody changes their own account here; bodies are checked.
    let own = format!("/api/v1/users/{}", app.user_id(ADMIN));
    let res = app
        .patch_bearer(&own, &staff.admin, &json!({"role": "observer"}))
        .await;
    assert_eq!(res.status, 403);
    for body in [
        json!({}),
        json!({"active": false, "admin": true}),
        json!({"role": "root"}),
    ] {
        let res = app.patch_bearer(&path, &staff.admin, &body).await;
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
    app.add_user("boss@ken.example.org", "KEN", Role::Coordinator);
    let user = |email: &str| format!("/api/v1/users/{}", app.user_id(email));
    for email in [FOCAL_FRA, "boss@ken.example.org", ADMIN] {
        let status = deactivate(&app, &user(email), &staff.focal_ken).await;
        assert_eq!(status, 404, "{email}");
        assert!(app.is_active(email), "{email} unchanged");
    }
    let status = deactivate(&app, "/api/v1/users/no-such-id", &staff.focal_ken).await;
    assert_eq!(status, 404);
    let status = deactivate(&app, &user(FOCAL_KEN), &staff.focal_ken).await;
    assert_eq!(status, 403);
    assert!(app.is_active(FOCAL_KEN));
    app.get_bearer("/api/v1/me", &staff.focal_fra)
        .await
        .assert_status(200);
    for token in [&staff.coordinator, &staff.observer] {
        assert_eq!(deactivate(&app, &user(FOCAL_FRA), token).await, 403);
    }
    assert!(app.is_active(FOCAL_FRA));
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

    // A focal point's organisation filter cannot widen their view.
    for (path, token, expected) in [
        ("/api/v1/users", &staff.focal_ken, vec![FOCAL_KEN, OBSERVER]),
        ("/api/v1/users?organisation=FRA", &staff.focal_ken, vec![]),
        (
            "/api/v1/users?organisation=fra",
            &staff.admin,
            vec![FOCAL_FRA],
        ),
        ("/api/v1/users?q=COORD", &staff.admin, vec![COORD]),
        ("/api/v1/users?q=Test%20obs", &staff.admin, vec![OBSERVER]),
    ] {
        assert_eq!(emails(&app, path, token).await, expected, "{path}");
    }
    app.assert_get_statuses([
        ("/api/v1/users", &staff.coordinator, 403),
        ("/api/v1/users", &staff.observer, 403),
    ])
    .await;

    let before = user_count(&app);
    for q in [
        "%25",
        "_",
        "'%20OR%20'1'='1",
        "%22%3B%20DROP%20TABLE%20users%3B--",
        "%5C",
        "%F0%9F%92%A5",
    ] {
        let found = emails(&app, &format!("/api/v1/users?q={q}"), &staff.admin).await;
        assert!(found.is_empty(), "{q}");
    }
    app.assert_get_statuses(
        ["q=%00", "cursor=!!", "sort=name"]
            .map(|q| (format!("/api/v1/users?{q}"), &staff.admin, 400)),
    )
    .await;
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

/// The id of the organisation `code` in a list of organisations.
fn org_id(list: &Page, code: &str) -> String {
    let items = list.items();
    let org = items.iter().find(|o| o["code"] == code).unwrap();
    org["id"].as_str().unwrap().to_string()
}

#[actix_web::test]
async fn organisations_are_listed_for_all_and_managed_by_administrators() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let list = "/api/v1/organisations?kind=member_state&limit=500";
    let list = app
        .get_bearer(list, &staff.observer)
        .await
        .assert_status(200);
    let ken = list
        .items()
        .into_iter()
        .find(|o| o["code"] == "KEN")
        .unwrap();
    assert_eq!(ken["kind"], "member_state");
    assert_eq!(ken["active"], true);
    assert_eq!(ken["require_totp"], false);

    let orgs = "/api/v1/organisations";
    let new = json!({"code": "GCTFX", "name": "Test Forum", "kind": "observer"});
    let res = app.post_json_bearer(orgs, &staff.focal_ken, &new).await;
    assert_eq!(res.status, 403);
    let created = app.post_json_bearer(orgs, &staff.admin, &new).await;
    let org_id_new = created.assert_status(201).field("id");
    let dup = json!({"code": "gctfx", "name": "Again", "kind": "observer"});
    assert_eq!(
        app.post_json_bearer(orgs, &staff.admin, &dup).await.status,
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
        let res = app.post_json_bearer(orgs, &staff.admin, &bad).await;
        assert_eq!(res.status, 400, "{bad}: {}", res.body);
    }

    // Someone in the new organisation, then the organisation is deactivated.
    let member = "member@forum.example.org";
    invite(&app, &staff.admin, member, "GCTFX", "observer").await;
    let path = format!("/api/v1/organisations/{}", ken["id"].as_str().unwrap());
    let change = json!({"active": false, "require_totp": true, "name": "Kenya (test)"});
    let res = app.patch_bearer(&path, &staff.admin, &change).await;
    assert_eq!(res.assert_status(200).json()["active"], false);
    app.get_bearer("/api/v1/me", &staff.focal_ken)
        .await
        .assert_status(401);
    app.get_bearer("/api/v1/me", &staff.observer)
        .await
        .assert_status(401);
    assert_eq!(app.login_api(FOCAL_KEN, PASSWORD).await.status, 401);

    let all = app
        .get_bearer("/api/v1/organisations?limit=500", &staff.admin)
        .await;
    let own = format!("/api/v1/organisations/{}", org_id(&all, "UNOCT"));
    let forum = format!("/api/v1/organisations/{org_id_new}");
    for (path, token, body, status, why) in [
        (
            &path,
            &staff.admin,
            json!({"kind": "compact_entity"}),
            200,
            "",
        ),
        (
            &forum,
            &staff.admin,
            json!({"kind": "member_state"}),
            400,
            "GCTFX is no ISO code",
        ),
        (&path, &staff.focal_fra, json!({"active": true}), 403, ""),
        (
            &"/api/v1/organisations/nope".into(),
            &staff.admin,
            json!({"active": true}),
            404,
            "",
        ),
        (
            &own,
            &staff.admin,
            json!({"active": false}),
            400,
            "an administrator cannot lock their own organisation out",
        ),
    ] {
        let res = app.patch_bearer(path, token, &body).await;
        assert_eq!(res.status, status, "{path} {body} {why}");
    }

    let audit = app
        .get_bearer("/api/v1/audit?action=organisation.", &staff.admin)
        .await;
    assert_eq!(audit.items().len(), 3);
    assert_eq!(audit.items()[2]["action"], "organisation.create");
}

#[actix_web::test]
async fn the_audit_log_is_for_administrators_and_its_filters_match_exactly() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    for token in [&staff.focal_ken, &staff.coordinator, &staff.observer] {
        app.assert_get_statuses(
            [
                "/api/v1/audit",
                "/api/v1/audit/export",
                "/api/v1/audit?format=csv",
            ]
            .map(|path| (path, token, 403)),
        )
        .await;
    }
    let one = "one@ken.example.org";
    let invited = invite(&app, &staff.focal_ken, one, "KEN", "observer").await;
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
        async move { app.get_ok(&path, &token).await.items() }
    };
    let invites = get("action=user.invite").await;
    assert_eq!(invites.len(), 2);
    assert!(invites.iter().all(|e| e["action"] == "user.invite"));
    let newest_first = invites[0]["seq"].as_i64() > invites[1]["seq"].as_i64();
    assert!(newest_first, "newest first");
    let partial = get("action=user.inv").await;
    assert!(partial.is_empty(), "exact unless it ends with a dot");
    let by_focal = get("actor=FOCAL@KEN.example.org").await;
    assert!(!by_focal.is_empty());
    assert!(by_focal.iter().all(|e| e["actor_email"] == FOCAL_KEN));
    let logins = get("action=auth.login&actor=focal@ken.example.org").await;
    let outcomes: Vec<_> = logins
        .iter()
        .map(|e| e["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, vec!["failure", "success"]);
    let target = get(&format!("target=user:{invited_id}")).await;
    assert_eq!(target.len(), 1);
    assert_eq!(target[0]["details"]["email"], "one@ken.example.org");
    let users = get("target=user").await;
    assert!(users.iter().all(|e| e["target_type"] == "user"));
    // A bare id (no `type:`) finds the entries about that target too.
    let by_id = get(&format!("target={invited_id}")).await;
    assert_eq!(by_id.len(), 1, "{by_id:?}");
    assert_eq!(by_id[0]["target_id"], invited_id);
    let today = chrono::Utc::now().date_naive();
    let yesterday = today.pred_opt().unwrap();
    let tomorrow = today.succ_opt().unwrap();
    assert!(get(&format!("to={yesterday}")).await.is_empty());
    assert!(!get(&format!("from={today}&to={today}")).await.is_empty());
    assert!(get(&format!("from={tomorrow}")).await.is_empty());
    let bad = [
        "from=yesterday",
        "to=2026-13-01",
        "cursor=abc",
        "format=xml",
        "colour=red",
    ];
    app.assert_get_statuses(bad.map(|q| (format!("/api/v1/audit?{q}"), &staff.admin, 400)))
        .await;

    // Keyset paging walks every entry once, newest first.
    let seq = |e: &Value| e["seq"].as_i64().unwrap();
    let everything = get("limit=200").await;
    let mut seqs = Vec::new();
    let mut path = "/api/v1/audit?limit=3".to_string();
    loop {
        let page = app.get_bearer(&path, &staff.admin).await;
        seqs.extend(page.items().iter().map(seq));
        match page.json()["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/audit?limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seqs, everything.iter().map(seq).collect::<Vec<_>>());
}

#[actix_web::test]
async fn the_csv_export_has_a_header_neutralises_formulas_and_is_audited() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let formula = app
        .login_api("=cmd|' /c calc'!A1", "wrong password!!")
        .await;
    assert_eq!(formula.status, 401);
    for path in [
        "/api/v1/audit/export?action=auth.login",
        "/api/v1/audit?format=csv&action=auth.login",
    ] {
        let csv = app.get_bearer(path, &staff.admin).await;
        assert_eq!(csv.status, 200);
        assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
        let mut lines = csv.body.lines();
        let header = "seq,at,actor_email,action,target_type,target_id,ip,outcome,details";
        assert_eq!(lines.next().unwrap(), header);
        assert!(csv.body.contains("'=cmd"), "{}", csv.body);
        let raw = csv.body.contains(",=cmd") || csv.body.contains(",\"=cmd");
        assert!(!raw, "{}", csv.body);
        assert!(csv.body.lines().skip(1).all(|l| l.contains("auth.login")));
    }
    let exports = app
        .get_bearer("/api/v1/audit?action=audit.export", &staff.admin)
        .await;
    assert_eq!(exports.items().len(), 2);
    assert_eq!(exports.items()[0]["actor_email"], ADMIN);
}

#[actix_web::test]
async fn admin_pages_are_for_administrators_and_focal_points_see_their_organisation() {
    let app = spawn_app().await;
    let _staff = staff(&app).await;
    for email in [FOCAL_KEN, COORD, OBSERVER] {
        let mut browser = app.browser_login(email, PASSWORD).await;
        let users = if email == FOCAL_KEN { 200 } else { 403 };
        for (path, expected) in [
            ("/admin", 403),
            ("/admin/audit", 403),
            ("/admin/audit/verify", 403),
            ("/admin/organisations", 403),
            ("/admin/audit/export", 403),
            ("/admin/users", users),
        ] {
            let page = app.browser_get(&mut browser, path).await;
            assert_eq!(page.status, expected, "{email} {path}");
        }
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
    let invite_as = |org| {
        let mut fields = vec![("email", "page@ken.example.org"), ("name", "Page Invite")];
        fields.extend([("organisation", org), ("role", "observer")]);
        fields
    };
    let res = app
        .submit(&mut focal, "/admin/users/invite", &invite_as("FRA"))
        .await;
    assert_eq!(res.status, 403, "another organisation, through the form");
    assert_eq!(user_count(&app), before);
    let mut forged = vec![("csrf_token", "00ff")];
    forged.extend(invite_as("KEN"));
    let res = app
        .browser_post(&mut focal, "/admin/users/invite", &forged)
        .await;
    assert_eq!(res.status, 403, "a forged CSRF token");
    let res = app
        .submit(&mut focal, "/admin/users/invite", &invite_as("KEN"))
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = app
        .browser_get(&mut focal, "/admin/users?done=invited")
        .await;
    assert!(page.body.contains("page@ken.example.org"));
    assert_eq!(page.csrf_field(), csrf, "the same session, the same token");
    let fra_id = app.user_id(FOCAL_FRA);
    for (email, status, active) in [(OBSERVER, 303, false), (FOCAL_FRA, 404, true)] {
        let path = format!("/admin/users/{}/active", app.user_id(email));
        let fields = [("active", "false"), ("confirm", "yes")];
        let res = app.submit(&mut focal, &path, &fields).await;
        assert_eq!(res.status, status, "{email}");
        assert_eq!(app.is_active(email), active, "{email}");
    }

    // An administrator: everything, through the forms.
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;
    let page = app.browser_get(&mut admin, "/admin").await;
    assert_eq!(page.status, 200);
    let page = app.browser_get(&mut admin, "/admin/users?q=focal").await;
    assert!(page.body.contains(FOCAL_FRA) && !page.body.contains(COORD));
    for (change, field, value) in [
        ("role", "role", "observer"),
        ("organisation", "organisation", "BEL"),
    ] {
        let path = format!("/admin/users/{fra_id}/{change}");
        let res = app.submit(&mut admin, &path, &[(field, value)]).await;
        assert_eq!(res.status, 303, "{change}");
    }
    let (role, org): (String, String) = users::table
        .inner_join(portal::db::schema::organisations::table)
        .filter(users::id.eq(&fra_id))
        .select((users::role, portal::db::schema::organisations::code))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((role.as_str(), org.as_str()), ("observer", "BEL"));
    let page = app
        .browser_get(&mut admin, "/admin/organisations?q=KEN")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"org-KEN\""));
    for (code, name, kind, status) in [
        ("ABCD", "Bad", "member_state", 400),
        ("NEWORG", "New Org", "compact_entity", 303),
    ] {
        let fields = [("code", code), ("name", name), ("kind", kind)];
        let res = app
            .submit(&mut admin, "/admin/organisations", &fields)
            .await;
        assert_eq!(res.status, status, "{code}");
    }
    let page = app
        .browser_get(&mut admin, "/admin/audit?action=user.")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("user.role_change") && page.body.contains("user.invite"));
    assert!(!page.body.contains("auth.login</span>"));
    // Each target links to where it can be followed: the account's page.
    let link = "<a href=\"&#x2F;admin&#x2F;users&#x2F;";
    assert!(page.body.contains(link), "{}", page.body);
    let csv = app
        .browser_get(&mut admin, "/admin/audit/export?action=user.")
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with("seq,at,"));
    let page = app.browser_get(&mut admin, "/admin/audit/verify").await;
    assert_eq!(page.status, 200);
    let res = app.submit(&mut admin, "/admin/audit/verify", &[]).await;
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

/// A read answered an instant before is in the audit log and its export at once, although on
/// SQLite its entry was committed to the spool: the log chains the spool first. (No
/// `app.conn()` here, which would chain it for the test.)
#[actix_web::test]
async fn the_audit_log_shows_a_read_answered_just_before() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let read = app
        .get_bearer("/api/v1/reports/spooled-read", &staff.focal_ken)
        .await;
    assert_eq!(read.status, 404);
    let log = app
        .get_bearer("/api/v1/audit?action=report.read", &staff.admin)
        .await;
    assert_eq!(
        log.assert_status(200).item_fields("target_id"),
        ["spooled-read"]
    );
    let again = app
        .get_bearer("/api/v1/reports/spooled-again", &staff.focal_ken)
        .await;
    assert_eq!(again.status, 404);
    let export = app
        .get_bearer("/api/v1/audit/export?action=report.read", &staff.admin)
        .await;
    assert_eq!(export.status, 200);
    assert!(export.body.contains("spooled-again"), "{}", export.body);
}
