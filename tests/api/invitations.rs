//! Invitations: who may invite whom, the mailed one-time link (through a real SMTP server),
//! expiry, single use, revocation and re-sending.

use diesel::prelude::*;
use portal::db::schema::{account_tokens, outbox, users};
use portal::domain::Role;
use serde_json::{json, Value};

use crate::admin::{ADMIN, FOCAL_FRA, FOCAL_KEN};
use crate::credentials::{accept_link, set_password_form};
use crate::helpers::{spawn_app, spawn_app_with_smtp, Browser, TestApp, PASSWORD};

pub const COORD: &str = "coord@unoct.example.org";
pub const OBSERVER: &str = "obs@ken.example.org";

/// An administrator (UNOCT), focal points of KEN and FRA, a coordinator and a KEN observer.
pub async fn staff(app: &TestApp) -> Staff {
    app.add_user(ADMIN, "UNOCT", Role::Admin);
    app.add_user(FOCAL_KEN, "KEN", Role::FocalPoint);
    app.add_user(FOCAL_FRA, "FRA", Role::FocalPoint);
    app.add_user(COORD, "UNOCT", Role::Coordinator);
    app.add_user(OBSERVER, "KEN", Role::Observer);
    Staff {
        admin: app.token(ADMIN, PASSWORD).await,
        focal_ken: app.token(FOCAL_KEN, PASSWORD).await,
        focal_fra: app.token(FOCAL_FRA, PASSWORD).await,
        coordinator: app.token(COORD, PASSWORD).await,
        observer: app.token(OBSERVER, PASSWORD).await,
    }
}

pub struct Staff {
    pub admin: String,
    pub focal_ken: String,
    pub focal_fra: String,
    pub coordinator: String,
    pub observer: String,
}

pub fn user_count(app: &TestApp) -> i64 {
    app.user_count()
}

pub async fn invite(app: &TestApp, token: &str, email: &str, org: &str, role: &str) -> Value {
    let body = invitation(email, "Invited Person", org, role);
    let res = app.post_json_bearer("/api/v1/users", token, &body).await;
    res.assert_status(201).json()
}

