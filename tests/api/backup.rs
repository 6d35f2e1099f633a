//! Backups that restore: `portal backup` under concurrent writes, `portal restore` into a fresh
//! database with every table's rows and every document's bytes intact, SQLite to PostgreSQL
//! and back; refusals (a non-empty target, an existing file, a changed backup).

use std::path::Path;

use diesel::connection::SimpleConnection;
use portal::config::DatabaseUrl;
use portal::db::{self, DbConnection};
use portal::services::audit::{self, Verification};
use portal::services::backup::{self, rows};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::cli::{env, portal, Env};
use crate::documents::{upload, PDF};
use crate::helpers::{drop_database, fresh_database, spawn_app, spawn_app_with, TestApp, PASSWORD};
use crate::messaging::{post_reply, start_thread};
use crate::reports::{cast, published_report};

/// A database of its own for a restore: (url, cleanup).
struct Target {
    url: DatabaseUrl,
    cleanup: Option<(String, String)>,
}

impl Drop for Target {
    fn drop(&mut self) {
        drop_database(self.cleanup.take());
    }
}

impl Target {
    /// A fresh, migrated database of the tests' backend (or SQLite when `sqlite`).
    fn fresh(dir: &Path, sqlite: bool) -> Target {
        let (url, cleanup) = if sqlite {
            let name = format!("restored-{}.db", uuid::Uuid::new_v4().simple());
            (
                DatabaseUrl::Sqlite(dir.join(name).to_string_lossy().into()),
                None,
            )
        } else {
            fresh_database(dir)
        };
        let pool = db::build_pool(&url, 1).unwrap();
        portal::startup::prepare_database(&pool).unwrap();
        Target { url, cleanup }
    }

    fn conn(&self) -> DbConnection {
        db::establish(&self.url).unwrap()
    }
}

fn digest(conn: &mut DbConnection) -> String {
    rows::digest(conn, &backup::portal_tables().unwrap()).unwrap()
}

fn restore_into(target: &Target, file: &Path) -> backup::Summary {
    let mut conn = target.conn();
    let version = |conn: &mut DbConnection| {
        portal::repo::data_versions::current(conn, portal::repo::data_versions::COORDINATION)
            .unwrap()
            .expect("the database keeps its data version")
    };
    let before = version(&mut conn);
    let summary = backup::restore(&mut conn, file, false).unwrap();
    assert_eq!(digest(&mut conn), summary.sha256, "every table's rows");
    // Neither copied nor wiped, and raised by the rows restored: answers a server kept for
    // the number before are not given again.
    assert!(version(&mut conn) > before);
    assert!(
        analysed_rows(&mut conn, "audit_log") > 0.0,
        "the planner knows the rows restored"
    );
    assert!(matches!(
        audit::verify(&mut conn).unwrap(),
        Verification::Intact { entries } if entries > 0
    ));
    summary
}

/// How many rows the planner's statistics give `table`, as ANALYZE last counted them.
fn analysed_rows(conn: &mut DbConnection, table: &str) -> f64 {
    #[derive(diesel::QueryableByName)]
    struct Rows {
        #[diesel(sql_type = diesel::sql_types::Double)]
        rows: f64,
    }
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT coalesce(max(CAST(stat AS INTEGER)), 0) * 1.0 AS rows \
             FROM sqlite_stat1 WHERE tbl = ?"
        }
        DbConnection::Postgresql(_) => {
            "SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE relname = $1"
        }
    };
    let rows: Rows = diesel::RunQueryDsl::get_result(
        diesel::sql_query(sql).bind::<diesel::sql_types::Text, _>(table),
        conn,
    )
    .unwrap();
    rows.rows
}

fn write_backup(url: &DatabaseUrl, file: &Path) -> backup::Summary {
    let mut conn = db::establish(url).unwrap();
    backup::backup(&mut conn, file).unwrap()
}

