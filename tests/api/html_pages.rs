//! The browser route: forms, cookies, CSRF, redirects, translations, error pages.

use portal::domain::Role;
use portal::services::admin::account_creation;

use crate::helpers::{into_page, new_account, spawn_app, Browser, Page, TestApp, PASSWORD};
use crate::people::{ana_at_the_login_page, ana_signed_in, app_with_ana, ANA};

/// The fields of Ana's sign-in form, but for the CSRF token.
const ANA_SIGNS_IN: [(&str, &str); 2] = [("email", ANA), ("password", PASSWORD)];

/// A page asked for in `language` (an `Accept-Language` value).
async fn get_in(app: &TestApp, path: &str, language: &str) -> Page {
    let req = app.client.get(app.url(path));
    let res = req.insert_header(("accept-language", language)).send();
    into_page(res.await.unwrap()).await
}

#[actix_web::test]
async fn signing_in_through_the_form_sets_a_strict_cookie_and_shows_the_dashboard() {
    let (app, mut browser, login) = ana_at_the_login_page().await;
    assert_eq!(login.status, 200);
    for field in [
        "name=\"email\"",
        "name=\"password\"",
        "name=\"csrf_token\"",
        "<label for=\"email\"",
    ] {
        assert!(login.body.contains(field), "{field}");
    }
    let csrf_cookie = login.cookie("__Host-portal_csrf").expect("csrf cookie");
    for flag in ["HttpOnly", "Secure", "SameSite=Strict"] {
        assert!(
            csrf_cookie.contains(flag),
            "{flag} missing in {csrf_cookie}"
        );
    }

    let fields = [ANA_SIGNS_IN[0], ANA_SIGNS_IN[1], ("next", "/")];
    let res = app.submit(&mut browser, "/login", &fields).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location").as_deref(), Some("/"));
    let session = res.cookie("__Host-portal_session").expect("session cookie");
    for flag in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(session.contains(flag), "{flag} missing in {session}");
    }
    let dash = app.browser_get(&mut browser, "/").await;
    assert_eq!(dash.status, 200);
    for text in ["Test ana@ken.example.org", "Kenya", "action=\"/logout\""] {
        assert!(dash.body.contains(text), "{text}");
    }
}

#[actix_web::test]
async fn a_form_without_a_valid_csrf_token_is_refused_and_signs_nobody_in() {
    let (app, mut browser, login) = ana_at_the_login_page().await;
    let good = login.csrf_field();

    // No token.
    let res = app
        .browser_post(&mut browser, "/login", &ANA_SIGNS_IN)
        .await;
    assert!(res.status == 400 || res.status == 403, "{}", res.status);
    assert!(res.cookie("__Host-portal_session").is_none());
    // A wrong token; the right token but no cookie (a cross-site form cannot send it); a
    // token from another browser's cookie.
    let mut stranger = Browser::default();
    let mut other = Browser::default();
    let other_token = app.browser_get(&mut other, "/login").await.csrf_field();
    for (by_stranger, token) in [(false, "00ff"), (true, &*good), (false, &*other_token)] {
        let who = if by_stranger {
            &mut stranger
        } else {
            &mut browser
        };
        let fields = [("csrf_token", token), ANA_SIGNS_IN[0], ANA_SIGNS_IN[1]];
        let res = app.browser_post(who, "/login", &fields).await;
        assert_eq!(res.status, 403, "{token}");
        assert!(res.header("content-type").unwrap().starts_with("text/html"));
        assert!(res.cookie("__Host-portal_session").is_none());
    }
}

#[actix_web::test]
async fn logout_needs_the_csrf_token_and_ends_the_session() {
    let (app, mut browser) = ana_signed_in().await;
    let stolen_cookie = browser.session_cookie.clone().unwrap();
    let bad = [("csrf_token", "bad")];
    let res = app.browser_post(&mut browser, "/logout", &bad).await;
    assert_eq!(res.status, 403);
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);

    let res = app.submit_from(&mut browser, "/", "/logout", &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location").as_deref(), Some("/login"));
    // The old cookie value is dead server-side, even if someone kept a copy.
    let mut thief = Browser {
        session_cookie: Some(stolen_cookie),
        ..Default::default()
    };
    let res = app.browser_get(&mut thief, "/").await;
    assert_eq!(res.status, 303);
}

