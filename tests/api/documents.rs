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

pub async fn upload(
    app: &TestApp,
    token: &str,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Page {
    let (content_type, body) = multipart(fields, file);
    let res = app
        .client
        .post(app.url(path))
        .insert_header(("authorization", format!("Bearer {token}")))
        .insert_header(("content-type", content_type))
        .send_body(body)
        .await
        .expect("request");
    into_page(res).await
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
    let page = upload(
        app,
        token,
        "/api/v1/documents",
        &fields,
        Some(("notes.pdf", PDF)),
    )
    .await;
    assert_eq!(page.status, 201, "{}", page.body);
    page.json()["id"].as_str().unwrap().to_string()
}

fn ids(page: &Page) -> Vec<String> {
    page.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn a_restricted_pdf_reaches_exactly_the_listed_state() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let id = shared_pdf(&app, &p.unodc, "restricted", &["KEN"]).await;

    let content = app
        .get_bearer(&format!("/api/v1/documents/{id}/content"), &p.ken)
        .await;
    assert_eq!(content.status, 200);
    assert_eq!(content.body.as_bytes(), PDF);
    assert_eq!(
        content.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert!(content
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment; filename=\"notes.pdf\""));
    assert_eq!(
        content.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(content.header("cache-control").as_deref(), Some("no-store"));
    let detail = app
        .get_bearer(&format!("/api/v1/documents/{id}"), &p.ken)
        .await
        .json();
    assert_eq!(detail["versions"][0]["sha256"].as_str().unwrap().len(), 64);
    assert!(
        detail["access"].is_null(),
        "only managers see the access list"
    );

    for path in [
        format!("/api/v1/documents/{id}"),
        format!("/api/v1/documents/{id}/content"),
        format!("/api/v1/documents/{id}/content?version=1"),
        format!("/api/v1/documents/{id}/downloads"),
    ] {
        let denied = app.get_bearer(&path, &p.fra).await;
        assert_eq!(denied.status, 404, "{path}");
    }
    let guessed = app
        .get_bearer(
            &format!("/api/v1/documents/{}/content", uuid::Uuid::new_v4()),
            &p.ken,
        )
        .await;
    assert_eq!(guessed.status, 404);
    for list in [
        "/api/v1/documents",
        "/api/v1/documents?tag=ftf",
        "/api/v1/documents?organisation=UNODC",
        "/api/v1/documents?classification=restricted",
        "/api/v1/documents?q=madrid",
    ] {
        assert!(
            ids(&app.get_bearer(list, &p.fra).await).is_empty(),
            "{list}"
        );
        assert_eq!(
            ids(&app.get_bearer(list, &p.ken).await),
            vec![id.clone()],
            "{list}"
        );
    }
    assert!(ids(&app.get_bearer("/api/v1/documents", &p.ipu).await).is_empty());

    // The owner sees the download in the audit list; the reader may not see that list.
    let log = app
        .get_bearer(&format!("/api/v1/documents/{id}/downloads"), &p.unodc)
        .await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("fp@ken.example.org"));
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{id}/downloads"), &p.ken)
            .await
            .status,
        403
    );
}

