//! The account lifecycle as people live it: an administrator invites a coordinator through
//! the pages, the invitation arrives by mail, the coordinator sets a password and two-factor
//! and signs in with a code; the administrator deactivates them, their open browser session
//! ends on the next click, and the audit page shows all of it. Also the administrator's
//! two-factor reset.

use portal::domain::Role;
use portal::services::account::two_factor;
use serde_json::json;

use crate::credentials::set_password_form;
use crate::helpers::{spawn_app, spawn_app_with_smtp, Browser, TestApp, PASSWORD};
use crate::password_reset::link_token;
use crate::people::now;

const ADMIN: &str = "ada@unoct.example.org";
const NEW: &str = "nadia@cted.example.org";
const NEW_PASSWORD: &str = "the river bends at dawn";

async fn form_login(app: &TestApp, email: &str, password: &str, code: &str) -> (Browser, u16) {
    let (browser, res) = app.form_login(email, password, code).await;
    (browser, res.status)
}

#[actix_web::test]
async fn invited_coordinator_sets_password_and_two_factor_then_is_deactivated() {
    let (smtp, app) = spawn_app_with_smtp().await;
    app.add_user(ADMIN, "UNOCT", Role::Admin);
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;

    // The administrator invites a coordinator through the form.
    let page = app.browser_get(&mut admin, "/admin/users").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let invitation = [
        ("email", NEW),
        ("name", "Nadia Haddad"),
        ("organisation", "CTED"),
        ("role", "coordinator"),
    ];
    let res = app
        .browser_submit(&mut admin, &page, "/admin/users/invite", &invitation)
        .await;
    assert_eq!(res.status, 303, "{}", res.body);

    // The mail arrives; its link sets the password.
    let mails = smtp.wait_for(1, 20).await;
    assert_eq!(mails[0].rcpt_to(), NEW);
    let token = link_token(&mails[0], "/set-password");
    let mut nadia = Browser::default();
    let page = app
        .browser_get(&mut nadia, &format!("/set-password?token={token}"))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let res = set_password_form(&app, &mut nadia, &token, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(res.status, 303, "{}", res.body);

    // First sign-in: password only, then the portal insists on two-factor.
    let (mut nadia, status) = form_login(&app, NEW, NEW_PASSWORD, "").await;
    assert_eq!(status, 303);
    let home = app.browser_get(&mut nadia, "/").await;
    assert_eq!(
        home.header("location").as_deref(),
        Some("/account/two-factor")
    );
    let setup = app.browser_get(&mut nadia, "/account/two-factor").await;
    assert!(setup.body.contains("<svg"));
    let marker = "id=\"tf-secret\">";
    let start = setup.body.find(marker).unwrap() + marker.len();
    let secret: String = setup.body[start..]
        .split('<')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    let code = two_factor::code_at(&secret, now()).unwrap();
    let done = app
        .browser_submit(
            &mut nadia,
            &setup,
            "/account/two-factor",
            &[("code", &code)],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body.matches("<li><code>").count(), 10);

    // Signing in again needs a code; with the next one it works.
    let (_, status) = form_login(&app, NEW, NEW_PASSWORD, "").await;
    assert_eq!(status, 401);
    let next = two_factor::code_at(&secret, now() + 30).unwrap();
    let (mut nadia, status) = form_login(&app, NEW, NEW_PASSWORD, &next).await;
    assert_eq!(status, 303);
    assert_eq!(app.browser_get(&mut nadia, "/reports").await.status, 200);

    // The administrator deactivates her; her open session ends on her next click.
    let id = app.user_id(NEW);
    let page = app.browser_get(&mut admin, "/admin/users").await;
    assert!(page.body.contains(NEW));
    let path = format!("/admin/users/{id}/active");
    let res = app
        .browser_submit(
            &mut admin,
            &page,
            &path,
            &[("active", "false"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let click = app.browser_get(&mut nadia, "/needs").await;
    assert_eq!(click.status, 303);
    assert!(click.header("location").unwrap().starts_with("/login"));
    let (_, status) = form_login(&app, NEW, NEW_PASSWORD, &next).await;
    assert_eq!(status, 401);

    // The audit page shows all of it.
    let audit = app
        .browser_get(&mut admin, &format!("/admin/audit?target=user:{id}"))
        .await;
    assert_eq!(audit.status, 200, "{}", audit.body);
    for action in ["user.invite", "account.totp_enabled", "user.deactivate"] {
        assert!(audit.body.contains(action), "{action} in the audit page");
    }
    let logins = app
        .browser_get(
            &mut admin,
            &format!("/admin/audit?actor={NEW}&action=auth."),
        )
        .await;
    assert!(logins.body.contains("auth.login"));
    let verify = app.browser_get(&mut admin, "/admin/audit/verify").await;
    assert_eq!(verify.status, 200);
}

#[actix_web::test]
async fn an_administrator_resets_two_factor_and_only_an_administrator() {
    let app = spawn_app().await;
    app.add_user(ADMIN, "UNOCT", Role::Admin);
    let coord = app.add_user("cy@cted.example.org", "CTED", Role::Coordinator);
    app.add_user("kim@ken.example.org", "KEN", Role::FocalPoint);
    let admin = app.token(ADMIN, PASSWORD).await;
    let coord_token = app.token("cy@cted.example.org", PASSWORD).await;
    let focal = app.token("kim@ken.example.org", PASSWORD).await;
    let path = format!("/api/v1/users/{coord}/totp");

    let delete = |token: String, path: String| {
        let req = app
            .client
            .delete(app.url(&path))
            .insert_header(("Authorization", format!("Bearer {token}")));
        async move { req.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(delete(focal.clone(), path.clone()).await, 403);
    assert_eq!(delete(coord_token.clone(), path.clone()).await, 403);
    let admin_id = app.user_id(ADMIN);
    assert_eq!(
        delete(admin.clone(), format!("/api/v1/users/{admin_id}/totp")).await,
        403,
        "not one's own"
    );
    assert_eq!(
        delete(admin.clone(), "/api/v1/users/no-such-id/totp".into()).await,
        404
    );
    // Nothing changed so far.
    assert_eq!(app.get_bearer("/api/v1/me", &coord_token).await.status, 200);

    assert_eq!(delete(admin.clone(), path.clone()).await, 200);
    // Sessions ended; the next sign-in (password only) must set two-factor up again.
    assert_eq!(app.get_bearer("/api/v1/me", &coord_token).await.status, 401);
    let res = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": "cy@cted.example.org", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let token = res.json()["token"].as_str().unwrap().to_string();
    let me = app.get_bearer("/api/v1/me", &token).await;
    assert_eq!(me.status, 403);
    assert_eq!(me.json()["error"]["code"], "totp_setup_required");
    // The account list shows it off; the audit trail has the reset.
    let list = app.get_bearer("/api/v1/users?q=cy%40cted", &admin).await;
    assert_eq!(list.json()["items"][0]["two_factor"], false);
    let audit = app
        .get_bearer("/api/v1/audit?action=user.totp_reset", &admin)
        .await;
    assert_eq!(audit.json()["items"].as_array().unwrap().len(), 1);
}
