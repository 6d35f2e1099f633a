//! Browser credentials: the CSRF token is bound to the session, cross-site posts are refused,
//! the cookies carry `__Host-`, and the session cookie and the API token each work only where
//! they were issued.

use awc::http::header;
use diesel::prelude::*;
use portal::domain::Role;
use serde_json::json;

use crate::attachments::{multipart, page_upload};
use crate::helpers::{spawn_app, Browser, Page, TestApp, PASSWORD};
use crate::messaging::{start_thread, ANA, BEN, EVE};
use crate::people::{ana_at_the_login_page, ana_signed_in};

const SESSION: &str = "__Host-portal_session";
const CSRF: &str = "__Host-portal_csrf";

fn message_count(app: &TestApp) -> i64 {
    portal::db::schema::messages::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

/// Ana writes to Ben; Eve, signed in to her own account, is the attacker.
async fn thread_of_ana_and_ben(app: &TestApp) -> String {
    app.add_user(ANA, "KEN", Role::FocalPoint);
    app.add_user(BEN, "UNODC", Role::FocalPoint);
    app.add_user(EVE, "FRA", Role::FocalPoint);
    let token = app.token(ANA, PASSWORD).await;
    start_thread(
        app,
        &token,
        json!({"subject": "Bound", "to_users": [BEN], "body": "first"}),
    )
    .await
}

/// A browser holding `session`'s session cookie and `csrf`'s CSRF cookie.
fn mixed(session: &Browser, csrf: &Browser) -> Browser {
    Browser {
        session_cookie: session.session_cookie.clone(),
        csrf_cookie: csrf.csrf_cookie.clone(),
        ..Default::default()
    }
}

#[actix_web::test]
async fn a_token_of_another_session_is_refused_and_writes_nothing() {
    let app = spawn_app().await;
    let id = thread_of_ana_and_ben(&app).await;
    let path = format!("/messages/{id}");
    let mut ben = app.browser_login(BEN, PASSWORD).await;
    let mut eve = app.browser_login(EVE, PASSWORD).await;
    let eve_token = app.browser_get(&mut eve, "/messages").await.csrf_field();
    let before = message_count(&app);

    // Ben's session cookie with Eve's CSRF cookie and Eve's (valid) token; a signed-out token
    // made for Eve's pre-session cookie; another session of Ben himself (another browser).
    let mut signed_out = Browser::default();
    let pre = app
        .browser_get(&mut signed_out, "/login")
        .await
        .csrf_field();
    let mut ben_elsewhere = app.browser_login(BEN, PASSWORD).await;
    let other_token = app
        .browser_get(&mut ben_elsewhere, &path)
        .await
        .csrf_field();
    for (mut browser, token) in [
        (mixed(&ben, &eve), &eve_token),
        (mixed(&ben, &signed_out), &pre),
        (ben.clone(), &other_token),
    ] {
        let fields = [("csrf_token", token.as_str()), ("body", "planted")];
        let res = app.browser_post(&mut browser, &path, &fields).await;
        assert_eq!(res.status, 403, "{}", res.body);
    }
    // The upload form (multipart) is bound the same way.
    let parts = multipart(&[
        ("csrf_token", None, other_token.as_bytes()),
        ("body", None, b"planted"),
        ("file", Some("n.txt"), b"planted"),
    ]);
    let res = page_upload(&app, &ben, &id, parts).await;
    assert_eq!(res.status, 403, "{}", res.body);
    let after = message_count(&app);
    assert_eq!(after, before, "a refused post wrote a message");

    // Ben's own token still works.
    let own = app.browser_get(&mut ben, &path).await.csrf_field();
    assert_ne!(own, other_token);
    let res = app.submit(&mut ben, &path, &[("body", "mine")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(message_count(&app), before + 1);
}

#[actix_web::test]
async fn after_sign_in_the_pre_session_token_no_longer_works() {
    let app = spawn_app().await;
    let id = thread_of_ana_and_ben(&app).await;
    let mut browser = Browser::default();
    let login = app.browser_get(&mut browser, "/login").await;
    let pre = login.csrf_field();
    let code = app.current_code(BEN).unwrap_or_default();
    let fields = [("email", BEN), ("password", PASSWORD), ("totp", &code)];
    let res = app.submit(&mut browser, "/login", &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(browser.session_cookie.is_some());
    let before = message_count(&app);
    let message = format!("/messages/{id}");
    for (path, fields) in [
        (
            message.as_str(),
            &[("csrf_token", pre.as_str()), ("body", "old token")][..],
        ),
        ("/logout", &[("csrf_token", pre.as_str())][..]),
    ] {
        let res = app.browser_post(&mut browser, path, fields).await;
        assert_eq!(res.status, 403, "{path}");
    }
    assert_eq!(message_count(&app), before);
    // Still signed in, and the pages now carry the session's token, which works.
    let page = app.browser_get(&mut browser, "/").await;
    assert_eq!(page.status, 200);
    assert_ne!(page.csrf_field(), pre);
    // The language form is posted signed in and signed out alike.
    let res = app
        .submit(&mut browser, "/language", &[("lang", "fr")])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let res = app.submit(&mut browser, "/logout", &[]).await;
    assert_eq!(res.status, 303);
}

async fn reply(app: &TestApp, browser: &mut Browser, id: &str, headers: &[(&str, &str)]) -> Page {
    let path = format!("/messages/{id}");
    let token = app.browser_get(browser, &path).await.csrf_field();
    let fields = [("csrf_token", token.as_str()), ("body", "a reply")];
    app.browser_post_with(browser, &path, &fields, headers)
        .await
}

#[actix_web::test]
async fn cross_site_posts_are_refused_and_same_origin_posts_pass() {
    let app = spawn_app().await;
    let id = thread_of_ana_and_ben(&app).await;
    let mut ben = app.browser_login(BEN, PASSWORD).await;
    let before = message_count(&app);
    let own = app.address.as_str();
    for headers in [
        &[("origin", "https://evil.example")][..],
        &[("origin", "http://evil.example")][..],
        &[("sec-fetch-site", "cross-site")][..],
        &[("origin", own), ("sec-fetch-site", "cross-site")][..],
        &[("origin", "null"), ("sec-fetch-site", "cross-site")][..],
    ] {
        let res = reply(&app, &mut ben, &id, headers).await;
        assert_eq!(res.status, 403, "{headers:?}");
        assert!(res.header("content-type").unwrap().starts_with("text/html"));
    }
    assert_eq!(message_count(&app), before);

    // The sign-in form too: a cross-site post signs nobody in.
    let mut browser = Browser::default();
    let login = app.browser_get(&mut browser, "/login").await;
    let csrf = login.csrf_field();
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("email", ANA),
        ("password", PASSWORD),
    ];
    let evil = [("origin", "https://evil.example")];
    let res = app
        .browser_post_with(&mut browser, "/login", &fields, &evil)
        .await;
    assert_eq!(res.status, 403);
    assert!(res.cookie(SESSION).is_none());

    // Same origin (the request's host or the public URL), no headers at all, or the
    // `Origin: null` that browsers send under `Referrer-Policy: no-referrer`.
    let public = app.settings.public_url.trim_end_matches('/');
    for headers in [
        &[("origin", own), ("sec-fetch-site", "same-origin")][..],
        &[("origin", public)][..],
        &[("sec-fetch-site", "same-origin")][..],
        &[("origin", "null"), ("sec-fetch-site", "same-origin")][..],
        &[][..],
    ] {
        let res = reply(&app, &mut ben, &id, headers).await;
        assert_eq!(res.status, 303, "{headers:?}: {}", res.body);
    }
    assert_eq!(message_count(&app), before + 5);
    // The API takes no cookies, so cross-site headers do not concern it.
    let token = app.token(ANA, PASSWORD).await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/threads/{id}/messages")))
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .insert_header(("origin", "https://elsewhere.example"))
        .insert_header(("sec-fetch-site", "cross-site"))
        .send_json(&json!({"body": "from a web client"}))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
}

fn assert_host_cookie(line: &str) {
    for flag in ["Secure", "Path=/", "HttpOnly", "SameSite=Strict"] {
        let has = line.split(';').any(|p| p.trim() == flag);
        assert!(has, "{flag} missing in {line}");
    }
    let domain = line.to_ascii_lowercase().contains("domain=");
    assert!(!domain, "a __Host- cookie has no Domain: {line}");
}

#[actix_web::test]
async fn the_cookies_carry_the_host_prefix() {
    let (app, mut browser, login) = ana_at_the_login_page().await;
    let csrf = login.cookie(CSRF).expect("csrf cookie");
    assert!(csrf.starts_with("__Host-portal_csrf="));
    assert_host_cookie(&csrf);
    assert!(login.cookie("portal_csrf").is_none());

    let fields = [("email", ANA), ("password", PASSWORD)];
    let res = app.submit(&mut browser, "/login", &fields).await;
    assert_eq!(res.status, 303);
    let session = res.cookie(SESSION).expect("session cookie");
    assert_host_cookie(&session);
    assert!(res.cookie("portal_session").is_none());

    // The cookie that ends the session must meet the prefix's rules too, or browsers drop it.
    let res = app.submit_from(&mut browser, "/", "/logout", &[]).await;
    assert_eq!(res.status, 303);
    let removal = res.cookie(SESSION).expect("removal cookie");
    assert_host_cookie(&removal);
    assert!(browser.session_cookie.is_none());
}

#[actix_web::test]
async fn the_session_cookie_and_the_api_token_each_work_only_where_issued() {
    let (app, mut browser) = ana_signed_in().await;
    let token = app.token(ANA, PASSWORD).await;
    let cookie = browser.session_cookie.clone().unwrap();

    // Each where it was issued.
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 200);
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);

    // The cookie's value as a bearer token.
    let res = app.get_bearer("/api/v1/me", &cookie).await;
    assert_eq!(res.status, 401);
    assert_eq!(res.error_code(), "unauthenticated");
    let logout = app
        .post_json_bearer("/api/v1/auth/logout", &cookie, &json!({}))
        .await;
    assert_eq!(logout.status, 401);

    // The API token as the session cookie: sent to sign in.
    let mut thief = Browser {
        session_cookie: Some(token.clone()),
        ..Default::default()
    };
    let res = app.browser_get(&mut thief, "/").await;
    assert_eq!(res.status, 303);
    assert!(res.header("location").unwrap().starts_with("/login"));
    let login = app.browser_get(&mut thief, "/login").await;
    assert_eq!(
        login.status, 200,
        "the sign-in page treats it as signed out"
    );

    // Signing out of the API needs only the token, and leaves the page session alone.
    let logout = app
        .post_json_bearer("/api/v1/auth/logout", &token, &json!({}))
        .await;
    assert_eq!(logout.status, 204, "{}", logout.body);
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 401);
    let dash = app.browser_get(&mut browser, "/").await;
    assert_eq!(dash.status, 200);

    // Signing out of the pages needs only the cookie, and leaves another API token alone.
    let token = app.token(ANA, PASSWORD).await;
    let res = app.submit(&mut browser, "/logout", &[]).await;
    assert_eq!(res.status, 303);
    let mut stale = Browser {
        session_cookie: Some(cookie),
        ..Default::default()
    };
    assert_eq!(app.browser_get(&mut stale, "/").await.status, 303);
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 200);
}

#[actix_web::test]
async fn a_stale_session_cookie_does_not_block_signing_in_again() {
    let (app, mut browser) = ana_signed_in().await;
    let stale = browser.session_cookie.clone().unwrap();
    let res = app.submit_from(&mut browser, "/", "/logout", &[]).await;
    assert_eq!(res.status, 303);
    // The browser kept the cookie of the ended session (say, another tab signed out).
    browser.session_cookie = Some(stale.clone());
    let login = app.browser_get(&mut browser, "/login").await;
    assert_eq!(login.status, 200);
    let fields = [("email", ANA), ("password", PASSWORD)];
    let res = app.submit(&mut browser, "/login", &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_ne!(browser.session_cookie.as_deref(), Some(stale.as_str()));
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);
}
