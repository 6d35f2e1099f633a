//! Files in threads: stored byte for byte in the database, served only to participants and
//! only as downloads, bounded in size and number.

use awc::http::header;
use portal::domain::Role;
use serde_json::json;

use crate::helpers::{into_page, spawn_app, Browser, Page, TestApp, PASSWORD};
use crate::messaging::{cast, start_thread, ANA, BEN};
use crate::people::app_with_ana;

pub const BOUNDARY: &str = "portal-test-boundary-7d1f";

pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, filename, content) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match filename {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                     Content-Type: application/pdf\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts a multipart body to `path` with `credential` (an `authorization` or `cookie` header).
async fn send_multipart(
    app: &TestApp,
    credential: (&str, String),
    path: &str,
    body: Vec<u8>,
) -> Page {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let req = app.client.post(app.url(path)).insert_header(credential);
    let res = req
        .insert_header((header::CONTENT_TYPE, content_type))
        .send_body(body);
    into_page(res.await.expect("request")).await
}

async fn upload(app: &TestApp, token: &str, thread: &str, body: Vec<u8>) -> Page {
    let path = format!("/api/v1/threads/{thread}/attachments");
    send_multipart(
        app,
        ("authorization", format!("Bearer {token}")),
        &path,
        body,
    )
    .await
}

/// Posts the thread page's attachment form from the browser.
pub async fn page_upload(app: &TestApp, browser: &Browser, thread: &str, body: Vec<u8>) -> Page {
    let path = format!("/messages/{thread}/attachments");
    send_multipart(app, ("cookie", browser.cookie_header()), &path, body).await
}

async fn download(
    app: &TestApp,
    token: &str,
    path: &str,
) -> (u16, Option<String>, Option<String>, Vec<u8>) {
    let mut res = app
        .client
        .get(app.url(path))
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .send()
        .await
        .unwrap();
    let get = |h: &str| {
        res.headers()
            .get(h)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (ct, cd) = (get("content-type"), get("content-disposition"));
    let bytes = res.body().limit(20 * 1024 * 1024).await.unwrap().to_vec();
    (res.status().as_u16(), ct, cd, bytes)
}

/// Ana's thread with Ben: (Ana's token, the thread's id).
async fn files_thread(app: &TestApp) -> (String, String) {
    let (ana, _, _, _, _) = cast(app).await;
    let body = json!({"subject": "Files", "to_users": [BEN], "body": "b"});
    let id = start_thread(app, &ana, body).await;
    (ana, id)
}

#[actix_web::test]
async fn participants_share_files_byte_for_byte_and_nobody_else_gets_them() {
    let app = spawn_app().await;
    let (ana, ben, _, eve, admin) = cast(&app).await;
    let body = json!({"subject": "Files", "to_users": [BEN], "body": "see attached"});
    let id = start_thread(&app, &ana, body).await;
    // A PDF (the type comes from the bytes) whose body is every byte value.
    let binary: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain(0..=255u8)
        .chain([0, 0, 0xff, 0xfe])
        .collect();
    let parts = multipart(&[
        ("body", None, b"Two files"),
        ("file", Some("../../evil<script>.pdf"), &binary),
        ("file", Some("plan.txt"), b"plain text"),
    ]);
    let res = upload(&app, &ana, &id, parts).await.assert_status(201);
    let detail = res.json();
    let message = &detail["messages"][1];
    assert_eq!(message["body"], "Two files");
    let files = message["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let evil = files.iter().find(|f| f["filename"] == "evil<script>.pdf");
    let evil = evil.expect("path parts dropped");
    assert_eq!(evil["size_bytes"], binary.len());
    let evil_id = evil["id"].as_str().unwrap();

    let path = format!("/api/v1/threads/{id}/attachments/{evil_id}");
    let (status, ct, cd, bytes) = download(&app, &ben, &path).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, binary);
    assert_eq!(ct.as_deref(), Some("application/pdf"));
    assert!(cd.unwrap().starts_with("attachment;"));

    for outsider in [&eve, &admin] {
        let (status, _, _, bytes) = download(&app, outsider, &path).await;
        assert_eq!(status, 404);
        assert!(bytes != binary);
        let parts = multipart(&[("file", Some("x.txt"), b"x")]);
        assert_eq!(upload(&app, outsider, &id, parts).await.status, 404);
    }
    // The attachment id under another thread (one Ben can see) is not found either.
    let body = json!({"subject": "Other", "to_users": [ANA], "body": "b"});
    let other = start_thread(&app, &ben, body).await;
    let elsewhere = format!("/api/v1/threads/{other}/attachments/{evil_id}");
    assert_eq!(download(&app, &ben, &elsewhere).await.0, 404);

    // The thread page escapes the file name and links the download.
    let mut browser = app.browser_login(BEN, PASSWORD).await;
    let page = app
        .browser_get(&mut browser, &format!("/messages/{id}"))
        .await;
    assert!(page.body.contains("evil&lt;script&gt;.pdf"));
    assert!(!page.body.contains("evil<script>"));
    let link = format!("/messages/{id}/attachments/{evil_id}");
    assert!(page.body.contains(&link));
}

#[actix_web::test]
async fn file_bounds_are_enforced() {
    let app = spawn_app().await;
    let (ana, id) = files_thread(&app).await;
    // A well-typed file (a PDF) one byte over the bound: refused while it streams in.
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let res = upload(
        &app,
        &ana,
        &id,
        multipart(&[("file", Some("big.pdf"), &big)]),
    )
    .await;
    assert_eq!(res.status, 413, "{}", res.body);
    let six: Vec<(&str, Option<&str>, &[u8])> =
        (0..6).map(|_| ("file", Some("a.txt"), &b"a"[..])).collect();
    for (body, code) in [
        (multipart(&six), "too_many_files"),
        (multipart(&[("body", None, b"no file")]), "no_file"),
        (b"not multipart".to_vec(), ""),
    ] {
        let res = upload(&app, &ana, &id, body).await;
        assert_eq!(res.status, 400, "{code}");
        if !code.is_empty() {
            assert_eq!(res.error_code(), code);
        }
    }
    let detail = app.get_bearer(&format!("/api/v1/threads/{id}"), &ana).await;
    let messages = detail.json()["messages"].as_array().unwrap().len();
    assert_eq!(messages, 1, "nothing half-written");
    // And no stored bytes are left behind by the refused uploads.
    assert_eq!(blob_count(&app), 0);
}

#[actix_web::test]
async fn files_are_attached_from_the_thread_page_with_its_csrf_token() {
    let app = app_with_ana().await;
    app.add_user(BEN, "UNODC", Role::FocalPoint);
    let token = app.token(ANA, PASSWORD).await;
    let body = json!({"subject": "Page files", "to_users": [BEN], "body": "b"});
    let id = start_thread(&app, &token, body).await;
    let mut browser: Browser = app.browser_login(BEN, PASSWORD).await;
    let page = app
        .browser_get(&mut browser, &format!("/messages/{id}"))
        .await;
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    let csrf = page.csrf_field();
    let forged = multipart(&[
        ("csrf_token", None, b"00ff"),
        ("file", Some("n.txt"), b"no"),
    ]);
    let refused = page_upload(&app, &browser, &id, forged).await;
    assert_eq!(refused.status, 403);
    let parts = multipart(&[
        ("csrf_token", None, csrf.as_bytes()),
        ("file", Some("notes.txt"), b"meeting notes"),
    ]);
    let sent = page_upload(&app, &browser, &id, parts).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let detail = app
        .get_bearer(&format!("/api/v1/threads/{id}"), &token)
        .await;
    let detail = detail.json();
    let files = detail["messages"][1]["attachments"].as_array().unwrap();
    assert_eq!(
        files.len(),
        1,
        "only the form with a valid token went through"
    );
    let file_id = files[0]["id"].as_str().unwrap();
    let file = format!("/messages/{id}/attachments/{file_id}");
    let got = app.browser_get(&mut browser, &file).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, "meeting notes");
}

#[actix_web::test]
async fn attachments_follow_the_document_type_rules() {
    let app = spawn_app().await;
    let (ana, id) = files_thread(&app).await;
    let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00";
    for (name, bytes) in [
        ("page.html", &html[..]),
        ("report.pdf", &b"<html><body>not a pdf</body></html>"[..]),
        ("tool.exe", &exe[..]),
    ] {
        let res = upload(&app, &ana, &id, multipart(&[("file", Some(name), bytes)])).await;
        assert_eq!(res.status, 400, "{name}: {}", res.body);
        assert_eq!(res.error_code(), "unsupported_file");
    }
}

fn blob_count(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    portal::db::schema::file_blobs::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn the_thread_page_attaches_files_only_with_its_csrf_token_first() {
    let app = spawn_app().await;
    let (_, id) = files_thread(&app).await;
    let mut browser = app.browser_login(ANA, PASSWORD).await;
    let page = app
        .browser_get(&mut browser, &format!("/messages/{id}"))
        .await;
    let csrf = page.csrf_field();
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();

    // A forged form (wrong token, or the token after the file) stores nothing.
    let forged = multipart(&[("csrf_token", None, b"00ff"), ("file", Some("a.pdf"), &pdf)]);
    assert_eq!(page_upload(&app, &browser, &id, forged).await.status, 403);
    let late = multipart(&[
        ("file", Some("a.pdf"), &pdf),
        ("csrf_token", None, csrf.as_bytes()),
    ]);
    assert_eq!(page_upload(&app, &browser, &id, late).await.status, 403);
    assert_eq!(blob_count(&app), 0);

    let good = multipart(&[
        ("csrf_token", None, csrf.as_bytes()),
        ("body", None, b"The plan, attached"),
        ("file", Some("plan.pdf"), &pdf),
        ("file", Some("annex.pdf"), &pdf),
    ]);
    let res = page_upload(&app, &browser, &id, good).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(blob_count(&app), 2);
    let thread = app
        .browser_get(&mut browser, &format!("/messages/{id}"))
        .await;
    assert!(thread.body.contains("plan.pdf") && thread.body.contains("annex.pdf"));
}
