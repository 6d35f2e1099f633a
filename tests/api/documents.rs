//! Documents behind rule 3: nothing leaks by a guessed link, a filter or a search; the type
//! comes from the bytes; uploads past the limit stop with 413; downloads are audited.

use diesel::prelude::*;
use portal::db::schema::{audit_log, documents, file_blobs, file_chunks};
use portal::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{into_page, spawn_app, Page, TestApp, PASSWORD};

pub const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "portalTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
    }
    if let Some((filename, bytes)) = file {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Posts a multipart form with `credential`: a bearer token's `authorization` header, or a
/// browser's `cookie`.
pub async fn post_multipart(
    app: &TestApp,
    credential: (&str, String),
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Page {
    let (content_type, body) = multipart(fields, file);
    let res = app
        .client
        .post(app.url(path))
        .insert_header(credential)
        .insert_header(("content-type", content_type))
        .send_body(body)
        .await
        .expect("request");
    into_page(res).await
}

pub async fn upload(
    app: &TestApp,
    token: &str,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Page {
    let credential = ("authorization", format!("Bearer {token}"));
    post_multipart(app, credential, path, fields, file).await
}

struct People {
    unodc: String,
    ken: String,
    fra: String,
    coord: String,
    ipu: String,
}

async fn people(app: &TestApp) -> People {
    let mut tokens = Vec::new();
    for (email, org, role) in [
        ("fp@unodc.example.org", "UNODC", Role::FocalPoint),
        ("fp@ken.example.org", "KEN", Role::FocalPoint),
        ("fp@fra.example.org", "FRA", Role::FocalPoint),
        ("coord@cted.example.org", "CTED", Role::Coordinator),
        ("obs@ipu.example.org", "IPU", Role::Observer),
    ] {
        app.create_user(email, org, role, Some(PASSWORD));
        tokens.push(app.token(email, PASSWORD).await);
    }
    let mut t = tokens.into_iter();
    People {
        unodc: t.next().unwrap(),
        ken: t.next().unwrap(),
        fra: t.next().unwrap(),
        coord: t.next().unwrap(),
        ipu: t.next().unwrap(),
    }
}

async fn shared_pdf(app: &TestApp, token: &str, classification: &str, access: &[&str]) -> String {
    let mut fields = vec![
        ("title", "Madrid Guiding Principles: implementation notes"),
        ("classification", classification),
        ("tags", "ftf, guidelines"),
    ];
    for a in access {
        fields.push(("access", a));
    }
    let page = new_document(app, token, &fields, Some(("notes.pdf", PDF))).await;
    page.assert_status(201).field("id")
}

/// Uploads a new document as `token`.
async fn new_document(
    app: &TestApp,
    token: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Page {
    upload(app, token, "/api/v1/documents", fields, file).await
}

#[actix_web::test]
async fn a_restricted_pdf_reaches_exactly_the_listed_state() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let id = shared_pdf(&app, &p.unodc, "restricted", &["KEN"]).await;
    let doc = format!("/api/v1/documents/{id}");

    let content = app.get_bearer(&format!("{doc}/content"), &p.ken).await;
    assert_eq!(content.status, 200);
    assert_eq!(content.body.as_bytes(), PDF);
    let disposition = content.header("content-disposition").unwrap();
    assert!(disposition.starts_with("attachment; filename=\"notes.pdf\""));
    for (name, value) in [
        ("content-type", "application/pdf"),
        ("x-content-type-options", "nosniff"),
        ("cache-control", "no-store"),
    ] {
        assert_eq!(content.header(name).as_deref(), Some(value), "{name}");
    }
    let detail = app.get_bearer(&doc, &p.ken).await.json();
    assert_eq!(detail["versions"][0]["sha256"].as_str().unwrap().len(), 64);
    let access = &detail["access"];
    assert!(access.is_null(), "only managers see the access list");

    let guessed = format!("/api/v1/documents/{}/content", uuid::Uuid::new_v4());
    app.assert_get_statuses([
        (doc.clone(), &p.fra, 404),
        (format!("{doc}/content"), &p.fra, 404),
        (format!("{doc}/content?version=1"), &p.fra, 404),
        (format!("{doc}/downloads"), &p.fra, 404),
        (guessed, &p.ken, 404),
        // The owner sees the download in the audit list; the reader may not see that list.
        (format!("{doc}/downloads"), &p.ken, 403),
    ])
    .await;
    for list in [
        "/api/v1/documents",
        "/api/v1/documents?tag=ftf",
        "/api/v1/documents?organisation=UNODC",
        "/api/v1/documents?classification=restricted",
        "/api/v1/documents?q=madrid",
    ] {
        assert!(
            app.get_bearer(list, &p.fra).await.ids().is_empty(),
            "{list}"
        );
        let seen = app.get_bearer(list, &p.ken).await.ids();
        assert_eq!(seen, vec![id.clone()], "{list}");
    }
    assert!(app
        .get_bearer("/api/v1/documents", &p.ipu)
        .await
        .ids()
        .is_empty());

    let log = app.get_bearer(&format!("{doc}/downloads"), &p.unodc).await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("fp@ken.example.org"));
}

#[actix_web::test]
async fn confidential_documents_ignore_the_coordinators_rule() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let restricted = shared_pdf(&app, &p.unodc, "restricted", &["KEN"]).await;
    let confidential = shared_pdf(&app, &p.unodc, "confidential", &["KEN"]).await;
    let path = |id: &str| format!("/api/v1/documents/{id}");
    app.assert_get_statuses([
        (path(&restricted), &p.coord, 200),
        (path(&confidential), &p.coord, 404),
    ])
    .await;
    let coordinators_see = app.get_bearer("/api/v1/documents", &p.coord).await.ids();
    assert_eq!(coordinators_see, vec![restricted.clone()]);
    let listed = shared_pdf(&app, &p.unodc, "confidential", &["coordinators"]).await;
    let audience = shared_pdf(&app, &p.unodc, "unrestricted", &["all_member_states"]).await;
    app.assert_get_statuses([
        (path(&listed), &p.coord, 200),
        (path(&audience), &p.fra, 200),
        (path(&audience), &p.ipu, 404),
    ])
    .await;
}

#[actix_web::test]
async fn removing_an_organisation_from_the_list_ends_its_access_at_once() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let id = shared_pdf(&app, &p.unodc, "restricted", &["KEN", "FRA"]).await;
    let content = format!("/api/v1/documents/{id}/content");
    let access = format!("/api/v1/documents/{id}/access");
    app.assert_get_statuses([(&content, &p.fra, 200)]).await;
    let page = app
        .put_bearer(&access, &p.unodc, &json!({"access": ["KEN"]}))
        .await;
    assert_eq!(page.assert_status(200).json()["access"], json!(["KEN"]));
    app.assert_get_statuses([(&content, &p.fra, 404)]).await;
    // A reader who is not a manager cannot change the list.
    let widen = json!({"access": ["KEN", "FRA"]});
    assert_eq!(app.put_bearer(&access, &p.ken, &widen).await.status, 403);
    let actions: Vec<String> = audit_log::table
        .select(audit_log::action)
        .load(&mut app.conn())
        .unwrap();
    for action in ["document.access", "document.download"] {
        assert_eq!(
            actions.iter().filter(|a| *a == action).count(),
            1,
            "{action}"
        );
    }
}