#[actix_web::test]
async fn signed_out_visitors_are_sent_to_the_login_page_and_back() {
    let app = app_with_ana().await;
    let mut browser = Browser::default();
    let res = app.browser_get(&mut browser, "/").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location").as_deref(), Some("/login?next=%2F"));
    // A forged cookie is the same as none.
    let mut forged = Browser {
        session_cookie: Some("eyJhbGciOiJub25lIn0.e30.".into()),
        ..Default::default()
    };
    assert_eq!(app.browser_get(&mut forged, "/").await.status, 303);
    // An off-site `next` is not followed after sign-in.
    let evil = "//evil.example/";
    let fields = [ANA_SIGNS_IN[0], ANA_SIGNS_IN[1], ("next", evil)];
    let page = "/login?next=//evil.example/";
    let res = app.submit_from(&mut browser, page, "/login", &fields).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location").as_deref(), Some("/"));
}

#[actix_web::test]
async fn a_failed_form_sign_in_says_so_without_revealing_which_part_was_wrong() {
    let app = app_with_ana().await;
    let mut browser = Browser::default();
    app.browser_get(&mut browser, "/login").await;
    let mut answers = Vec::new();
    for email in [ANA, "zed@ken.example.org"] {
        let fields = [("email", email), ("password", "bad password!!")];
        answers.push(app.submit(&mut browser, "/login", &fields).await);
    }
    for answer in &answers {
        assert_eq!(answer.status, 401);
        assert!(answer.body.contains("Wrong e-mail address or password."));
    }
    assert!(answers[0].body.contains("role=\"alert\""));
}

#[actix_web::test]
async fn script_in_a_name_is_escaped() {
    let app = spawn_app().await;
    let script = "<script>alert(1)</script>";
    let new = new_account(
        "x@ken.example.org",
        script,
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    account_creation::create_user(&mut app.conn(), new).unwrap();
    let mut browser = app.browser_login("x@ken.example.org", PASSWORD).await;
    let dash = app.browser_get(&mut browser, "/").await;
    assert!(!dash.body.contains("<script>alert(1)</script>"));
    assert!(dash.body.contains("&lt;script&gt;"));
}

#[actix_web::test]
async fn pages_follow_accept_language_and_remember_the_choice() {
    let app = app_with_ana().await;
    let fr = get_in(&app, "/login", "fr-FR,fr;q=0.9,en;q=0.5").await;
    assert!(fr.body.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(fr.body.contains("Mot de passe"));
    let en = app.get("/login").await;
    assert!(en.body.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(en.body.contains("Password"));

    // The signed-in user picks French; it sticks (cookie) and is saved on the account.
    let mut browser = app.browser_login(ANA, PASSWORD).await;
    let french = [("lang", "fr"), ("next", "/")];
    let res = app
        .submit_from(&mut browser, "/", "/language", &french)
        .await;
    assert_eq!(res.status, 303);
    let dash = app.browser_get(&mut browser, "/").await;
    assert!(dash.body.contains("Tableau de bord"), "{}", dash.body);
    let token = app.token(ANA, PASSWORD).await;
    let me = app.get_bearer("/api/v1/me", &token).await;
    assert_eq!(me.json()["language"], "fr");
    // Without the cookie (another device), the saved choice applies.
    let mut other_device = app.browser_login(ANA, PASSWORD).await;
    other_device.lang_cookie = None;
    let dash = app.browser_get(&mut other_device, "/").await;
    assert!(dash.body.contains("<html lang=\"fr\" dir=\"ltr\">"));

    // An unsupported language is refused.
    let unknown = [("lang", "xx")];
    let res = app
        .submit_from(&mut browser, "/", "/language", &unknown)
        .await;
    assert_eq!(res.status, 400);
}

#[actix_web::test]
async fn html_errors_are_pages_not_stack_traces() {
    let app = spawn_app().await;
    let page = app.get("/no/such/page").await;
    assert_eq!(page.status, 404);
    let html = page
        .header("content-type")
        .unwrap()
        .starts_with("text/html");
    assert!(html);
    assert!(page.body.contains("The page was not found"));
    let fr = get_in(&app, "/no/such/page", "fr").await;
    assert!(fr.body.contains("La page est introuvable"));
}

#[actix_web::test]
async fn the_navigation_lists_each_area_once() {
    let (app, mut browser) = ana_signed_in().await;
    let dash = app.browser_get(&mut browser, "/").await;
    let nav = dash.body.split("class=\"main-nav\"").nth(1).unwrap();
    let nav = nav.split("</nav>").next().unwrap();
    // Tera escapes `/` in attribute values as `&#x2F;`.
    let nav = nav.replace("&#x2F;", "/");
    for area in [
        "/reports",
        "/needs",
        "/projects",
        "/matches",
        "/documents",
        "/messages",
        "/calendar",
        "/groups",
        "/consultations",
        "/coordination",
    ] {
        let links = nav.matches(&format!("href=\"{area}\"")).count();
        assert_eq!(links, 1, "{area}");
    }
    let unbuilt = "/search";
    assert!(
        !nav.contains(unbuilt),
        "an area that is not built is not announced: {unbuilt}"
    );
}
