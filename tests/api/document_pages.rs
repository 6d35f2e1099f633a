//! The browser route through documents: an entity uploads a restricted PDF shared with one
//! State; that State downloads it; another State sees it nowhere; the owner sees the download.

use portal::domain::Role;

use crate::documents::{post_multipart, PDF};
use crate::helpers::{spawn_app, Browser, Page, TestApp};

/// Posts the new-document form from the browser.
async fn post_new_document(
    app: &TestApp,
    browser: &Browser,
    fields: &[(&str, &str)],
    file: (&str, &[u8]),
) -> Page {
    let credential = browser.credential();
    post_multipart(app, credential, "/documents/new", fields, Some(file)).await
}

/// A new focal point of UNODC, signed in through the form.
async fn unodc_focal_point(app: &TestApp) -> Browser {
    app.browser_of("fp@unodc.example.org", "UNODC", Role::FocalPoint)
        .await
}

#[actix_web::test]
async fn an_entity_shares_a_restricted_pdf_with_one_state() {
    let app = spawn_app().await;
    let mut unodc = unodc_focal_point(&app).await;
    let mut ken = app
        .browser_of("fp@ken.example.org", "KEN", Role::FocalPoint)
        .await;
    let mut fra = app
        .browser_of("fp@fra.example.org", "FRA", Role::FocalPoint)
        .await;

    let form = app.browser_get(&mut unodc, "/documents/new").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));
    let csrf = form.csrf_field();

    // Without the CSRF token first, nothing is read or stored.
    let late = [("title", "x"), ("csrf_token", &*csrf)];
    let refused = post_new_document(&app, &unodc, &late, ("a.pdf", PDF));
    assert_eq!(refused.await.status, 403);

    let fields = [
        ("csrf_token", csrf.as_str()),
        ("title", "Prosecution guide"),
        ("classification", "restricted"),
        ("access", "KEN"),
        ("tags", "guidelines"),
    ];
    let res = post_new_document(&app, &unodc, &fields, ("guide.pdf", PDF));
    let res = res.await.assert_status(303);
    let doc_path = res.header("location").unwrap();
    let download = format!("{doc_path}/download");
    let downloads = format!("{doc_path}/downloads.csv");

    let page = app.browser_get(&mut ken, &doc_path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Prosecution guide"));
    let file = app.browser_get(&mut ken, &download).await;
    assert_eq!(file.status, 200);
    assert_eq!(file.body.as_bytes(), PDF);
    let disposition = file.header("content-disposition").unwrap();
    assert!(disposition.starts_with("attachment;"));

    app.assert_page_statuses(&mut fra, [(&doc_path, 404), (&download, 404)])
        .await;
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
    let csv = app.browser_get(&mut unodc, &downloads).await;
    assert!(csv.body.contains("fp@ken.example.org"));
    app.assert_page_statuses(&mut ken, [(&downloads, 403)])
        .await;

    // The owner removes KEN through the access form: KEN's next download is refused.
    let access = format!("{doc_path}/access");
    let csrf = owner_view.csrf_field();
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("access", "all_compact_entities"),
    ];
    let res = app.browser_post(&mut unodc, &access, &fields).await;
    assert_eq!(res.status, 303);
    app.assert_page_statuses(&mut ken, [(&download, 404)]).await;
}

#[actix_web::test]
async fn a_refused_file_shows_the_form_again_with_the_reason() {
    let app = spawn_app().await;
    let mut unodc = unodc_focal_point(&app).await;
    let form = app.browser_get(&mut unodc, "/documents/new").await;
    let csrf = form.csrf_field();
    let fields = [
        ("csrf_token", &*csrf),
        ("title", "Fake <quarterly> review"),
        ("description", "Typed before the refusal"),
        ("tags", "border, travel"),
        ("classification", "confidential"),
        ("programme", "CT-TRAVEL"),
    ];
    let fake = ("fake.pdf", &b"<html><body>phish</body></html>"[..]);
    let res = post_new_document(&app, &unodc, &fields, fake).await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("role=\"alert\""));
    assert!(res.body.contains("not accepted"));
    // What was typed is there again (escaped), the file alone is asked for again.
    assert!(
        res.body.contains("value=\"Fake &lt;quarterly&gt; review\""),
        "{}",
        res.body
    );
    assert!(res.body.contains(">Typed before the refusal</textarea>"));
    assert!(res.body.contains("value=\"border, travel\""));
    assert!(res.body.contains("value=\"confidential\" selected"));
    assert!(res.body.contains("value=\"CT-TRAVEL\" selected"));
}

#[actix_web::test]
async fn a_refusal_is_told_in_the_reader_s_language_not_in_the_service_s_words() {
    let app = spawn_app().await;
    let mut unodc = unodc_focal_point(&app).await;
    let res = app
        .submit_from(
            &mut unodc,
            "/",
            "/language",
            &[("lang", "fr"), ("next", "/")],
        )
        .await;
    assert_eq!(res.status, 303);
    let form = app.browser_get(&mut unodc, "/documents/new").await;
    let csrf = form.csrf_field();
    let fields = [("csrf_token", &*csrf), ("title", "Faux")];
    let fake = ("fake.pdf", &b"<html><body>phish</body></html>"[..]);
    let res = post_new_document(&app, &unodc, &fields, fake).await;
    assert_eq!(res.status, 400);
    let french = portal::i18n::text("fr", "error-unsupported_file");
    assert!(
        res.body.contains(&french.replace('\'', "&#x27;")),
        "{}",
        res.body
    );
    assert!(
        !res.body.contains("is not accepted"),
        "no English service message"
    );
}
