//! The browser route through documents: an entity uploads a restricted PDF shared with one
//! State; that State downloads it; another State sees it nowhere; the owner sees the download.

use portal::domain::Role;

use crate::documents::{multipart, PDF};
use crate::helpers::{into_page, spawn_app, Browser, Page, TestApp, PASSWORD};

async fn browser(app: &TestApp, email: &str, org: &str, role: Role) -> Browser {
    app.create_user(email, org, role, Some(PASSWORD));
    app.browser_login(email, PASSWORD).await
}

async fn post_multipart(
    app: &TestApp,
    browser: &Browser,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Page {
    let (content_type, body) = multipart(fields, file);
    let res = app
        .client
        .post(app.url(path))
        .insert_header(("cookie", browser.cookie_header()))
        .insert_header(("content-type", content_type))
        .send_body(body)
        .await
        .unwrap();
    into_page(res).await
}

#[actix_web::test]
async fn an_entity_shares_a_restricted_pdf_with_one_state() {
    let app = spawn_app().await;
    let mut unodc = browser(&app, "fp@unodc.example.org", "UNODC", Role::FocalPoint).await;
    let mut ken = browser(&app, "fp@ken.example.org", "KEN", Role::FocalPoint).await;
    let mut fra = browser(&app, "fp@fra.example.org", "FRA", Role::FocalPoint).await;

    let form = app.browser_get(&mut unodc, "/documents/new").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));
    let csrf = form.csrf_field();

    // Without the CSRF token first, nothing is read or stored.
    let refused = post_multipart(
        &app,
        &unodc,
        "/documents/new",
        &[("title", "x"), ("csrf_token", &csrf)],
        Some(("a.pdf", PDF)),
    )
    .await;
    assert_eq!(refused.status, 403);

    let res = post_multipart(
        &app,
        &unodc,
        "/documents/new",
        &[
            ("csrf_token", &csrf),
            ("title", "Prosecution guide"),
            ("classification", "restricted"),
            ("access", "KEN"),
            ("tags", "guidelines"),
        ],
        Some(("guide.pdf", PDF)),
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let doc_path = res.header("location").unwrap();

    let page = app.browser_get(&mut ken, &doc_path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Prosecution guide"));
    let file = app
        .browser_get(&mut ken, &format!("{doc_path}/download"))
        .await;
    assert_eq!(file.status, 200);
    assert_eq!(file.body.as_bytes(), PDF);
    assert!(file
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment;"));

    assert_eq!(app.browser_get(&mut fra, &doc_path).await.status, 404);
    assert_eq!(
        app.browser_get(&mut fra, &format!("{doc_path}/download"))
            .await
            .status,
        404
    );
    for list in [
        "/documents",
        "/documents?tag=guidelines",
        "/documents?q=prosecution",
        "/documents?organisation=UNODC",
    ] {
        let page = app.browser_get(&mut fra, list).await;
        assert!(!page.body.contains("Prosecution guide"), "{list}");
    }

    let owner_view = app.browser_get(&mut unodc, &doc_path).await;
    assert!(owner_view.body.contains("Who downloaded this document"));
    assert!(owner_view.body.contains("fp@ken.example.org"));
    let csv = app
        .browser_get(&mut unodc, &format!("{doc_path}/downloads.csv"))
        .await;
    assert!(csv.body.contains("fp@ken.example.org"));
    assert_eq!(
        app.browser_get(&mut ken, &format!("{doc_path}/downloads.csv"))
            .await
            .status,
        403
    );

    // The owner removes KEN through the access form: KEN's next download is refused.
    let res = app
        .browser_post(
            &mut unodc,
            &format!("{doc_path}/access"),
            &[
                ("csrf_token", &owner_view.csrf_field()),
                ("access", "all_compact_entities"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        app.browser_get(&mut ken, &format!("{doc_path}/download"))
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn a_refused_file_shows_the_form_again_with_the_reason() {
    let app = spawn_app().await;
    let mut unodc = browser(&app, "fp@unodc.example.org", "UNODC", Role::FocalPoint).await;
    let form = app.browser_get(&mut unodc, "/documents/new").await;
    let res = post_multipart(
        &app,
        &unodc,
        "/documents/new",
        &[
            ("csrf_token", &form.csrf_field()),
            ("title", "Fake"),
            ("classification", "restricted"),
        ],
        Some(("fake.pdf", b"<html><body>phish</body></html>")),
    )
    .await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("role=\"alert\""));
    assert!(res.body.contains("not accepted"));
}
