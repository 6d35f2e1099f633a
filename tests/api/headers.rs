use crate::helpers::{spawn_app, Page, PASSWORD};
use crate::people::{app_with_ana, ANA};

fn assert_security_headers(page: &Page, what: &str) {
    let csp = page
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(csp.contains("default-src 'self'"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(
        page.header("x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        page.header("referrer-policy").as_deref(),
        Some("no-referrer"),
        "{what}"
    );
    assert_eq!(
        page.header("x-frame-options").as_deref(),
        Some("DENY"),
        "{what}"
    );
}

#[actix_web::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = app_with_ana().await;
    let token = app.token(ANA, PASSWORD).await;
    let pages = vec![
        ("login page", app.get("/login").await),
        ("html 404", app.get("/no/such/page").await),
        ("api 404", app.get("/api/v1/nothing").await),
        ("stylesheet", app.get("/assets/portal.css").await),
        ("missing asset", app.get("/assets/nothing.js").await),
        ("health", app.get("/healthz").await),
        ("api 401", app.get("/api/v1/me").await),
        ("me", app.get_bearer("/api/v1/me", &token).await),
        ("openapi", app.get("/api/v1/openapi.json").await),
    ];
    for (what, page) in &pages {
        assert_security_headers(page, what);
    }
}

#[actix_web::test]
async fn authenticated_responses_are_not_stored() {
    let app = app_with_ana().await;
    let token = app.token(ANA, PASSWORD).await;
    let me = app.get_bearer("/api/v1/me", &token).await;
    assert_eq!(me.header("cache-control").as_deref(), Some("no-store"));
    let mut browser = app.browser_login(ANA, PASSWORD).await;
    let dash = app.browser_get(&mut browser, "/").await;
    assert_eq!(dash.status, 200);
    assert_eq!(dash.header("cache-control").as_deref(), Some("no-store"));
    let login = app.login_api(ANA, PASSWORD).await;
    assert_eq!(login.header("cache-control").as_deref(), Some("no-store"));
}

#[actix_web::test]
async fn static_files_are_served_from_the_binary_with_their_type() {
    let app = spawn_app().await;
    let css = app.get("/assets/portal.css").await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(css.body.contains(":focus-visible"));
    let traversal = app.get("/assets/..%2F..%2FCargo.toml").await;
    assert_eq!(traversal.status, 404);
}