/// Reports, a need, a document, a thread and their audit entries; (a token, document id,
/// thread id).
async fn load(app: &TestApp) -> (String, String, String) {
    let c = cast(app).await;
    published_report(app, &c.coordinator).await;
    let need = json!({"member_state": "KEN", "title": "Border scanners",
        "thematic_area": "Criminal justice and rule of law", "priority": "high"});
    app.post_json_bearer("/api/v1/needs", &c.coordinator, &need)
        .await
        .assert_status(201);
    let fields = [
        ("title", "Notes"),
        ("classification", "restricted"),
        ("access", "KEN"),
    ];
    let doc = upload(
        app,
        &c.unodc,
        "/api/v1/documents",
        &fields,
        Some(("notes.pdf", PDF)),
    )
    .await
    .assert_status(201)
    .field("id");
    let thread = start_thread(
        app,
        &c.ken,
        json!({"subject": "Visit", "to_organisations": ["unodc"], "body": "Can we meet? ü ∑"}),
    )
    .await;
    (c.ken, doc, thread)
}

#[actix_web::test]
async fn a_backup_taken_under_writes_restores_every_row_and_document() {
    let app = spawn_app().await;
    let (ken, doc, thread) = load(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portal.backup");

    // Writes go on while the backup is taken.
    let url = app.settings.database_url.clone();
    let path = file.clone();
    let taking = actix_web::rt::task::spawn_blocking(move || write_backup(&url, &path));
    let writing = async {
        for i in 0..15 {
            post_reply(&app, &ken, &thread, &format!("reply {i}"))
                .await
                .assert_status(201);
        }
    };
    let (taken, ()) = tokio::join!(taking, writing);
    let taken = taken.unwrap();
    assert!(taken.rows > 0 && taken.sha256.len() == 64);

    let target = Target::fresh(dir.path(), false);
    let restored = restore_into(&target, &file);
    assert_eq!(restored.sha256, taken.sha256);

    // The restored portal serves the document's very bytes.
    let url = target.url.clone();
    let twin = spawn_app_with(move |s| s.database_url = url).await;
    let token = twin.token("fp@ken.example.org", PASSWORD).await;
    let content = twin
        .get_bearer(&format!("/api/v1/documents/{doc}/content"), &token)
        .await;
    assert_eq!(content.status, 200);
    assert_eq!(
        Sha256::digest(content.body.as_bytes()),
        Sha256::digest(PDF),
        "the document's SHA-256"
    );
}

#[actix_web::test]
async fn a_backup_moves_from_sqlite_to_postgresql_and_back() {
    let app = spawn_app().await;
    load(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.backup");
    let original = write_backup(&app.settings.database_url, &first).sha256;

    // Into SQLite, backed up again, into the tests' backend (PostgreSQL when it is set).
    let sqlite = Target::fresh(dir.path(), true);
    restore_into(&sqlite, &first);
    let second = dir.path().join("second.backup");
    assert_eq!(write_backup(&sqlite.url, &second).sha256, original);
    let back = Target::fresh(dir.path(), false);
    restore_into(&back, &second);
    assert_eq!(digest(&mut back.conn()), original);
}

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    portal(env).args(args).output().unwrap()
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn audited(env: &Env, n: usize) {
    let mut conn = db::establish(&DatabaseUrl::parse(&env.url).unwrap()).unwrap();
    for _ in 0..n {
        audit::record(&mut conn, audit::Event::new("test.event")).unwrap();
    }
}

#[test]
fn the_commands_refuse_what_would_lose_or_fake_data() {
    let env = env();
    assert!(run(&env, &["migrate"]).status.success());
    audited(&env, 3);
    let file = env.dir.path().join("portal.backup");
    let file_arg = file.to_str().unwrap();
    let out = run(&env, &["backup", "--to", file_arg]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("sha256"), "{}", text(&out));
    assert_eq!(crate::resilience::mode(&file), 0o600);
    let bytes = std::fs::read(&file).unwrap();
    for secret_file in ["jwt_secret", "totp_key"] {
        let secret = std::fs::read_to_string(env.dir.path().join(secret_file)).unwrap();
        let secret = secret.trim().as_bytes();
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret),
            "{secret_file} in the backup"
        );
    }

    // An existing file is not overwritten; a database with rows is not replaced unasked.
    let again = run(&env, &["backup", "--to", file_arg]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("exists"), "{}", text(&again));
    let refused = run(&env, &["restore", "--from", file_arg]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused).contains("not empty"), "{}", text(&refused));
    audited(&env, 2);
    let forced = run(&env, &["restore", "--from", file_arg, "--force"]);
    assert!(forced.status.success(), "{}", text(&forced));
    assert!(
        text(&forced).contains("intact: 3 entries"),
        "{}",
        text(&forced)
    );

    // A changed backup is refused, whatever changed.
    let changed = env.dir.path().join("changed.backup");
    std::fs::copy(&file, &changed).unwrap();
    let mut conn = db::establish(&DatabaseUrl::Sqlite(changed.to_string_lossy().into())).unwrap();
    conn.batch_execute("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET ip = '10.0.0.1'")
        .unwrap();
    drop(conn);
    let out = run(
        &env,
        &["restore", "--from", changed.to_str().unwrap(), "--force"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("SHA-256"), "{}", text(&out));
    let out = run(&env, &["restore", "--from", "/nonexistent/x.backup"]);
    assert_eq!(out.status.code(), Some(1));

    // Into another, empty database: restored, chain intact.
    let other = crate::cli::env();
    let out = run(&other, &["restore", "--from", file_arg]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("intact: 3 entries"), "{}", text(&out));
}

