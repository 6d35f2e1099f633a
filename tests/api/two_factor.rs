//! Two-factor sign-in: set-up before anything else for administrators and coordinators (and
//! organisations that require it), codes that cannot be replayed, single-use recovery codes.

use diesel::prelude::*;
use portal::auth::totp_keys::{self, TotpKeys};
use portal::db::schema::{organisations, users};
use portal::domain::Role;
use portal::services::account::two_factor;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with, TestApp, PASSWORD};
use crate::people::now;

const COORD: &str = "cora@unoct.example.org";

/// An account as `portal user create` leaves it: no two-factor yet.
fn without_two_factor(app: &TestApp, email: &str, org: &str, role: Role) -> String {
    let id = app.create_user(email, org, role, Some(PASSWORD));
    turn_two_factor_off(app, email);
    id
}

/// Two-factor off for `email`, as if it had never been set up.
pub(crate) fn turn_two_factor_off(app: &TestApp, email: &str) {
    diesel::update(users::table.filter(users::email.eq(email)))
        .set((
            users::totp_secret.eq(None::<String>),
            users::totp_enabled_at.eq(None::<chrono::NaiveDateTime>),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

pub(crate) async fn raw_login(
    app: &TestApp,
    email: &str,
    totp: Option<&str>,
) -> crate::helpers::Page {
    let mut body = json!({"email": email, "password": PASSWORD});
    if let Some(code) = totp {
        body["totp"] = code.into();
    }
    app.post_json("/api/v1/auth/login", &body).await
}

/// Sets two-factor up through the API; returns (secret, recovery codes, step used).
pub(crate) async fn set_up(app: &TestApp, token: &str) -> (String, Vec<String>) {
    let (secret, codes, _) = set_up_at(app, token).await;
    (secret, codes)
}

/// As [`set_up`], with the time whose code confirmed the set-up (a loaded machine may be in
/// the next 30-second step by the time the test goes on).
pub(crate) async fn set_up_at(app: &TestApp, token: &str) -> (String, Vec<String>, u64) {
    let start = app
        .post_json_bearer("/api/v1/account/totp", token, &json!({}))
        .await;
    assert_eq!(start.status, 200, "{}", start.body);
    let secret = start.json()["secret"].as_str().unwrap().to_string();
    let uri = start.json()["otpauth_uri"].as_str().unwrap().to_string();
    assert!(
        uri.starts_with("otpauth://totp/") && uri.contains(&secret),
        "{uri}"
    );
    let at = now();
    let code = two_factor::code_at(&secret, at).unwrap();
    let done = app
        .post_json_bearer(
            "/api/v1/account/totp/confirm",
            token,
            &json!({"code": code}),
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let codes: Vec<String> = done.json()["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    (secret, codes, at)
}

#[actix_web::test]
async fn a_coordinator_cannot_use_the_api_before_setting_up_two_factor() {
    let app = spawn_app().await;
    without_two_factor(&app, COORD, "UNOCT", Role::Coordinator);
    let res = raw_login(&app, COORD, None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let token = res.json()["token"].as_str().unwrap().to_string();

    for path in [
        "/api/v1/me",
        "/api/v1/reports",
        "/api/v1/needs",
        "/api/v1/threads",
    ] {
        let res = app.get_bearer(path, &token).await;
        assert_eq!(res.status, 403, "{path}: {}", res.body);
        assert_eq!(res.error_code(), "totp_setup_required", "{path}");
    }
    let create = app
        .post_json_bearer(
            "/api/v1/reports",
            &token,
            &json!({"member_state": "KEN", "title": "t", "visit_date": "2025-01-01", "sections": []}),
        )
        .await;
    assert_eq!(create.status, 403, "{}", create.body);

    // A wrong code does not turn it on.
    let start = app
        .post_json_bearer("/api/v1/account/totp", &token, &json!({}))
        .await;
    assert_eq!(start.status, 200);
    let wrong = app
        .post_json_bearer(
            "/api/v1/account/totp/confirm",
            &token,
            &json!({"code": "000000"}),
        )
        .await;
    assert_eq!(wrong.status, 400, "{}", wrong.body);
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 403);
    // Unknown fields and wrong types are refused.
    let odd = app
        .post_json_bearer(
            "/api/v1/account/totp/confirm",
            &token,
            &json!({"code": 123456}),
        )
        .await;
    assert_eq!(odd.status, 400);

    let (_, codes) = set_up(&app, &token).await;
    assert_eq!(codes.len(), 10);
    let me = app.get_bearer("/api/v1/me", &token).await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.json()["two_factor"], Value::Bool(true));
    // Once on, it cannot be set up again over itself.
    let again = app
        .post_json_bearer("/api/v1/account/totp", &token, &json!({}))
        .await;
    assert_eq!(again.status, 409);
    // Recovery codes are stored hashed.
    let stored: Vec<String> = portal::db::schema::recovery_codes::table
        .select(portal::db::schema::recovery_codes::code_hash)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(stored.len(), 10);
    assert!(codes.iter().all(|c| !stored.contains(c)));
}

#[actix_web::test]
async fn sign_in_asks_for_the_code_and_a_code_works_only_once() {
    let app = spawn_app().await;
    without_two_factor(&app, COORD, "UNOCT", Role::Coordinator);
    let token = raw_login(&app, COORD, None).await.field("token");
    let (secret, recovery, at) = set_up_at(&app, &token).await;

    let missing = raw_login(&app, COORD, None).await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.error_code(), "totp_required");
    // The code that confirmed the set-up was used: it cannot sign in.
    let confirm_code = two_factor::code_at(&secret, at).unwrap();
    let replay = raw_login(&app, COORD, Some(&confirm_code)).await;
    assert_eq!(replay.status, 401, "{}", replay.body);
    assert_eq!(replay.error_code(), "invalid_totp");
    // The next step's code (within the allowed drift) works once, then never again.
    let next = two_factor::code_at(&secret, at + 30).unwrap();
    let ok = raw_login(&app, COORD, Some(&next)).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let again = raw_login(&app, COORD, Some(&next)).await;
    assert_eq!(again.status, 401);
    assert_eq!(again.error_code(), "invalid_totp");
    // A code far from now is refused.
    let old = two_factor::code_at(&secret, now() - 600).unwrap();
    assert_eq!(raw_login(&app, COORD, Some(&old)).await.status, 401);

    // A recovery code signs in once, in any case and with or without its dash.
    let rc = recovery[3].to_uppercase().replace('-', "");
    assert_eq!(raw_login(&app, COORD, Some(&rc)).await.status, 200);
    assert_eq!(raw_login(&app, COORD, Some(&recovery[3])).await.status, 401);
    assert_eq!(raw_login(&app, COORD, Some(&recovery[4])).await.status, 200);
    // A wrong password with a right code is still a wrong password.
    let body = json!({"email": COORD, "password": "wrong password here", "totp": recovery[5]});
    let res = app.post_json("/api/v1/auth/login", &body).await;
    assert_eq!(res.error_code(), "invalid_credentials");
    assert_eq!(raw_login(&app, COORD, Some(&recovery[5])).await.status, 200);
}

#[actix_web::test]
async fn wrong_codes_count_as_failed_sign_ins() {
    let app = spawn_app().await;
    app.add_user(COORD, "UNOCT", Role::Coordinator);
    let mut last = 0;
    for _ in 0..6 {
        last = raw_login(&app, COORD, Some("000000")).await.status;
    }
    assert_eq!(last, 429);
    // Even the right code is refused while the account is throttled.
    let right = app.login_api(COORD, PASSWORD).await;
    assert_eq!(right.status, 429);
}

#[actix_web::test]
async fn an_organisation_can_require_two_factor_of_everyone() {
    let app = spawn_app().await;
    without_two_factor(&app, "kim@ken.example.org", "KEN", Role::FocalPoint);
    without_two_factor(&app, "fay@fra.example.org", "FRA", Role::FocalPoint);
    let ken = app.token("kim@ken.example.org", PASSWORD).await;
    assert_eq!(app.get_bearer("/api/v1/me", &ken).await.status, 200);
    // An administrator requires two-factor of Kenya's accounts; a session already open is
    // held to it on its next request.
    app.add_user("ada@unoct.example.org", "UNOCT", Role::Admin);
    let admin = app.token("ada@unoct.example.org", PASSWORD).await;
    let ken_id: String = organisations::table
        .filter(organisations::code.eq("KEN"))
        .select(organisations::id)
        .first(&mut app.conn())
        .unwrap();
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/organisations/{ken_id}")))
        .insert_header(("Authorization", format!("Bearer {admin}")))
        .send_json(&json!({"require_totp": true}))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let fra = app.token("fay@fra.example.org", PASSWORD).await;
    let res = app.get_bearer("/api/v1/me", &ken).await;
    assert_eq!(res.status, 403);
    assert_eq!(res.error_code(), "totp_setup_required");
    let res = app.get_bearer("/api/v1/me", &fra).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["two_factor"], Value::Bool(false));
    // Logging out is always possible.
    let out = app
        .post_json_bearer("/api/v1/auth/logout", &ken, &json!({}))
        .await;
    assert_eq!(out.status, 204);
}

#[actix_web::test]
async fn the_set_up_page_draws_a_qr_code_and_shows_recovery_codes_once() {
    let app = spawn_app().await;
    without_two_factor(&app, COORD, "UNOCT", Role::Coordinator);
    let mut browser = app.browser_login(COORD, PASSWORD).await;
    // Every page sends the account to the set-up first.
    for path in ["/", "/reports", "/account"] {
        let page = app.browser_get(&mut browser, path).await;
        assert_eq!(page.status, 303, "{path}");
        assert_eq!(
            page.header("location").as_deref(),
            Some("/account/two-factor")
        );
    }
    let page = app.browser_get(&mut browser, "/account/two-factor").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<svg"), "a QR code drawn by the server");
    assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));
    let (id, sealed): (String, Option<String>) = users::table
        .filter(users::email.eq(COORD))
        .select((users::id, users::totp_pending_secret))
        .first(&mut app.conn())
        .unwrap();
    let secret = app.settings.totp_keys.open(&id, &sealed.unwrap()).unwrap();
    let shown: Vec<String> = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let shown = shown.join(" ");
    assert!(page.body.contains(&shown), "the key, in groups of four");
    // Reloading keeps the same secret (the app may already hold it).
    let again = app.browser_get(&mut browser, "/account/two-factor").await;
    assert!(again.body.contains(&shown));

    let path = "/account/two-factor";
    let wrong = app
        .browser_submit(&mut browser, &page, path, &[("code", "123456")])
        .await;
    assert_eq!(wrong.status, 400);
    assert!(wrong.body.contains("role=\"alert\""));
    let at = now();
    let code = two_factor::code_at(&secret, at).unwrap();
    let done = app
        .browser_submit(&mut browser, &page, path, &[("code", &code)])
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body.matches("<li><code>").count(), 10);
    // Now the portal opens, and the page only reports the state.
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);
    let status = app.browser_get(&mut browser, "/account/two-factor").await;
    assert!(!status.body.contains("<li><code>"));
    assert!(!status.body.contains(&shown));

    // Signing in through the form now needs the code.
    let (fresh, res) = app.form_login(COORD, PASSWORD, "").await;
    assert_eq!(res.status, 401);
    assert!(res.body.contains("id=\"totp\""));
    assert!(fresh.session_cookie.is_none());
}