fn nothing_stored(app: &TestApp) {
    let mut conn = app.conn();
    let docs: i64 = documents::table.count().get_result(&mut conn).unwrap();
    let blobs: i64 = file_blobs::table.count().get_result(&mut conn).unwrap();
    let chunks: i64 = file_chunks::table.count().get_result(&mut conn).unwrap();
    assert_eq!((docs, blobs, chunks), (0, 0, 0));
}

#[actix_web::test]
async fn bad_files_are_refused_and_leave_nothing_behind() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let fields = [
        ("title", "T"),
        ("classification", "restricted"),
        ("access", "KEN"),
    ];
    let unknown_org = [
        ("title", "T"),
        ("classification", "restricted"),
        ("access", "NOPE"),
    ];
    let bad_class = [("title", "T"), ("classification", "secret")];
    let html: &[u8] = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
    let svg: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>";
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    // (who, fields, file, status, error code, part of the message)
    for (token, fields, file, status, code, says) in [
        (
            &p.unodc,
            &fields[..],
            Some(("report.pdf", html)),
            400,
            "unsupported_file",
            "not accepted",
        ),
        (&p.unodc, &fields[..], Some(("logo.png", svg)), 400, "", ""),
        (
            &p.unodc,
            &fields[..],
            Some(("x.pdf", png)),
            400,
            "",
            "named .pdf",
        ),
        (
            &p.unodc,
            &fields[..],
            Some(("empty.pdf", &b""[..])),
            400,
            "empty_file",
            "",
        ),
        (&p.unodc, &fields[..], None, 400, "", ""),
        (
            &p.unodc,
            &unknown_org[..],
            Some(("a.pdf", PDF)),
            400,
            "unknown_organisation",
            "",
        ),
        (&p.unodc, &bad_class[..], Some(("a.pdf", PDF)), 400, "", ""),
        (&p.ipu, &fields[..], Some(("a.pdf", PDF)), 403, "", ""),
    ] {
        let page = new_document(&app, token, fields, file).await;
        let what = format!("{fields:?} {:?}", file.map(|f| f.0));
        assert_eq!(page.status, status, "{what}: {}", page.body);
        if !code.is_empty() {
            assert_eq!(page.error_code(), code, "{what}");
        }
        let message = page.json()["error"]["message"]
            .as_str()
            .unwrap_or("")
            .to_string();
        assert!(message.contains(says), "{what}: {message}");
    }
    nothing_stored(&app);
}

