//! The API is what its document says: every time is RFC 3339 in UTC with `Z` (JSON and CSV),
//! cursors are opaque and anything but the server's own is a 400, unsupported methods on known
//! paths are a 405 with `Allow`, the document declares the errors each operation can give, and
//! its operations are the API's routes (it is collected from their registrations).

use serde_json::{json, Value};

use crate::documents::{upload, PDF};
use crate::helpers::{spawn_app, TestApp};
use crate::messaging::start_thread;
use crate::reports::{cast, published_report};

/// RFC 3339 with the `Z` of UTC, nothing else (no offset, no zone-less time).
fn is_utc_rfc3339(value: &str) -> bool {
    value.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(value).is_ok()
}

/// Every key ending in `_at` or named `at`, anywhere in `value`, with where it was found.
fn times<'a>(value: &'a Value, at: &str, found: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = format!("{at}.{key}");
                if key == "at" || key.ends_with("_at") {
                    found.push((here.clone(), v));
                }
                times(v, &here, found);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                times(v, &format!("{at}[{i}]"), found);
            }
        }
        _ => {}
    }
}

async fn json_of(app: &TestApp, path: &str, token: &str) -> Value {
    app.get_ok(path, token).await.json()
}

#[actix_rt::test]
async fn every_time_in_the_api_is_rfc3339_in_utc() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, _) = published_report(&app, &c.coordinator).await;
    let need = app
        .post_json_bearer(
            "/api/v1/needs",
            &c.coordinator,
            &json!({"member_state": "KEN", "title": "Forensic training", "description": "Two weeks.",
                    "thematic_area": "Border management and terrorist travel", "priority": "high"}),
        )
        .await;
    assert_eq!(need.status, 201, "{}", need.body);
    let need = need.json()["id"].as_str().unwrap().to_string();
    let comment = app
        .post_json_bearer(
            &format!("/api/v1/needs/{need}/comments"),
            &c.ken,
            &json!({"body": "We can host it."}),
        )
        .await;
    assert_eq!(comment.status, 201, "{}", comment.body);
    let document = upload(
        &app,
        &c.ken,
        "/api/v1/documents",
        &[("title", "Notes"), ("classification", "restricted")],
        Some(("notes.pdf", PDF)),
    )
    .await;
    assert_eq!(document.status, 201, "{}", document.body);
    let document = document.json()["id"].as_str().unwrap().to_string();
    let thread = start_thread(
        &app,
        &c.ken,
        json!({"subject": "Visit", "to_organisations": ["UNODC"], "body": "Hello"}),
    )
    .await;
    let project = crate::projects::create(&app, &c.unodc, &crate::projects::body("Timed")).await;
    let proposal = json!({"need_id": need, "project_id": project, "note": ""});
    let proposed = app
        .post_json_bearer("/api/v1/matches", &c.coordinator, &proposal)
        .await;
    let matched = proposed.assert_status(201).field("id");
    let login = app
        .login_api("fp@ken.example.org", crate::helpers::PASSWORD)
        .await
        .json();

    let mut bodies = vec![("login".to_string(), login)];
    for (path, token) in [
        ("/api/v1/me".to_string(), &c.ken),
        ("/api/v1/account/sessions".into(), &c.ken),
        ("/api/v1/reports".into(), &c.ken),
        (format!("/api/v1/reports/{report}"), &c.ken),
        ("/api/v1/needs".into(), &c.ken),
        (format!("/api/v1/needs/{need}"), &c.ken),
        ("/api/v1/projects".into(), &c.ken),
        (format!("/api/v1/projects/{project}"), &c.ken),
        ("/api/v1/matches".into(), &c.ken),
        (format!("/api/v1/matches/{matched}"), &c.ken),
        ("/api/v1/documents".into(), &c.ken),
        (format!("/api/v1/documents/{document}"), &c.ken),
        ("/api/v1/threads".into(), &c.ken),
        (format!("/api/v1/threads/{thread}"), &c.ken),
        ("/api/v1/users".into(), &c.admin),
        ("/api/v1/organisations?limit=5".into(), &c.admin),
        ("/api/v1/audit".into(), &c.admin),
    ] {
        let body = json_of(&app, &path, token).await;
        bodies.push((path, body));
    }
    let mut found = Vec::new();
    for (path, body) in &bodies {
        times(body, path, &mut found);
    }
    for (key, value) in &found {
        match value {
            Value::Null => {}
            Value::String(s) => assert!(is_utc_rfc3339(s), "{key} = {s}: not RFC 3339 with Z"),
            other => panic!("{key} = {other}: not a time string"),
        }
    }
    // The walk saw each kind of time (a renamed field would otherwise pass unnoticed).
    for expected in [
        "login.expires_at",
        "/api/v1/account/sessions.items[0].last_seen_at",
        &format!("/api/v1/reports/{report}.published_at"),
        &format!("/api/v1/needs/{need}.comments[0].created_at"),
        &format!("/api/v1/projects/{project}.updated_at"),
        "/api/v1/projects.items[0].created_at",
        "/api/v1/matches.items[0].updated_at",
        &format!("/api/v1/matches/{matched}.history[0].at"),
        &format!("/api/v1/documents/{document}.versions[0].uploaded_at"),
        &format!("/api/v1/threads/{thread}.messages[0].created_at"),
        "/api/v1/users.items[0].created_at",
        "/api/v1/audit.items[0].at",
    ] {
        assert!(
            found.iter().any(|(k, v)| k == expected && v.is_string()),
            "no time at {expected}"
        );
    }

    // CSV exports: the time columns too.
    for (path, column) in [
        ("/api/v1/needs/export", "created_at"),
        ("/api/v1/projects/export", "updated_at"),
        ("/api/v1/audit/export", "at"),
    ] {
        let token = if path.contains("audit") {
            &c.admin
        } else {
            &c.coordinator
        };
        let page = app.get_ok(path, token).await;
        let mut reader = csv::Reader::from_reader(page.body.as_bytes());
        let at = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("{path}: no {column} column"));
        let mut rows = 0;
        for row in reader.records() {
            let row = row.unwrap();
            assert!(is_utc_rfc3339(&row[at]), "{path}: {}", &row[at]);
            rows += 1;
        }
        assert!(rows > 0, "{path}: no rows");
    }
    let downloads = app
        .get_bearer(
            &format!("/api/v1/documents/{document}/downloads"),
            &c.coordinator,
        )
        .await;
    assert_eq!(downloads.status, 200, "{}", downloads.body);
}

