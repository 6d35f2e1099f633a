//! Password reset by e-mail through a real SMTP server: the same answer for any address,
//! single-use one-hour links that die with a newer link or a password change, every session
//! ended, a mail saying the password changed; and the common-password list.

use diesel::prelude::*;
use portal::db::schema::{account_tokens, outbox};
use portal::domain::Role;
use serde_json::json;

use crate::credentials::{accept_link, change_password, change_password_form, confirm_reset};
use crate::helpers::{spawn_app, spawn_app_with_smtp, TestApp, PASSWORD};
use crate::smtp_server::Received;

const KIM: &str = "kim@ken.example.org";
const NEW_PASSWORD: &str = "a brand new sentence 42";

/// The `token` of the first link to `path` in the mail.
pub fn link_token(mail: &Received, path: &str) -> String {
    let text = mail.decoded();
    let marker = format!("{path}?token=");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} in {text}"))
        + marker.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn ask(app: &TestApp, email: &str) -> (u16, String) {
    let res = app
        .post_json("/api/v1/auth/password-reset", &json!({ "email": email }))
        .await;
    (res.status, res.body)
}

fn queued(app: &TestApp, template: &str) -> i64 {
    outbox::table
        .filter(outbox::template.eq(template))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn a_reset_link_by_mail_sets_a_new_password_once_and_ends_every_session() {
    let (smtp, app) = spawn_app_with_smtp().await;
    app.add_user(KIM, "KEN", Role::FocalPoint);
    let old_token = app.token(KIM, PASSWORD).await;
    let mut browser = app.browser_login(KIM, PASSWORD).await;

    assert_eq!(ask(&app, "KIM@ken.example.org ").await.0, 202);
    let mails = smtp.wait_for(1, 20).await;
    assert_eq!(mails[0].rcpt_to(), KIM);
    let token = link_token(&mails[0], "/password-reset/confirm");
    assert!(token.len() >= 43, "256-bit token: {token}");
    // Once sent, the outbox keeps no copy of the link.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let payloads: Vec<String> = outbox::table
            .filter(outbox::template.eq("password_reset"))
            .select(outbox::payload)
            .load(&mut app.conn())
            .unwrap();
        if payloads.iter().all(|p| !p.contains(&token)) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "token still in the outbox"
        );
        actix_rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Stored hashed only.
    let stored: Vec<String> = account_tokens::table
        .select(account_tokens::token_hash)
        .load(&mut app.conn())
        .unwrap();
    assert!(!stored.contains(&token));

    // The page that follows the link.
    let page = app
        .get(&format!("/password-reset/confirm?token={token}"))
        .await;
    let page = page.assert_status(200);
    assert!(page.body.contains("name=\"password\""));

    // A common password is refused and the link stays usable.
    // Then the new one is set; and the link is used once only.
    for (password, status, code) in [
        ("qwerty123456", 400, "weak_password"),
        (NEW_PASSWORD, 204, ""),
        ("another new sentence 43", 400, "invalid_token"),
    ] {
        let res = confirm_reset(&app, &token, password).await;
        assert_eq!(res.status, status, "{password}: {}", res.body);
        assert_eq!(res.error_code(), code, "{password}");
    }
    // Every session ended: API token and browser.
    assert_eq!(app.get_bearer("/api/v1/me", &old_token).await.status, 401);
    let click = app.browser_get(&mut browser, "/").await;
    assert_eq!(click.status, 303);
    assert!(click.header("location").unwrap().starts_with("/login"));
    // The new password works, the old does not.
    assert_eq!(app.login_api(KIM, PASSWORD).await.status, 401);
    assert_eq!(app.login_api(KIM, NEW_PASSWORD).await.status, 200);
    // And a mail says the password changed.
    let mails = smtp.wait_for(2, 20).await;
    let subjects: Vec<_> = mails.iter().map(|m| m.header("Subject")).collect();
    assert_eq!(mails.len(), 2, "{subjects:?}");
    let changed = mails
        .iter()
        .find(|m| m.header("Subject").unwrap_or_default().contains("changed"));
    let changed = changed.unwrap_or_else(|| panic!("{subjects:?}"));
    assert_eq!(changed.rcpt_to(), KIM);
    let text = changed.decoded();
    assert!(text.contains("was changed"), "{text}");
    assert!(!text.contains(NEW_PASSWORD));
}