fn token_in(text: &str) -> String {
    let marker = "/set-password?token=";
    let start = text.find(marker).expect("the mail has a set-password link") + marker.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn accept(app: &TestApp, token: &str, password: &str) -> u16 {
    accept_link(app, token, password).await.status
}

/// The token of the newest invitation mailed to `email`.
async fn invitation_token(app: &TestApp, email: &str) -> String {
    app.mailed_token("invitation", email, "/set-password").await
}

/// An invitation's body, as `POST /api/v1/users` takes it.
fn invitation(email: &str, name: &str, org: &str, role: &str) -> Value {
    json!({"email": email, "name": name, "organisation": org, "role": role})
}

#[actix_web::test]
async fn an_admin_invites_the_mail_arrives_and_its_link_sets_the_password_once() {
    const NEW: &str = "new.person@unodc.example.org";
    let (smtp, app) = spawn_app_with_smtp().await;
    let staff = staff(&app).await;
    let invited = invite(&app, &staff.admin, NEW, "unodc", "focal_point").await;
    assert_eq!(invited["status"], "invited");
    assert_eq!(invited["organisation"], "UNODC");
    assert_eq!(invited["role"], "focal_point");
    assert_eq!(invited["active"], true);
    let stored_hash: Option<String> = users::table
        .filter(users::email.eq(NEW))
        .select(users::password_hash)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(stored_hash, None, "an invitation sets no password");
    let purposes: Vec<String> = account_tokens::table
        .select(account_tokens::purpose)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(purposes, vec!["invitation".to_string()]);

    let mails = smtp.wait_for(1, 20).await;
    assert_eq!(mails[0].rcpt_to(), NEW);
    assert!(mails[0].header("Subject").unwrap().contains("invitation"));
    let text = mails[0].decoded();
    assert!(
        text.contains("http://127.0.0.1/set-password?token="),
        "{text}"
    );
    let token = token_in(&text);
    assert_eq!(token.len(), 43, "256 bits, URL-safe base64: {token}");

    // The link, followed in a browser: the page offers the form, the form sets the password.
    let mut browser = Browser::default();
    let link = format!("/set-password?token={token}");
    app.browser_get(&mut browser, &link)
        .await
        .assert_status(200);
    let done = set_password_form(&app, &mut browser, &token, PASSWORD, PASSWORD).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let me = app.token(NEW, PASSWORD).await;
    let me = app.get_bearer("/api/v1/me", &me).await;
    assert_eq!(me.json()["organisation_code"], "UNODC");

    // Used once: neither the API nor the page accepts it again.
    assert_eq!(accept(&app, &token, "another long password").await, 400);
    assert_eq!(app.browser_get(&mut browser, &link).await.status, 400);
    let again = app.login_api(NEW, "another long password").await;
    assert_eq!(again.status, 401);
    let listed = app
        .get_bearer("/api/v1/users?q=new.person", &staff.admin)
        .await;
    assert_eq!(listed.items()[0]["status"], "active");
}

#[actix_web::test]
async fn the_api_accepts_an_invitation_but_not_an_expired_one() {
    const COLLEAGUE: &str = "colleague@ken.example.org";
    const LATE: &str = "late@ken.example.org";
    let app = spawn_app().await;
    let staff = staff(&app).await;
    invite(&app, &staff.focal_ken, COLLEAGUE, "KEN", "observer").await;
    let token = invitation_token(&app, COLLEAGUE).await;
    assert_eq!(accept(&app, &token, PASSWORD).await, 204);
    assert_eq!(app.login_api(COLLEAGUE, PASSWORD).await.status, 200);
    assert_eq!(accept(&app, &token, "yet another password").await, 400);

    invite(&app, &staff.admin, LATE, "KEN", "observer").await;
    let late = invitation_token(&app, LATE).await;
    let past = (chrono::Utc::now() - chrono::Duration::minutes(1)).naive_utc();
    diesel::update(account_tokens::table.filter(account_tokens::used_at.is_null()))
        .set(account_tokens::expires_at.eq(past))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(accept(&app, &late, PASSWORD).await, 400);
    assert_eq!(app.login_api(LATE, PASSWORD).await.status, 401);
}

#[actix_web::test]
async fn a_revoked_invitation_link_fails_and_the_account_is_deactivated() {
    const GONE: &str = "gone@fra.example.org";
    const PAUSED: &str = "paused@fra.example.org";
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let invited = invite(&app, &staff.admin, GONE, "FRA", "observer").await;
    let id = invited["id"].as_str().unwrap();
    let token = invitation_token(&app, GONE).await;
    let link = format!("/api/v1/users/{id}/invitation");

    // Another State's focal point cannot touch it; the right one can.
    assert_eq!(app.delete_bearer(&link, &staff.focal_ken).await.status, 404);
    let res = app.delete_bearer(&link, &staff.focal_fra).await;
    assert_eq!(res.assert_status(200).json()["status"], "deactivated");

    assert_eq!(accept(&app, &token, PASSWORD).await, 400);
    assert_eq!(app.login_api(GONE, PASSWORD).await.status, 401);
    let revocations = "/api/v1/audit?action=user.invitation_revoke";
    let audit = app.get_bearer(revocations, &staff.admin).await;
    assert_eq!(audit.items().len(), 1);
    assert_eq!(audit.items()[0]["target_id"], id);

    // A revoked invitation stays revoked: re-sending it is refused and changes nothing.
    let resend = app
        .post_json_bearer(&link, &staff.focal_fra, &json!({}))
        .await;
    assert_eq!(resend.status, 409, "{}", resend.body);
    let account = app
        .get_bearer(&format!("/api/v1/users?q={GONE}"), &staff.admin)
        .await;
    assert_eq!(
        account.items()[0]["status"],
        "deactivated",
        "{}",
        account.body
    );
    assert_eq!(accept(&app, &token, PASSWORD).await, 400);

    // Inviting the address again is the way back: the same account, a new link, the old dead.
    // Someone who does not manage it gets the answer any existing address gets.
    let elsewhere = invitation(GONE, "X", "KEN", "observer");
    let res = app
        .post_json_bearer("/api/v1/users", &staff.focal_ken, &elsewhere)
        .await;
    assert_eq!(res.status, 409, "{}", res.body);
    let again = invite(
        &app,
        &staff.focal_fra,
        "Gone@fra.example.org",
        "FRA",
        "observer",
    )
    .await;
    assert_eq!(again["id"], id);
    assert_eq!(again["status"], "invited", "{again}");
    let newest = invitation_token(&app, GONE).await;
    assert_ne!(newest, token);
    assert_eq!(accept(&app, &token, PASSWORD).await, 400);
    assert_eq!(accept(&app, &newest, PASSWORD).await, 204);
    assert_eq!(app.login_api(GONE, PASSWORD).await.status, 200);

    // Deactivating a pending account also ends its link.
    let pending = invite(&app, &staff.admin, PAUSED, "FRA", "observer").await;
    let token = invitation_token(&app, PAUSED).await;
    let path = format!("/api/v1/users/{}", pending["id"].as_str().unwrap());
    let res = app
        .patch_bearer(&path, &staff.focal_fra, &json!({"active": false}))
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(accept(&app, &token, PASSWORD).await, 400);
}

#[actix_web::test]
async fn re_sending_retires_the_old_link_and_mails_a_new_one() {
    const TWICE: &str = "twice@ken.example.org";
    let (smtp, app) = spawn_app_with_smtp().await;
    let staff = staff(&app).await;
    let invited = invite(&app, &staff.admin, TWICE, "KEN", "observer").await;
    let id = invited["id"].as_str().unwrap();
    let first = token_in(&smtp.wait_for(1, 20).await[0].decoded());

    let link = format!("/api/v1/users/{id}/invitation");
    let res = app
        .post_json_bearer(&link, &staff.focal_ken, &json!({}))
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mails = smtp.wait_for(2, 20).await;
    let second = mails
        .iter()
        .map(|m| token_in(&m.decoded()))
        .find(|t| *t != first);
    let second = second.expect("a second, different link");

    assert_eq!(accept(&app, &first, PASSWORD).await, 400);
    assert_eq!(accept(&app, &second, PASSWORD).await, 204);
    assert_eq!(app.login_api(TWICE, PASSWORD).await.status, 200);

    // Once accepted there is nothing left to re-send or revoke.
    let res = app.post_json_bearer(&link, &staff.admin, &json!({})).await;
    assert_eq!(res.status, 409);
    assert_eq!(app.delete_bearer(&link, &staff.admin).await.status, 409);
}

#[actix_web::test]
async fn a_focal_point_invites_only_into_their_organisation_and_never_above_their_role() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let before = user_count(&app);
    let ken = &staff.focal_ken;
    for (token, org, role) in [
        (ken, "FRA", "observer"),
        (ken, "UNOCT", "focal_point"),
        (ken, "NOPE", "observer"),
        (ken, "KEN", "admin"),
        (ken, "KEN", "coordinator"),
        (&staff.coordinator, "KEN", "observer"),
        (&staff.observer, "KEN", "observer"),
    ] {
        let body = invitation("x@ken.example.org", "X", org, role);
        let res = app.post_json_bearer("/api/v1/users", token, &body).await;
        assert_eq!(res.status, 403, "{org} {role}: {}", res.body);
    }
    assert_eq!(user_count(&app), before, "nothing was created");
    let count: i64 = outbox::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 0, "no mail was queued");

    invite(
        &app,
        &staff.focal_ken,
        "x@ken.example.org",
        "KEN",
        "focal_point",
    )
    .await;
    assert_eq!(user_count(&app), before + 1);
    // An administrator grants any role anywhere.
    invite(&app, &staff.admin, "boss@cted.example.org", "CTED", "admin").await;
}