#[actix_rt::test]
async fn a_cursor_the_server_did_not_give_is_a_400_on_every_list() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let lists = [
        "/api/v1/reports",
        "/api/v1/needs",
        "/api/v1/projects",
        "/api/v1/matches",
        "/api/v1/documents",
        "/api/v1/threads",
        "/api/v1/users",
        "/api/v1/organisations",
        "/api/v1/audit",
    ];
    // Shapes the document refuses (on every list), then well-shaped ones that decode to
    // nonsense for the list they are given to: times far outside what PostgreSQL stores, ids
    // that are not ids, numbers past i64.
    let b64 = |s: &str| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    };
    let misshapen = [
        "%27%3B--".to_string(),
        "%20".into(),
        "%20AFG".into(),
        "+12".into(),
        "abc%3D".into(),
        "a".repeat(513),
        "%00".into(),
        "1700000000000000_%7B6f1c3f46-7c1e-4d1e-9a43-1a2b3c4d5e6f%7D".into(),
    ];
    // Cursors are base64url JSON seek keys; both the old formats and well-formed keys that
    // make no sense for the list are refused.
    let nonsense = |list: &str| -> Vec<String> {
        match list {
            "/api/v1/reports" => vec![
                b64("99999-01-01|x"),
                b64("2025-01-01|"),
                b64("x|y"),
                b64(r#"["99999-01-01","x"]"#),
                b64(r#"["2025-01-01",""]"#),
                b64(r#"["2025-01-01","a\u0000b"]"#),
                b64(r#"[1700000000000000,"x"]"#),
                b64(r#""x""#),
            ],
            "/api/v1/needs" | "/api/v1/projects" | "/api/v1/matches" | "/api/v1/documents" => vec![
                b64("-9223372036854775808|x"),
                b64("9223372036854775807|x"),
                b64("-200000000000000000|x"),
                b64("300000000000000000|x"),
                b64(r#"[-9223372036854775808,"x"]"#),
                b64(r#"[9223372036854775807,"x"]"#),
                b64(r#"[-200000000000000000,"x"]"#),
                b64(r#"[300000000000000000,"x"]"#),
                b64(r#"[99999999999999999999,"x"]"#),
                b64(r#"[1700000000000000,""]"#),
                b64(r#"["2025-01-01","x"]"#),
            ],
            "/api/v1/threads" => vec![
                "-9000000000000000000_6f1c3f46-7c1e-4d1e-9a43-1a2b3c4d5e6f".into(),
                "9000000000000000000_6f1c3f46-7c1e-4d1e-9a43-1a2b3c4d5e6f".into(),
                "1700000000000000_not-a-uuid".into(),
                b64(r#"[-9000000000000000000,"6f1c3f46-7c1e-4d1e-9a43-1a2b3c4d5e6f"]"#),
                b64(r#"[9000000000000000000,"6f1c3f46-7c1e-4d1e-9a43-1a2b3c4d5e6f"]"#),
                b64(r#"[1700000000000000,"not-a-uuid"]"#),
            ],
            "/api/v1/users" => vec![
                b64("a\u{7}b"),
                "Q".into(),
                b64(r#""a\u0007b""#),
                b64(r#""""#),
                b64(&format!(r#""{}""#, "a".repeat(321))),
                b64("[1,2]"),
            ],
            "/api/v1/organisations" => vec![
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".into(),
                b64(r#""ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789""#),
                b64(r#""A\u0000""#),
                b64("7"),
            ],
            "/api/v1/audit" => vec![
                "99999999999999999999".into(),
                "-5".into(),
                "1_2".into(),
                b64("99999999999999999999"),
                b64("-5"),
                b64("0"),
                b64(r#""12""#),
            ],
            _ => vec![],
        }
    };
    for list in lists {
        for cursor in misshapen.iter().chain(nonsense(list).iter()) {
            let path = format!("{list}?cursor={cursor}");
            let page = app.get_bearer(&path, &c.admin).await;
            assert_eq!(page.status, 400, "{path}: {}", page.body);
            assert_eq!(page.json()["error"]["code"], "invalid_cursor", "{path}");
        }
        // The server's own cursors still work.
        let first = json_of(&app, &format!("{list}?limit=1"), &c.admin).await;
        if let Some(next) = first["next_cursor"].as_str() {
            json_of(&app, &format!("{list}?limit=1&cursor={next}"), &c.admin).await;
        }
    }
    // The exports take every match, but a cursor given to them is checked all the same.
    for export in [
        "/api/v1/needs/export",
        "/api/v1/projects/export",
        "/api/v1/audit/export",
    ] {
        for cursor in misshapen.iter().chain(["%C2%84".to_string()].iter()) {
            let path = format!("{export}?cursor={cursor}");
            let page = app.get_bearer(&path, &c.admin).await;
            assert_eq!(page.status, 400, "{path}: {}", page.body);
            assert_eq!(page.json()["error"]["code"], "invalid_cursor", "{path}");
        }
    }
}

#[actix_rt::test]
async fn unsupported_methods_on_api_paths_are_405_with_allow() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for (method, path, allow) in [
        ("TRACE", "/api/v1/me", "GET"),
        ("DELETE", "/api/v1/reports", "GET, POST"),
        ("PUT", "/api/v1/reports/some-id", "GET, PATCH"),
        ("OPTIONS", "/api/v1/threads/x/attachments", "POST"),
        ("HEAD", "/api/v1/audit/export", "GET"),
        ("OPTIONS", "/api/v1/needs/export", "GET"),
        ("DELETE", "/api/v1/needs/some-id", "GET, PATCH"),
        ("PUT", "/api/v1/projects", "GET, POST"),
        ("DELETE", "/api/v1/projects/some-id", "GET, PATCH"),
        ("PUT", "/api/v1/matches", "GET, POST"),
        ("DELETE", "/api/v1/matches/some-id", "GET, PATCH"),
        ("GET", "/api/v1/auth/login", "POST"),
        ("POST", "/healthz", "GET"),
    ] {
        let res = app
            .client
            .request(method.parse().unwrap(), app.url(path))
            .insert_header(("authorization", format!("Bearer {}", c.admin)))
            .send()
            .await
            .expect("request");
        let page = crate::helpers::into_page(res).await;
        assert_eq!(page.status, 405, "{method} {path}: {}", page.body);
        let mut got: Vec<String> = page
            .header("allow")
            .unwrap_or_default()
            .split(',')
            .map(|m| m.trim().to_string())
            .collect();
        let mut want: Vec<String> = allow.split(", ").map(str::to_string).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{method} {path}");
        if method != "HEAD" {
            assert_eq!(page.json()["error"]["code"], "method_not_allowed");
        }
    }
    // Unknown paths stay 404, whatever the method.
    for method in ["GET", "TRACE", "DELETE"] {
        let res = app
            .client
            .request(method.parse().unwrap(), app.url("/api/v1/nothing-here"))
            .send()
            .await
            .expect("request");
        assert_eq!(res.status().as_u16(), 404, "{method}");
    }
}

/// The document's paths are collected from the route registrations. Each operation it lists is
/// routed (an anonymous call reaches the handler: 401 when it is secured, otherwise neither 404
/// nor 405), every other method on its paths is a 405 (unless a pattern beside it has the
/// method: `PATCH /needs/export` is `PATCH /needs/{id}`), and the paths in between
/// (`/api/v1/account`, the prefixes of `/api/v1/threads/{id}/...`) are no route.
#[actix_rt::test]
async fn the_document_lists_the_api_routes_and_nothing_else() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 40, "{} paths", paths.len());
    let concrete = |path: &str| -> String {
        path.split('/')
            .map(|s| if s.starts_with('{') { "1" } else { s })
            .collect::<Vec<_>>()
            .join("/")
    };
    let matches = |pattern: &str, url: &str| {
        let (pattern, url): (Vec<&str>, Vec<&str>) =
            (pattern.split('/').collect(), url.split('/').collect());
        pattern.len() == url.len()
            && pattern
                .iter()
                .zip(&url)
                .all(|(p, u)| p.starts_with('{') || p == u)
    };
    let documented: Vec<String> = paths.keys().map(|p| concrete(p)).collect();
    let mut operations = 0;
    for (path, item) in paths {
        assert!(
            path.starts_with("/api/v1/") || path == "/healthz" || path == "/readyz",
            "{path}"
        );
        let url = concrete(path);
        for method in ["get", "post", "put", "patch", "delete"] {
            let res = app
                .client
                .request(method.to_uppercase().parse().unwrap(), app.url(&url))
                .send()
                .await
                .expect("request");
            let page = crate::helpers::into_page(res).await;
            operations += usize::from(item.get(method).is_some());
            let routed = item.get(method).or_else(|| {
                paths
                    .iter()
                    .find_map(|(p, other)| other.get(method).filter(|_| matches(p, &url)))
            });
            match routed {
                Some(operation) => {
                    let secured = operation["security"]
                        .as_array()
                        .is_some_and(|s| !s.is_empty());
                    if secured {
                        assert_eq!(page.status, 401, "{method} {url}: {}", page.body);
                    } else {
                        assert!(
                            page.status != 404 && page.status != 405,
                            "{method} {url}: {} {}",
                            page.status,
                            page.body
                        );
                    }
                }
                None => assert_eq!(page.status, 405, "{method} {url}: {}", page.body),
            }
        }
        for (end, _) in url.match_indices('/').skip(1) {
            let prefix = &url[..end];
            if documented.iter().any(|p| p == prefix) {
                continue;
            }
            for method in ["GET", "POST"] {
                let res = app
                    .client
                    .request(method.parse().unwrap(), app.url(prefix))
                    .send()
                    .await
                    .expect("request");
                assert_eq!(res.status().as_u16(), 404, "{method} {prefix}");
            }
        }
    }
    assert!(operations > 45, "{operations} operations");
}

#[actix_rt::test]
async fn the_document_declares_the_errors_each_operation_can_give() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    let responses = &doc["components"]["responses"];
    for name in [
        "BadRequest",
        "Unauthenticated",
        "Forbidden",
        "NotFound",
        "PayloadTooLarge",
        "Unavailable",
    ] {
        assert!(responses[name]["description"].is_string(), "{name}");
    }
    let op = |path: &str, method: &str| doc["paths"][path][method]["responses"].clone();
    let has = |r: &Value, status: &str| !r[status].is_null();
    let mut secured = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let r = &operation["responses"];
            let is_secured = operation["security"]
                .as_array()
                .is_some_and(|s| !s.is_empty());
            if is_secured {
                secured += 1;
                assert!(has(r, "401"), "{method} {path}: no 401");
            }
            if path.contains('{') {
                assert!(has(r, "404"), "{method} {path}: no 404");
            }
            if !operation["requestBody"].is_null() {
                assert!(
                    has(r, "400") && has(r, "413"),
                    "{method} {path}: no 400/413"
                );
            }
            let has_query = operation["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
            if has_query {
                assert!(has(r, "400"), "{method} {path}: no 400");
            }
            if path != "/api/v1/openapi.json" && path != "/healthz" {
                assert!(has(r, "503"), "{method} {path}: no 503");
            }
            for p in operation["parameters"].as_array().into_iter().flatten() {
                if p["name"] == "cursor" {
                    assert_eq!(
                        p["schema"]["$ref"], "#/components/schemas/Cursor",
                        "{method} {path}"
                    );
                }
            }
        }
    }
    assert!(secured > 30, "{secured} secured operations");
    assert!(has(&op("/api/v1/reports", "get"), "403"));
    assert!(!has(&op("/api/v1/auth/logout", "post"), "403"));
    let cursor = &doc["components"]["schemas"]["Cursor"];
    assert_eq!(cursor["type"], "string");
    assert!(cursor["pattern"].is_string() && cursor["maxLength"].is_number());
    // Times say `date-time` (and are written with `Z`), dates say `date`.
    assert_eq!(
        doc["components"]["schemas"]["UtcTime"]["format"],
        "date-time"
    );
    assert_eq!(
        doc["components"]["schemas"]["ReportView"]["properties"]["visit_date"]["format"],
        "date"
    );
    let audit_from = doc["paths"]["/api/v1/audit"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "from")
        .unwrap()
        .clone();
    assert_eq!(audit_from["schema"]["format"], "date", "{audit_from}");
    assert_eq!(
        doc["components"]["schemas"]["ReportView"]["properties"]["created_at"]["$ref"],
        "#/components/schemas/UtcTime"
    );
}