#[test]
fn an_anchor_finds_entries_lost_from_the_end() {
    let env = env();
    assert!(run(&env, &["migrate"]).status.success());
    let empty = run(&env, &["audit", "anchor"]);
    assert_eq!(empty.status.code(), Some(1));
    audited(&env, 4);
    let anchor_file = env.dir.path().join("anchor.txt");
    let out = portal(&env)
        .args(["audit", "anchor"])
        .env("PORTAL_AUDIT_ANCHOR_FILE", &anchor_file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let anchor = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(anchor.starts_with("4:") && anchor.len() == 66, "{anchor}");
    assert_eq!(
        std::fs::read_to_string(&anchor_file).unwrap().trim(),
        anchor
    );
    let ok = run(&env, &["audit", "verify", "--anchor", &anchor]);
    assert!(ok.status.success(), "{}", text(&ok));

    // A wrong hash for an entry that exists differs; a malformed anchor is refused.
    let wrong = format!("3:{}", &anchor[2..]);
    let out = run(&env, &["audit", "verify", "--anchor", &wrong]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("differs"), "{}", text(&out));
    let out = run(&env, &["audit", "verify", "--anchor", "four"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("ID:HASH"), "{}", text(&out));

    // The newest two entries go: the chain alone still looks whole, the anchor does not.
    let mut conn = db::establish(&DatabaseUrl::parse(&env.url).unwrap()).unwrap();
    let lose = "DELETE FROM audit_log WHERE seq > 2";
    match conn {
        DbConnection::Sqlite(_) => conn
            .batch_execute(&format!("DROP TRIGGER audit_log_no_delete; {lose}"))
            .unwrap(),
        DbConnection::Postgresql(_) => conn
            .batch_execute(&format!(
                "ALTER TABLE audit_log DISABLE TRIGGER USER; {lose}; \
                 ALTER TABLE audit_log ENABLE TRIGGER USER"
            ))
            .unwrap(),
    }
    assert!(run(&env, &["audit", "verify"]).status.success());
    let out = run(&env, &["audit", "verify", "--anchor", &anchor]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("entry 4 of the anchor is gone"),
        "{}",
        text(&out)
    );
}