#[actix_web::test]
async fn an_upload_past_the_limit_gets_413_and_leaves_nothing() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let mut big = PDF.to_vec();
    big.resize(app.settings.max_upload_bytes as usize + 300 * 1024, b'0');
    let fields = [("title", "Big"), ("classification", "restricted")];
    let page = new_document(&app, &p.unodc, &fields, Some(("big.pdf", &big))).await;
    assert_eq!(page.status, 413, "{}", page.body);
    assert_eq!(page.error_code(), "payload_too_large");
    // Declared far too large: refused before any of the body is read (none is sent here).
    let port = app.address.rsplit(':').next().unwrap().to_string();
    let token = p.unodc.clone();
    let declared = app.settings.max_upload_bytes * 4;
    let response = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
        write!(
            stream,
            "POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {declared}\r\n\r\n"
        )
        .unwrap();
        let mut buf = [0u8; 512];
        let n = stream.read(&mut buf).unwrap();
        String::from_utf8_lossy(&buf[..n]).to_string()
    })
    .join()
    .unwrap();
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    nothing_stored(&app);
}

#[actix_web::test]
async fn file_names_are_cleaned_and_only_for_display() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let fields = [("title", "Notes"), ("classification", "unrestricted")];
    for (raw, shown) in [
        ("../../etc/passwd", "passwd"),
        ("..\\\\x.txt", "x.txt"),
        (" .hidden.txt ", "hidden.txt"),
    ] {
        let page = new_document(&app, &p.unodc, &fields, Some((raw, b"plain notes\n"))).await;
        assert_eq!(page.status, 201, "{raw}: {}", page.body);
        let body: Value = page.json();
        assert_eq!(body["versions"][0]["filename"], shown, "{raw}");
        let id = body["id"].as_str().unwrap();
        let content = format!("/api/v1/documents/{id}/content");
        let content = app.get_bearer(&content, &p.unodc).await;
        assert_eq!(
            content.header("content-type").as_deref(),
            Some("text/plain")
        );
        let disposition = content.header("content-disposition").unwrap();
        assert!(disposition.contains(&format!("filename=\"{shown}\"")));
    }
    // A NUL in the name makes the request malformed: refused, nothing kept.
    let page = new_document(&app, &p.unodc, &fields, Some(("a\u{0}b.txt", b"x"))).await;
    assert_eq!(page.status, 400);
    let docs: i64 = documents::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(docs, 3);
}

