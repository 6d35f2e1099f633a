//! The browser route: forms, cookies, CSRF, redirects, translations, error pages.

use portal::domain::Role;

use crate::helpers::{spawn_app, Browser, PASSWORD};

#[actix_web::test]
async fn signing_in_through_the_form_sets_a_strict_cookie_and_shows_the_dashboard() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let mut browser = Browser::default();
    let login = app.browser_get(&mut browser, "/login").await;
    assert_eq!(login.status, 200);
    for field in [
        "name=\"email\"",
        "name=\"password\"",
        "name=\"totp\"",
        "name=\"csrf_token\"",
        "<label for=\"email\"",
    ] {
        assert!(login.body.contains(field), "{field}");
    }
    let csrf_cookie = login.cookie("__Host-portal_csrf").expect("csrf cookie");
    assert!(
        csrf_cookie.contains("HttpOnly")
            && csrf_cookie.contains("Secure")
            && csrf_cookie.contains("SameSite=Strict")
    );

    let token = login.csrf_field();
    let res = app
        .browser_post(
            &mut browser,
            "/login",
            &[
                ("csrf_token", &token),
                ("email", "ana@ken.example.org"),
                ("password", PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location").as_deref(), Some("/"));
    let session = res.cookie("__Host-portal_session").expect("session cookie");
    for flag in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(session.contains(flag), "{flag} missing in {session}");
    }
    let dash = app.browser_get(&mut browser, "/").await;
    assert_eq!(dash.status, 200);
    assert!(dash.body.contains("Test ana@ken.example.org"));
    assert!(dash.body.contains("Kenya"));
    assert!(dash.body.contains("action=\"/logout\""));
}

#[actix_web::test]
async fn a_form_without_a_valid_csrf_token_is_refused_and_signs_nobody_in() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let mut browser = Browser::default();
    let login = app.browser_get(&mut browser, "/login").await;
    let good = login.csrf_field();

    // No token.
    let res = app
        .browser_post(
            &mut browser,
            "/login",
            &[("email", "ana@ken.example.org"), ("password", PASSWORD)],
        )
        .await;
    assert!(res.status == 400 || res.status == 403, "{}", res.status);
    assert!(res.cookie("__Host-portal_session").is_none());
    // A wrong token.
    let res = app
        .browser_post(
            &mut browser,
            "/login",
            &[
                ("csrf_token", "00ff"),
                ("email", "ana@ken.example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(res.header("content-type").unwrap().starts_with("text/html"));
    assert!(res.cookie("__Host-portal_session").is_none());
    // The right token but no cookie (a cross-site form cannot send it).
    let mut stranger = Browser::default();
    let res = app
        .browser_post(
            &mut stranger,
            "/login",
            &[
                ("csrf_token", &good),
                ("email", "ana@ken.example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(res.cookie("__Host-portal_session").is_none());
    // A token from another browser's cookie.
    let mut other = Browser::default();
    let other_login = app.browser_get(&mut other, "/login").await;
    let res = app
        .browser_post(
            &mut browser,
            "/login",
            &[
                ("csrf_token", &other_login.csrf_field()),
                ("email", "ana@ken.example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
}

#[actix_web::test]
async fn logout_needs_the_csrf_token_and_ends_the_session() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let mut browser = app.browser_login("ana@ken.example.org", PASSWORD).await;
    let stolen_cookie = browser.session_cookie.clone().unwrap();
    let res = app
        .browser_post(&mut browser, "/logout", &[("csrf_token", "bad")])
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);

    let dash = app.browser_get(&mut browser, "/").await;
    let res = app
        .browser_post(
            &mut browser,
            "/logout",
            &[("csrf_token", &dash.csrf_field())],
        )
        .await;
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
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
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
    let login = app
        .browser_get(&mut browser, "/login?next=//evil.example/")
        .await;
    let res = app
        .browser_post(
            &mut browser,
            "/login",
            &[
                ("csrf_token", &login.csrf_field()),
                ("email", "ana@ken.example.org"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location").as_deref(), Some("/"));
}

#[actix_web::test]
async fn a_failed_form_sign_in_says_so_without_revealing_which_part_was_wrong() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let mut browser = Browser::default();
    let login = app.browser_get(&mut browser, "/login").await;
    let csrf = login.csrf_field();
    let wrong = app
        .browser_post(
            &mut browser,
            "/login",
            &[
                ("csrf_token", &csrf),
                ("email", "ana@ken.example.org"),
                ("password", "bad password!!"),
            ],
        )
        .await;
    let unknown = app
        .browser_post(
            &mut browser,
            "/login",
            &[
                ("csrf_token", &csrf),
                ("email", "zed@ken.example.org"),
                ("password", "bad password!!"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    assert!(wrong.body.contains("Wrong e-mail address or password."));
    assert!(unknown.body.contains("Wrong e-mail address or password."));
    assert!(wrong.body.contains("role=\"alert\""));
}

#[actix_web::test]
async fn script_in_a_name_is_escaped() {
    let app = spawn_app().await;
    portal::services::admin::account_creation::create_user(
        &mut app.conn(),
        portal::services::admin::account_creation::NewAccount {
            email: "x@ken.example.org".into(),
            name: "<script>alert(1)</script>".into(),
            organisation_code: "KEN".into(),
            role: Role::FocalPoint,
            password_hash: Some(portal::auth::password::hash_blocking(PASSWORD).unwrap()),
        },
    )
    .unwrap();
    let mut browser = app.browser_login("x@ken.example.org", PASSWORD).await;
    let dash = app.browser_get(&mut browser, "/").await;
    assert!(!dash.body.contains("<script>alert(1)</script>"));
    assert!(dash.body.contains("&lt;script&gt;"));
}

#[actix_web::test]
async fn pages_follow_accept_language_and_remember_the_choice() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let fr = crate::helpers::into_page(
        app.client
            .get(app.url("/login"))
            .insert_header(("accept-language", "fr-FR,fr;q=0.9,en;q=0.5"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(fr.body.contains("<html lang=\"fr\">"));
    assert!(fr.body.contains("Mot de passe"));
    let en = app.get("/login").await;
    assert!(en.body.contains("<html lang=\"en\">"));
    assert!(en.body.contains("Password"));

    // The signed-in user picks French; it sticks (cookie) and is saved on the account.
    let mut browser = app.browser_login("ana@ken.example.org", PASSWORD).await;
    let dash = app.browser_get(&mut browser, "/").await;
    let res = app
        .browser_post(
            &mut browser,
            "/language",
            &[
                ("csrf_token", &dash.csrf_field()),
                ("lang", "fr"),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let dash = app.browser_get(&mut browser, "/").await;
    assert!(dash.body.contains("Tableau de bord"), "{}", dash.body);
    let token = app.token("ana@ken.example.org", PASSWORD).await;
    assert_eq!(
        app.get_bearer("/api/v1/me", &token).await.json()["language"],
        "fr"
    );
    // Without the cookie (another device), the saved choice applies.
    let mut other_device = app.browser_login("ana@ken.example.org", PASSWORD).await;
    other_device.lang_cookie = None;
    let dash = app.browser_get(&mut other_device, "/").await;
    assert!(dash.body.contains("<html lang=\"fr\">"));

    // An unsupported language is refused.
    let dash = app.browser_get(&mut browser, "/").await;
    let res = app
        .browser_post(
            &mut browser,
            "/language",
            &[("csrf_token", &dash.csrf_field()), ("lang", "xx")],
        )
        .await;
    assert_eq!(res.status, 400);
}

#[actix_web::test]
async fn html_errors_are_pages_not_stack_traces() {
    let app = spawn_app().await;
    let page = app.get("/no/such/page").await;
    assert_eq!(page.status, 404);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(page.body.contains("The page was not found"));
    let fr = crate::helpers::into_page(
        app.client
            .get(app.url("/no/such/page"))
            .insert_header(("accept-language", "fr"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(fr.body.contains("La page est introuvable"));
}

#[actix_web::test]
async fn the_navigation_lists_each_area_once() {
    let app = spawn_app().await;
    app.create_user(
        "ana@ken.example.org",
        "KEN",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let mut browser = app.browser_login("ana@ken.example.org", PASSWORD).await;
    let dash = app.browser_get(&mut browser, "/").await;
    let nav = dash
        .body
        .split("class=\"main-nav\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    // Tera escapes `/` in attribute values as `&#x2F;`.
    let nav = nav.replace("&#x2F;", "/");
    for area in ["/reports", "/needs", "/documents", "/messages"] {
        assert_eq!(
            nav.matches(&format!("href=\"{area}\"")).count(),
            1,
            "{area}"
        );
    }
    for unbuilt in ["/projects", "/matches", "/consultations", "/calendar"] {
        assert!(
            !nav.contains(unbuilt),
            "an area that is not built is not announced: {unbuilt}"
        );
    }
}