#[actix_web::test]
async fn the_answer_is_the_same_for_any_address() {
    let app = spawn_app().await;
    app.add_user(KIM, "KEN", Role::FocalPoint);
    let gone = app.add_user("gone@ken.example.org", "KEN", Role::FocalPoint);
    diesel::update(portal::db::schema::users::table.find(&gone))
        .set(portal::db::schema::users::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    let known = ask(&app, KIM).await;
    for other in [
        "nobody@ken.example.org",
        "gone@ken.example.org",
        "not an address",
        "' OR 1=1 --",
        "",
    ] {
        assert_eq!(ask(&app, other).await, known, "{other}");
    }
    assert_eq!(known.0, 202);
    // Only the known, active account got a mail.
    assert_eq!(queued(&app, "password_reset"), 1);
    // The HTML form answers with the same page too.
    for email in [KIM, "nobody@ken.example.org"] {
        let mut browser = crate::helpers::Browser::default();
        let form = [("email", email)];
        let reset = "/password-reset";
        let res = app.submit_from(&mut browser, reset, reset, &form).await;
        assert_eq!(res.status, 303);
        let location = res.header("location");
        assert_eq!(location.as_deref(), Some("/password-reset?sent=1"));
    }
    // Asking again at once sends nothing more (no mailbox flooding), same answer.
    assert_eq!(ask(&app, KIM).await, known);
    assert_eq!(queued(&app, "password_reset"), 1);
    // Malformed JSON and unknown fields are refused plainly.
    let reset = "/api/v1/auth/password-reset";
    let res = app.post_raw(reset, "application/json", b"{".to_vec()).await;
    assert_eq!(res.status, 400);
    let res = app
        .post_json(reset, &json!({"email": KIM, "admin": true}))
        .await;
    assert_eq!(res.status, 400);
}

fn age_tokens(app: &TestApp, minutes: i64) {
    let ago = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(minutes);
    diesel::update(account_tokens::table)
        .set(account_tokens::created_at.eq(ago))
        .execute(&mut app.conn())
        .unwrap();
}

async fn confirm(app: &TestApp, token: &str) -> u16 {
    confirm_reset(app, token, NEW_PASSWORD).await.status
}

/// Asks for a reset link for Kim and returns its token.
async fn reset_link(app: &TestApp) -> String {
    ask(app, KIM).await;
    app.mailed_token("password_reset", KIM, "/password-reset/confirm")
        .await
}

#[actix_web::test]
async fn links_die_when_a_newer_one_is_issued_when_they_expire_and_when_the_password_changes() {
    let app = spawn_app().await;
    app.add_user(KIM, "KEN", Role::FocalPoint);

    let first = reset_link(&app).await;
    age_tokens(&app, 5);
    let second = reset_link(&app).await;
    assert_ne!(first, second);
    assert_eq!(confirm(&app, &first).await, 400, "an older link dies");

    // Expired after an hour.
    let past = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
    diesel::update(account_tokens::table)
        .set(account_tokens::expires_at.eq(past))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(confirm(&app, &second).await, 400, "an expired link dies");
    let page = app
        .get(&format!("/password-reset/confirm?token={second}"))
        .await;
    assert_eq!(page.status, 400);
    assert!(!page.body.contains("name=\"password\""));

    // A password change on the account page kills a pending link.
    age_tokens(&app, 5);
    let third = reset_link(&app).await;
    let token = app.token(KIM, PASSWORD).await;
    let change = change_password(&app, &token, PASSWORD, "yet another sentence 44").await;
    assert_eq!(change.status, 204, "{}", change.body);
    assert_eq!(confirm(&app, &third).await, 400);
    assert_eq!(queued(&app, "password_changed"), 1);

    // A reset link is no invitation: it does not work on the set-password endpoint.
    age_tokens(&app, 5);
    let fourth = reset_link(&app).await;
    assert_eq!(accept_link(&app, &fourth, NEW_PASSWORD).await.status, 400);
    assert_eq!(confirm(&app, &fourth).await, 204);
}

#[actix_web::test]
async fn common_passwords_are_refused_everywhere_a_password_is_chosen() {
    let app = spawn_app().await;
    app.add_user(KIM, "KEN", Role::FocalPoint);
    let token = app.token(KIM, PASSWORD).await;
    for weak in [
        "qwerty123456",
        "1qaz2wsx3edc",
        "password1234",
        "aaaaaaaaaaaa",
    ] {
        let res = change_password(&app, &token, PASSWORD, weak).await;
        assert_eq!(res.status, 400, "{weak}");
        assert_eq!(res.error_code(), "weak_password", "{weak}");
    }
    // The HTML form says so in words.
    let mut browser = app.browser_login(KIM, PASSWORD).await;
    app.browser_get(&mut browser, "/account").await;
    let weak = "qwerty123456";
    let res = change_password_form(&app, &mut browser, PASSWORD, weak, weak).await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("too common"), "{}", res.body);
    assert_eq!(app.login_api(KIM, PASSWORD).await.status, 200);
}