/// Every stored secret and pending secret, as the database holds them.
fn stored_secrets(app: &TestApp) -> Vec<(String, String)> {
    let rows: Vec<(String, Option<String>, Option<String>)> = users::table
        .select((users::id, users::totp_secret, users::totp_pending_secret))
        .load(&mut app.conn())
        .unwrap();
    rows.into_iter()
        .flat_map(|(id, a, b)| [a, b].into_iter().flatten().map(move |v| (id.clone(), v)))
        .collect()
}

/// Whether `text` (or a `:`-separated part of it) is a base32 key whose codes, computed as
/// `oathtool --totp -b` would, are the account's current ones.
fn yields_the_codes_of(text: &str, secret: &str) -> bool {
    let code = |key: &str| {
        let bytes = totp_rs::Secret::Encoded(key.to_string()).to_bytes().ok()?;
        let totp = totp_rs::TOTP::new_unchecked(
            totp_rs::Algorithm::SHA1,
            6,
            1,
            30,
            bytes,
            None,
            String::new(),
        );
        Some([now() - 30, now(), now() + 30].map(|t| totp.generate(t)))
    };
    let expected = code(secret).expect("the real secret is base32");
    std::iter::once(text)
        .chain(text.split(':'))
        .any(|part| code(part).is_some_and(|c| c.iter().any(|x| expected.contains(x))))
}

