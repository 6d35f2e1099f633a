//! The real binary stopped while it writes: SIGTERM lets an upload and message sends in
//! flight finish, exits 0 and leaves nothing half-written; `kill -9` loses nothing that was
//! acknowledged.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use actix_web::web::Bytes;
use diesel::prelude::*;
use portal::config::DatabaseUrl;
use portal::db::schema::file_blobs;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::cli::{env, portal, serve_logging, stop_with_sigterm, Env};
use crate::documents::{multipart, PDF};
use crate::helpers::PASSWORD;

const UNODC: &str = "fp@unodc.example.org";
const KEN: &str = "fp@ken.example.org";

fn account(env: &Env, email: &str, org: &str, role: &str) {
    let mut child = portal(env)
        .args([
            "user", "create", "--email", email, "--name", "Ana Diaz", "--org", org,
        ])
        .args(["--role", role, "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(child.wait().unwrap().success());
}

/// `portal serve`, its log drained; (child, base URL).
fn serve(env: &Env) -> (Child, String) {
    let (child, port, lines) = serve_logging(env);
    std::thread::spawn(move || for _ in lines {});
    (child, format!("http://127.0.0.1:{port}"))
}

fn client() -> awc::Client {
    awc::Client::builder()
        .timeout(Duration::from_secs(30))
        .finish()
}

async fn token(base: &str, email: &str) -> String {
    let mut res = client()
        .post(format!("{base}/api/v1/auth/login"))
        .send_json(&json!({"email": email, "password": PASSWORD}))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    body["token"].as_str().unwrap().to_string()
}

/// (status, body) of a JSON request, or None when the connection failed.
async fn send(
    base: &str,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> Option<(u16, Value)> {
    let req = client()
        .request(method.parse().unwrap(), format!("{base}{path}"))
        .bearer_auth(token);
    let mut res = match body {
        Some(b) => req.send_json(b).await.ok()?,
        None => req.send().await.ok()?,
    };
    let status = res.status().as_u16();
    let body = res.body().limit(4 << 20).await.ok()?;
    Some((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
}

/// Uploads a small document; (status, body), or None when the connection failed.
async fn upload_small(base: &str, token: &str, i: usize) -> Option<(u16, Value)> {
    let title = format!("Note {i}");
    let fields = [
        ("title", title.as_str()),
        ("classification", "restricted"),
        ("access", "KEN"),
    ];
    let (content_type, body) = multipart(&fields, Some(("note.pdf", PDF)));
    let mut res = client()
        .post(format!("{base}/api/v1/documents"))
        .bearer_auth(token)
        .insert_header(("content-type", content_type))
        .send_body(body)
        .await
        .ok()?;
    let status = res.status().as_u16();
    let body = res.body().await.ok()?;
    Some((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
}

#[actix_web::test]
async fn kill_9_during_writes_loses_nothing_acknowledged() {
    let env = env();
    account(&env, KEN, "KEN", "focal_point");
    let (mut child, base) = serve(&env);
    let ken = token(&base, KEN).await;
    let pid = child.id();
    let mut acknowledged = Vec::new();
    for i in 0..400 {
        if i == 15 {
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(30));
                Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status()
                    .unwrap();
            });
        }
        match upload_small(&base, &ken, i).await {
            Some((201, body)) => acknowledged.push(body["id"].as_str().unwrap().to_string()),
            Some((status, body)) => panic!("{status}: {body}"),
            None => break,
        }
    }
    child.wait().unwrap();
    assert!(acknowledged.len() >= 15, "{}", acknowledged.len());

    let (mut child, base) = serve(&env);
    let ken = token(&base, KEN).await;
    for id in &acknowledged {
        let found = send(&base, "GET", &format!("/api/v1/documents/{id}"), &ken, None).await;
        assert_eq!(
            found.map(|f| f.0),
            Some(200),
            "acknowledged document {id} lost"
        );
    }
    assert!(stop_with_sigterm(&mut child).success());
}

/// Audited reads answered just before `kill -9` are in the trail after the restart, once
/// each, in an intact chain: on SQLite they were waiting in the audit spool, which the start
/// chains into the trail.
#[actix_web::test]
async fn kill_9_after_audited_reads_loses_none_of_their_entries() {
    use portal::db::schema::audit_log;
    use portal::services::audit::{self, Verification};
    let env = env();
    account(&env, KEN, "KEN", "focal_point");
    let (mut child, base) = serve(&env);
    let ken = token(&base, KEN).await;
    let url = DatabaseUrl::parse(&env.url).unwrap();
    // On SQLite, how many entries wait in the spool (a read-only look from outside).
    let spooled = |file: &str| -> i64 {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut spool = diesel::SqliteConnection::establish(&format!("{file}-spool")).unwrap();
        let waiting: Count = diesel::sql_query("SELECT count(*) AS n FROM spooled")
            .get_result(&mut spool)
            .unwrap();
        waiting.n
    };
    // Reports asked for that are not there: each refusal is an audited read of its own. On
    // SQLite the server is killed once answered reads wait in the spool (only a later read, a
    // reader of the trail or a stop would chain them).
    let mut ids = Vec::new();
    for i in 0..200 {
        let id = format!("gone-{i}");
        let read = send(&base, "GET", &format!("/api/v1/reports/{id}"), &ken, None).await;
        assert_eq!(read.map(|r| r.0), Some(404));
        ids.push(id);
        let waiting = match &url {
            DatabaseUrl::Sqlite(file) => spooled(file) > 0,
            DatabaseUrl::Postgres(_) => true,
        };
        if ids.len() >= 20 && waiting {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    if let DatabaseUrl::Sqlite(file) = &url {
        assert!(spooled(file) > 0, "nothing was left in the spool");
    }
    let (mut child, base) = serve(&env);
    // Served (and so started, its signals handled) before anything is checked.
    token(&base, KEN).await;
    let mut conn = portal::db::establish(&url).unwrap();
    let mut recorded: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("report.read"))
        .filter(audit_log::outcome.eq("denied"))
        .select(audit_log::target_id.assume_not_null())
        .load(&mut conn)
        .unwrap();
    recorded.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(recorded, expected, "every answered read once");
    assert!(matches!(
        audit::verify(&mut conn).unwrap(),
        Verification::Intact { .. }
    ));
    assert!(stop_with_sigterm(&mut child).success());
}

#[actix_web::test]
async fn sigterm_lets_an_upload_and_sends_in_flight_finish() {
    let env = env();
    account(&env, UNODC, "UNODC", "focal_point");
    account(&env, KEN, "KEN", "focal_point");
    let (mut child, base) = serve(&env);
    let coord = token(&base, UNODC).await;
    let thread = send(
        &base,
        "POST",
        "/api/v1/threads",
        &coord,
        Some(&json!({"subject": "Stop", "to_organisations": ["ken"], "body": "first"})),
    )
    .await
    .unwrap();
    assert_eq!(thread.0, 201, "{}", thread.1);
    let thread = thread.1["id"].as_str().unwrap().to_string();

    // A 1 MiB document sent slowly: SIGTERM arrives while it is on the wire.
    let mut file = PDF.to_vec();
    file.resize(1 << 20, b' ');
    let fields = [
        ("title", "Slow"),
        ("classification", "restricted"),
        ("access", "KEN"),
    ];
    let (content_type, body) = multipart(&fields, Some(("slow.pdf", &file)));
    let chunks: Vec<Bytes> = body.chunks(64 * 1024).map(Bytes::copy_from_slice).collect();
    let stream = futures_util::stream::unfold(chunks.into_iter(), |mut rest| async move {
        let next = rest.next()?;
        actix_rt::time::sleep(Duration::from_millis(60)).await;
        Some((Ok::<_, std::io::Error>(next), rest))
    });
    let upload = client()
        .post(format!("{base}/api/v1/documents"))
        .bearer_auth(&coord)
        .insert_header(("content-type", content_type))
        .send_stream(stream);
    let pid = child.id();
    let replies = async {
        let mut acknowledged = Vec::new();
        for i in 0..200 {
            if i == 3 {
                Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status()
                    .unwrap();
            }
            let path = format!("/api/v1/threads/{thread}/messages");
            let body = json!({"body": format!("reply {i}")});
            match send(&base, "POST", &path, &coord, Some(&body)).await {
                Some((201, _)) => acknowledged.push(format!("reply {i}")),
                _ => break,
            }
            actix_rt::time::sleep(Duration::from_millis(20)).await;
        }
        acknowledged
    };
    let (uploaded, acknowledged) = tokio::join!(upload, replies);
    let mut uploaded = uploaded.expect("the upload in flight is answered");
    assert_eq!(uploaded.status(), 201, "the upload in flight finishes");
    let document: Value = uploaded.json().await.unwrap();
    let document = document["id"].as_str().unwrap().to_string();
    let status = stop_with_sigterm(&mut child);
    assert!(status.success(), "exit status {status:?}");

    // Nothing half-written: every blob complete; the document's bytes whole; every
    // acknowledged message there.
    let mut conn = portal::db::establish(&DatabaseUrl::parse(&env.url).unwrap()).unwrap();
    let incomplete: i64 = file_blobs::table
        .filter(file_blobs::complete.eq(false))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(incomplete, 0);
    let (mut child, base) = serve(&env);
    let ken = token(&base, KEN).await;
    let res = client()
        .get(format!("{base}/api/v1/documents/{document}/content"))
        .bearer_auth(&ken)
        .send()
        .await
        .unwrap()
        .body()
        .limit(4 << 20)
        .await
        .unwrap();
    assert_eq!(Sha256::digest(&res), Sha256::digest(&file));
    let messages = send(
        &base,
        "GET",
        &format!("/api/v1/threads/{thread}"),
        &ken,
        None,
    )
    .await
    .unwrap();
    let text = messages.1.to_string();
    for reply in &acknowledged {
        assert!(
            text.contains(&format!("\"{reply}\"")),
            "{reply} lost: {text}"
        );
    }
    assert!(stop_with_sigterm(&mut child).success());
}