#[actix_web::test]
async fn confidential_documents_ignore_the_coordinators_rule() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let restricted = shared_pdf(&app, &p.unodc, "restricted", &["KEN"]).await;
    let confidential = shared_pdf(&app, &p.unodc, "confidential", &["KEN"]).await;
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{restricted}"), &p.coord)
            .await
            .status,
        200
    );
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{confidential}"), &p.coord)
            .await
            .status,
        404
    );
    assert_eq!(
        ids(&app.get_bearer("/api/v1/documents", &p.coord).await),
        vec![restricted.clone()]
    );
    let listed = shared_pdf(&app, &p.unodc, "confidential", &["coordinators"]).await;
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{listed}"), &p.coord)
            .await
            .status,
        200
    );
    let audience = shared_pdf(&app, &p.unodc, "unrestricted", &["all_member_states"]).await;
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{audience}"), &p.fra)
            .await
            .status,
        200
    );
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{audience}"), &p.ipu)
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn removing_an_organisation_from_the_list_ends_its_access_at_once() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let id = shared_pdf(&app, &p.unodc, "restricted", &["KEN", "FRA"]).await;
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{id}/content"), &p.fra)
            .await
            .status,
        200
    );
    let res = app
        .client
        .put(app.url(&format!("/api/v1/documents/{id}/access")))
        .insert_header(("authorization", format!("Bearer {}", p.unodc)))
        .send_json(&json!({"access": ["KEN"]}))
        .await
        .unwrap();
    let page = into_page(res).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.json()["access"], json!(["KEN"]));
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{id}/content"), &p.fra)
            .await
            .status,
        404
    );
    // A reader who is not a manager cannot change the list.
    let res = app
        .client
        .put(app.url(&format!("/api/v1/documents/{id}/access")))
        .insert_header(("authorization", format!("Bearer {}", p.ken)))
        .send_json(&json!({"access": ["KEN", "FRA"]}))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    let actions: Vec<String> = audit_log::table
        .select(audit_log::action)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        actions.iter().filter(|a| *a == "document.access").count(),
        1
    );
    assert_eq!(
        actions.iter().filter(|a| *a == "document.download").count(),
        1
    );
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
    let html = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &fields,
        Some((
            "report.pdf",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        )),
    )
    .await;
    assert_eq!(html.status, 400);
    assert_eq!(html.json()["error"]["code"], "unsupported_file");
    assert!(html.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not accepted"));
    let svg = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &fields,
        Some((
            "logo.png",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>",
        )),
    )
    .await;
    assert_eq!(svg.status, 400);
    let renamed_png = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &fields,
        Some(("x.pdf", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01")),
    )
    .await;
    assert_eq!(renamed_png.status, 400);
    assert!(renamed_png.body.contains("named .pdf"));
    let empty = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &fields,
        Some(("empty.pdf", b"")),
    )
    .await;
    assert_eq!(empty.status, 400);
    assert_eq!(empty.json()["error"]["code"], "empty_file");
    let no_file = upload(&app, &p.unodc, "/api/v1/documents", &fields, None).await;
    assert_eq!(no_file.status, 400);
    let unknown_org = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &[
            ("title", "T"),
            ("classification", "restricted"),
            ("access", "NOPE"),
        ],
        Some(("a.pdf", PDF)),
    )
    .await;
    assert_eq!(unknown_org.status, 400);
    assert_eq!(unknown_org.json()["error"]["code"], "unknown_organisation");
    let bad_class = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &[("title", "T"), ("classification", "secret")],
        Some(("a.pdf", PDF)),
    )
    .await;
    assert_eq!(bad_class.status, 400);
    let observer = upload(
        &app,
        &p.ipu,
        "/api/v1/documents",
        &fields,
        Some(("a.pdf", PDF)),
    )
    .await;
    assert_eq!(observer.status, 403);
    nothing_stored(&app);
}