#[actix_web::test]
async fn two_factor_secrets_are_stored_sealed_and_sign_in_still_works() {
    let app = spawn_app().await;
    let id = without_two_factor(&app, COORD, "UNOCT", Role::Coordinator);
    let token = raw_login(&app, COORD, None).await.field("token");
    // While set-up is pending, the pending secret is sealed too.
    let start = app
        .post_json_bearer("/api/v1/account/totp", &token, &json!({}))
        .await;
    let pending = start.json()["secret"].as_str().unwrap().to_string();
    let stored = stored_secrets(&app);
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].1.contains(&pending), "{}", stored[0].1);
    assert!(!yields_the_codes_of(&stored[0].1, &pending));

    let (secret, _) = set_up(&app, &token).await;
    assert_eq!(secret, pending);
    let stored = stored_secrets(&app);
    assert_eq!(stored.len(), 1, "the pending secret is gone");
    let (owner, value) = &stored[0];
    assert_eq!(owner, &id);
    let prefix = format!("v1:{}:", app.settings.totp_keys.current_id());
    assert!(value.starts_with(&prefix), "{value}");
    assert!(!value.contains(&secret));
    assert!(!yields_the_codes_of(value, &secret), "{value}");
    // The sealed value opens for this account only: copied to another, it is useless.
    assert_eq!(app.settings.totp_keys.open(&id, value).unwrap(), secret);
    assert!(app
        .settings
        .totp_keys
        .open("another-account", value)
        .is_err());

    let next = two_factor::code_at(&secret, now() + 30).unwrap();
    let ok = raw_login(&app, COORD, Some(&next)).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    // Accounts made with two-factor on (administrators, coordinators) are sealed as well.
    app.add_user("ada@unoct.example.org", "UNOCT", Role::Admin);
    for (_, value) in stored_secrets(&app) {
        assert!(value.starts_with(&prefix), "{value}");
    }
    let code = app.current_code("ada@unoct.example.org").unwrap();
    raw_login(&app, "ada@unoct.example.org", Some(&code))
        .await
        .assert_status(200);
}