#[actix_web::test]
async fn an_existing_address_conflicts_and_bad_bodies_are_refused() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let before = user_count(&app);
    let known = invitation("Obs@KEN.example.org", "Again", "KEN", "observer");
    let res = app
        .post_json_bearer("/api/v1/users", &staff.admin, &known)
        .await;
    assert_eq!(res.status, 409, "{}", res.body);
    let mut with_password = invitation("a@ken.example.org", "A", "KEN", "observer");
    with_password["password"] = json!("x");
    for body in [
        with_password,
        invitation("a@ken.example.org", "A", "KEN", "root"),
        invitation("not an address", "A", "KEN", "observer"),
        invitation("a@ken.example.org", "", "KEN", "observer"),
        invitation("a@ken.example.org", "A", "ZZZ", "observer"),
        json!({"email": "a@ken.example.org", "name": "A"}),
    ] {
        let res = app
            .post_json_bearer("/api/v1/users", &staff.admin, &body)
            .await;
        assert_eq!(res.status, 400, "{body}: {}", res.body);
        assert!(res.json()["error"]["code"].is_string());
    }
    let res = app
        .client
        .post(app.url("/api/v1/users"))
        .insert_header(("Authorization", format!("Bearer {}", staff.admin)))
        .insert_header(("Content-Type", "application/json"))
        .send_body("{\"email\": ")
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!(user_count(&app), before);
    let res = app
        .post_json("/api/v1/users", &json!({"email": "a@ken.example.org"}))
        .await;
    assert_eq!(res.status, 401);
}