#[actix_web::test]
async fn an_upload_past_the_limit_gets_413_and_leaves_nothing() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let mut big = PDF.to_vec();
    big.resize(app.settings.max_upload_bytes as usize + 300 * 1024, b'0');
    let fields = [("title", "Big"), ("classification", "restricted")];
    let page = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &fields,
        Some(("big.pdf", &big)),
    )
    .await;
    assert_eq!(page.status, 413, "{}", page.body);
    assert_eq!(page.json()["error"]["code"], "payload_too_large");
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
    for (raw, shown) in [
        ("../../etc/passwd", "passwd"),
        ("..\\\\x.txt", "x.txt"),
        (" .hidden.txt ", "hidden.txt"),
    ] {
        let page = upload(
            &app,
            &p.unodc,
            "/api/v1/documents",
            &[("title", "Notes"), ("classification", "unrestricted")],
            Some((raw, b"plain notes\n")),
        )
        .await;
        assert_eq!(page.status, 201, "{raw}: {}", page.body);
        let body: Value = page.json();
        assert_eq!(body["versions"][0]["filename"], shown, "{raw}");
        let id = body["id"].as_str().unwrap();
        let content = app
            .get_bearer(&format!("/api/v1/documents/{id}/content"), &p.unodc)
            .await;
        assert_eq!(
            content.header("content-type").as_deref(),
            Some("text/plain")
        );
        assert!(content
            .header("content-disposition")
            .unwrap()
            .contains(&format!("filename=\"{shown}\"")));
    }
    // A NUL in the name makes the request malformed: refused, nothing kept.
    let page = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &[("title", "Notes"), ("classification", "unrestricted")],
        Some(("a\u{0}b.txt", b"x")),
    )
    .await;
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
    let page = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &[("title", "Invoice"), ("classification", "unrestricted")],
        Some(("invoice\u{202E}\u{200B}txt.csv", b"a,b\n1,2\n")),
    )
    .await;
    assert_eq!(page.status, 201, "{}", page.body);
    let body: Value = page.json();
    assert_eq!(body["versions"][0]["filename"], "invoicetxt.csv");
    let id = body["id"].as_str().unwrap().to_string();

    // A name written before the rule: served without its hidden characters all the same.
    diesel::update(document_versions::table.filter(document_versions::document_id.eq(&id)))
        .set(document_versions::filename.eq("notes\u{202E}fdp.csv\u{2066}"))
        .execute(&mut app.conn())
        .unwrap();
    let content = app
        .get_bearer(&format!("/api/v1/documents/{id}/content"), &p.unodc)
        .await;
    assert_eq!(content.status, 200);
    let disposition = content.header("content-disposition").unwrap();
    assert!(
        disposition.contains("filename=\"notesfdp.csv\""),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''notesfdp.csv"),
        "{disposition}"
    );
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
    let page = upload(
        &app,
        &p.unodc,
        &format!("/api/v1/documents/{id}/versions"),
        &[],
        Some(("notes-v2.pdf", v2)),
    )
    .await;
    assert_eq!(page.status, 201, "{}", page.body);
    assert_eq!(page.json()["current_version"], 2);
    assert_eq!(page.json()["versions"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{id}/content"), &p.ken)
            .await
            .body
            .as_bytes(),
        v2
    );
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{id}/content?version=1"), &p.ken)
            .await
            .body
            .as_bytes(),
        PDF
    );
    assert_eq!(
        app.get_bearer(&format!("/api/v1/documents/{id}/content?version=9"), &p.ken)
            .await
            .status,
        404
    );
    let not_manager = upload(
        &app,
        &p.ken,
        &format!("/api/v1/documents/{id}/versions"),
        &[],
        Some(("x.pdf", v2)),
    )
    .await;
    assert_eq!(not_manager.status, 403);
    let stranger = upload(
        &app,
        &p.fra,
        &format!("/api/v1/documents/{id}/versions"),
        &[],
        Some(("x.pdf", v2)),
    )
    .await;
    assert_eq!(stranger.status, 404);
}

#[actix_web::test]
async fn a_large_file_round_trips_in_chunks() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let mut bytes = PDF.to_vec();
    bytes.extend((0..(1024 * 1024 + 12_345)).map(|i| (i % 251) as u8));
    let page = upload(
        &app,
        &p.unodc,
        "/api/v1/documents",
        &[("title", "Big"), ("classification", "unrestricted")],
        Some(("big.pdf", &bytes)),
    )
    .await;
    assert_eq!(page.status, 201, "{}", page.body);
    let id = page.json()["id"].as_str().unwrap().to_string();
    let chunks: i64 = file_chunks::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert!(chunks >= 4, "{chunks}");
    let res = app
        .client
        .get(app.url(&format!("/api/v1/documents/{id}/content")))
        .insert_header(("authorization", format!("Bearer {}", p.unodc)))
        .send()
        .await
        .unwrap();
    let mut res = res;
    assert_eq!(
        res.headers()
            .get("content-length")
            .unwrap()
            .to_str()
            .unwrap(),
        bytes.len().to_string()
    );
    let body = res.body().limit(10 * 1024 * 1024).await.unwrap();
    assert_eq!(body.as_ref(), bytes.as_slice());
}