#[actix_web::test]
async fn a_sealed_secret_copied_to_another_account_opens_for_neither_code() {
    let app = spawn_app().await;
    app.add_user(COORD, "UNOCT", Role::Coordinator);
    let other = "olga@unoct.example.org";
    app.add_user(other, "UNOCT", Role::Coordinator);
    let sealed: Option<String> = users::table
        .filter(users::email.eq(COORD))
        .select(users::totp_secret)
        .first(&mut app.conn())
        .unwrap();
    diesel::update(users::table.filter(users::email.eq(other)))
        .set(users::totp_secret.eq(sealed))
        .execute(&mut app.conn())
        .unwrap();
    let code = app.current_code(COORD).unwrap();
    let res = raw_login(&app, other, Some(&code)).await;
    assert_eq!(res.status, 401, "{}", res.body);
    assert_eq!(
        raw_login(&app, COORD, Some(&code)).await.status,
        200,
        "the owner still signs in"
    );
}

#[actix_web::test]
async fn a_restart_with_another_key_refuses_codes_clearly_and_a_previous_key_recovers() {
    let old = totp_keys::random_key();
    let app = spawn_app_with(|s| s.totp_keys = TotpKeys::new(&old, &[])).await;
    without_two_factor(&app, COORD, "UNOCT", Role::Coordinator);
    let token = raw_login(&app, COORD, None).await.field("token");
    let (secret, recovery) = set_up(&app, &token).await;
    let before = stored_secrets(&app);

    let new = totp_keys::random_key();
    let other = app
        .restart_with(|s| s.totp_keys = TotpKeys::new(&new, &[]))
        .await;
    assert_eq!(
        stored_secrets(&other),
        before,
        "a value it cannot open stays"
    );
    let next = two_factor::code_at(&secret, now() + 30).unwrap();
    let res = raw_login(&other, COORD, Some(&next)).await;
    assert_eq!(res.status, 401, "{}", res.body);
    assert_eq!(res.error_code(), "totp_unavailable");
    assert!(!res.body.contains(&secret));
    assert!(!res.body.contains(&before[0].1));
    let wrong = raw_login(&other, COORD, Some("000000")).await;
    assert_eq!(
        wrong.error_code(),
        "totp_unavailable",
        "no code is accepted"
    );
    // The sign-in page says so in words.
    let (_, form) = other.form_login(COORD, PASSWORD, &next).await;
    assert_eq!(form.status, 401);
    assert!(form.body.contains("cannot be checked"), "{}", form.body);
    // Recovery codes do not depend on the key.
    assert_eq!(
        raw_login(&other, COORD, Some(&recovery[0])).await.status,
        200
    );

    // Rotation: the new key with the old one as a previous key opens the value, and the start
    // seals it again under the new key, after which the old key is not needed.
    let rotated = app
        .restart_with(|s| s.totp_keys = TotpKeys::new(&new, &[old]))
        .await;
    let after = stored_secrets(&rotated);
    assert!(after[0]
        .1
        .starts_with(&format!("v1:{}:", rotated.settings.totp_keys.current_id())));
    let only_new = app
        .restart_with(|s| s.totp_keys = TotpKeys::new(&new, &[]))
        .await;
    assert_eq!(stored_secrets(&only_new), after, "sealed once");
    let res = raw_login(&only_new, COORD, Some(&next)).await;
    assert_eq!(res.status, 200, "{}", res.body);
}