/// A right-to-left override (or another bidirectional control or zero-width character) in a
/// name can make `invoice\u{202E}fdp.exe` read as `invoiceexe.pdf`: it is dropped when the name
/// is stored, and again when it is served (names stored before this rule existed).
#[actix_web::test]
async fn hidden_direction_marks_never_disguise_an_extension() {
    use portal::db::schema::document_versions;
    let app = spawn_app().await;
    let p = people(&app).await;
    let fields = [("title", "Invoice"), ("classification", "unrestricted")];
    let file = ("invoice\u{202E}\u{200B}txt.csv", &b"a,b\n1,2\n"[..]);
    let page = new_document(&app, &p.unodc, &fields, Some(file)).await;
    let body: Value = page.assert_status(201).json();
    assert_eq!(body["versions"][0]["filename"], "invoicetxt.csv");
    let id = body["id"].as_str().unwrap().to_string();

    // A name written before the rule: served without its hidden characters all the same.
    diesel::update(document_versions::table.filter(document_versions::document_id.eq(&id)))
        .set(document_versions::filename.eq("notes\u{202E}fdp.csv\u{2066}"))
        .execute(&mut app.conn())
        .unwrap();
    let content = format!("/api/v1/documents/{id}/content");
    let content = app.get_bearer(&content, &p.unodc).await;
    assert_eq!(content.status, 200);
    let disposition = content.header("content-disposition").unwrap();
    for shown in ["filename=\"notesfdp.csv\"", "filename*=UTF-8''notesfdp.csv"] {
        assert!(disposition.contains(shown), "{disposition}");
    }
    for hidden in ["%E2%80%AE", "%E2%81%A6", "%E2%80%8B"] {
        assert!(!disposition.contains(hidden), "{disposition}");
    }
}

#[actix_web::test]
async fn new_versions_keep_the_old_ones() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let id = shared_pdf(&app, &p.unodc, "restricted", &["KEN"]).await;
    let v2: &[u8] = b"%PDF-1.7\n% second version\n%%EOF\n";
    let versions = format!("/api/v1/documents/{id}/versions");
    let page = upload(&app, &p.unodc, &versions, &[], Some(("notes-v2.pdf", v2))).await;
    assert_eq!(page.status, 201, "{}", page.body);
    assert_eq!(page.json()["current_version"], 2);
    assert_eq!(page.json()["versions"].as_array().unwrap().len(), 2);
    let content = format!("/api/v1/documents/{id}/content");
    for (query, bytes) in [("", v2), ("?version=1", PDF)] {
        let page = app.get_bearer(&format!("{content}{query}"), &p.ken).await;
        assert_eq!(page.body.as_bytes(), bytes, "{query}");
    }
    let missing = format!("{content}?version=9");
    app.assert_get_statuses([(missing, &p.ken, 404)]).await;
    for (token, status) in [(&p.ken, 403), (&p.fra, 404)] {
        let page = upload(&app, token, &versions, &[], Some(("x.pdf", v2))).await;
        assert_eq!(page.status, status);
    }
}

#[actix_web::test]
async fn a_large_file_round_trips_in_chunks() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let mut bytes = PDF.to_vec();
    bytes.extend((0..(1024 * 1024 + 12_345)).map(|i| (i % 251) as u8));
    let fields = [("title", "Big"), ("classification", "unrestricted")];
    let page = new_document(&app, &p.unodc, &fields, Some(("big.pdf", &bytes))).await;
    let id = page.assert_status(201).field("id");
    let chunks: i64 = file_chunks::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert!(chunks >= 4, "{chunks}");
    let mut res = app
        .client
        .get(app.url(&format!("/api/v1/documents/{id}/content")))
        .insert_header(("authorization", format!("Bearer {}", p.unodc)))
        .send()
        .await
        .unwrap();
    let length = res
        .headers()
        .get("content-length")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(length, bytes.len().to_string());
    let body = res.body().limit(10 * 1024 * 1024).await.unwrap();
    assert_eq!(body.as_ref(), bytes.as_slice());
}