#[actix_web::test]
async fn a_secret_in_clear_is_sealed_at_the_next_start_once() {
    let app = spawn_app().await;
    let id = app.add_user(COORD, "UNOCT", Role::Coordinator);
    // As a database from before encryption holds it.
    let plain = two_factor::new_secret();
    let pending = two_factor::new_secret();
    diesel::update(users::table.find(&id))
        .set((
            users::totp_secret.eq(&plain),
            users::totp_pending_secret.eq(&pending),
        ))
        .execute(&mut app.conn())
        .unwrap();
    // Until the next start, a value in clear is not trusted.
    let code_now = two_factor::code_at(&plain, now()).unwrap();
    let refused = raw_login(&app, COORD, Some(&code_now)).await;
    assert_eq!(refused.error_code(), "totp_unavailable");

    let again = app.restart_with(|_| {}).await;
    let stored = stored_secrets(&again);
    assert_eq!(stored.len(), 2);
    let keys = &again.settings.totp_keys;
    for (_, value) in &stored {
        assert!(value.starts_with("v1:"), "{value}");
        assert!(!yields_the_codes_of(value, &plain) && !yields_the_codes_of(value, &pending));
    }
    let mut opened: Vec<String> = stored
        .iter()
        .map(|(owner, v)| keys.open(owner, v).unwrap())
        .collect();
    opened.sort();
    let mut expected = vec![plain.clone(), pending.clone()];
    expected.sort();
    assert_eq!(opened, expected);
    let res = raw_login(&again, COORD, Some(&code_now)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    // Another start finds nothing to do.
    let third = app.restart_with(|_| {}).await;
    assert_eq!(stored_secrets(&third), stored);
}
