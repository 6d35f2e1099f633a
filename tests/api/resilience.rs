//! The database goes away and comes back: requests answer 503 (`unavailable`, with
//! `Retry-After`; the translated error page on pages) while it is away, `/readyz` says so, and
//! everything works again within seconds of its return, without a restart. Also: the data
//! directory and its files are readable by the owner only.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::Connection;
use portal::config::DatabaseUrl;
use portal::domain::Role;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with_mail_files, Browser, Page, TestApp, PASSWORD};

const ANA: &str = "ana@resilience.example.org";

fn postgres_admin_url() -> Option<String> {
    std::env::var("PORTAL_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

/// Retries `probe` until it answers `status`, for at most `secs` seconds.
async fn eventually_status<F, Fut>(secs: u64, mut probe: F, status: u16) -> Page
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Page>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let page = probe().await;
        if page.status == status {
            return page;
        }
        assert!(
            Instant::now() < deadline,
            "still {} after {secs}s, not {status}: {}",
            page.status,
            page.body
        );
        actix_rt::time::sleep(Duration::from_millis(200)).await;
    }
}

fn assert_unavailable_json(page: &Page) {
    assert_eq!(page.status, 503, "{}", page.body);
    assert_eq!(page.json()["error"]["code"], "unavailable", "{}", page.body);
    assert!(page.header("retry-after").is_some(), "no Retry-After");
}

fn assert_unavailable_page(page: &Page) {
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(page
        .header("content-type")
        .unwrap_or_default()
        .starts_with("text/html"));
    assert!(
        page.body.contains("not available at the moment"),
        "{}",
        page.body
    );
    assert!(page.header("retry-after").is_some(), "no Retry-After");
}

/// Cuts the test database off on the PostgreSQL server: no new connections, the open ones
/// terminated.
fn cut_postgres(admin: &mut diesel::pg::PgConnection, name: &str) {
    admin
        .batch_execute(&format!(
            "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false; \
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid();"
        ))
        .expect("cut the connections");
}

fn restore_postgres(admin: &mut diesel::pg::PgConnection, name: &str) {
    admin
        .batch_execute(&format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"))
        .expect("allow connections again");
}

#[actix_web::test]
async fn a_postgres_outage_answers_503_and_the_portal_comes_back_without_a_restart() {
    let Some(admin_url) = postgres_admin_url() else {
        return; // PostgreSQL only: SQLite has its own test below.
    };
    let app = spawn_app().await;
    let DatabaseUrl::Postgres(url) = &app.settings.database_url else {
        unreachable!("PORTAL_TEST_DATABASE_URL makes a PostgreSQL database");
    };
    let name = url::Url::parse(url)
        .unwrap()
        .path()
        .trim_start_matches('/')
        .to_string();
    app.add_user(ANA, "KEN", Role::FocalPoint);
    let token = app.token(ANA, PASSWORD).await;
    let mut browser = app.browser_login(ANA, PASSWORD).await;
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 200);
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);
    assert_eq!(app.get("/readyz").await.status, 200);

    let mut admin = diesel::pg::PgConnection::establish(&admin_url).expect("admin connection");
    cut_postgres(&mut admin, &name);

    // Pooled connections just used, idle ones, and new ones: all end in a 503, never a 500.
    for _ in 0..3 {
        assert_unavailable_json(&app.get_bearer("/api/v1/me", &token).await);
    }
    assert_unavailable_page(&app.browser_get(&mut browser, "/").await);
    let started = Instant::now();
    let ready = app.get("/readyz").await;
    assert_unavailable_json(&ready);
    assert!(
        started.elapsed() < app.settings.db_timeout,
        "/readyz waited {:?}",
        started.elapsed()
    );
    // A write too (sign-in records a session).
    assert_unavailable_json(
        &app.post_json(
            "/api/v1/auth/login",
            &json!({"email": ANA, "password": PASSWORD}),
        )
        .await,
    );

    restore_postgres(&mut admin, &name);
    eventually_status(10, || app.get_bearer("/api/v1/me", &token), 200).await;
    assert_eq!(app.get("/readyz").await.status, 200);
    assert_eq!(app.browser_get(&mut browser, "/").await.status, 200);

    // The mail worker kept polling through the outage: a mail asked for now goes out.
    a_reset_mail_goes_out(&app).await;

    // A second outage is handled like the first.
    cut_postgres(&mut admin, &name);
    assert_unavailable_json(&app.get_bearer("/api/v1/me", &token).await);
    restore_postgres(&mut admin, &name);
    eventually_status(10, || app.get_bearer("/api/v1/me", &token), 200).await;
}

#[actix_web::test]
async fn a_locked_sqlite_database_answers_503_until_the_lock_is_released() {
    if postgres_admin_url().is_some() {
        return; // SQLite only.
    }
    let app = spawn_app().await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    let token = app.token(ANA, PASSWORD).await;
    let mut browser = Browser::default();
    let login_page = app.browser_get(&mut browser, "/login").await;
    let csrf = login_page.csrf_field();

    // Another process holds the write lock past the busy timeout.
    let mut holder = app.conn();
    holder
        .batch_execute("BEGIN EXCLUSIVE")
        .expect("take the lock");

    // Writes wait out the busy timeout, then answer 503 (not 500).
    assert_unavailable_json(
        &app.post_json(
            "/api/v1/auth/login",
            &json!({"email": ANA, "password": PASSWORD}),
        )
        .await,
    );
    let form = app
        .browser_post(
            &mut browser,
            "/login",
            &[
                ("csrf_token", &csrf),
                ("email", ANA),
                ("password", PASSWORD),
                ("totp", ""),
            ],
        )
        .await;
    assert_unavailable_page(&form);
    // Reads go on (WAL).
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 200);

    holder.batch_execute("ROLLBACK").expect("release the lock");
    drop(holder);
    let login = json!({"email": ANA, "password": PASSWORD});
    eventually_status(10, || app.post_json("/api/v1/auth/login", &login), 200).await;
    assert_eq!(app.get("/readyz").await.status, 200);
}

#[cfg(unix)]
/// A file's permission bits.
pub fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[actix_web::test]
async fn the_data_directory_the_database_and_mail_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    // Mail as production writes it without an SMTP server: `.eml` files.
    let app: TestApp = spawn_app_with_mail_files(|s| {
        // A data directory and an SQLite file left more open by an earlier version.
        let data = s.data_dir.join("data");
        std::fs::create_dir(&data).unwrap();
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
        if let DatabaseUrl::Sqlite(_) = s.database_url {
            let db = data.join("portal.db");
            std::fs::write(&db, b"").unwrap();
            std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
            s.database_url = DatabaseUrl::Sqlite(db.to_string_lossy().into_owned());
        }
        s.data_dir = data;
    })
    .await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    a_reset_mail_goes_out(&app).await;

    let data = &app.settings.data_dir;
    assert_eq!(mode(data), 0o700, "data directory");
    assert_eq!(mode(&data.join("mail")), 0o700, "mail directory");
    let mails: Vec<_> = std::fs::read_dir(data.join("mail"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!mails.is_empty());
    for mail in &mails {
        assert_eq!(mode(mail), 0o600, "{}", mail.display());
    }
    if let DatabaseUrl::Sqlite(db) = &app.settings.database_url {
        assert_eq!(mode(std::path::Path::new(db)), 0o600, "database file");
        assert_eq!(
            mode(std::path::Path::new(&format!("{db}-wal"))),
            0o600,
            "write-ahead log"
        );
        // The audit spool, made by the first audited read, and its log while it is open.
        let event = portal::services::audit::Event::new("report.read");
        portal::services::audit::record_read(&mut app.conn(), event).unwrap();
        let spool = format!("{db}-spool");
        assert_eq!(mode(std::path::Path::new(&spool)), 0o600, "audit spool");
        let spool_log = std::path::PathBuf::from(format!("{spool}-wal"));
        if spool_log.exists() {
            assert_eq!(mode(&spool_log), 0o600, "audit spool's log");
        }
    }

    // A fresh SQLite database is created owner-only before SQLite opens it.
    if let DatabaseUrl::Sqlite(_) = &app.settings.database_url {
        let fresh = spawn_app().await;
        let DatabaseUrl::Sqlite(db) = &fresh.settings.database_url else {
            unreachable!()
        };
        assert_eq!(mode(std::path::Path::new(db)), 0o600, "new database file");
        assert_eq!(
            mode(std::path::Path::new(&format!("{db}-wal"))),
            0o600,
            "new write-ahead log"
        );
    }
}

/// Ana asks for a password reset; its mail goes out.
async fn a_reset_mail_goes_out(app: &TestApp) {
    let ask = app
        .post_json("/api/v1/auth/password-reset", &json!({ "email": ANA }))
        .await;
    assert!(ask.status < 300, "{}", ask.body);
    app.mailed_token("password_reset", ANA, "/password-reset/confirm")
        .await;
}

/// SQLite runs in multi-thread mode (`db::sqlite_setup`): no connection the server or this test
/// opened has a lock of its own, and requests served at once on the pool's connections still
/// answer right.
#[actix_web::test]
async fn sqlite_connections_open_without_a_lock_of_their_own() {
    let app = spawn_app().await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    let token = app.token(ANA, PASSWORD).await;
    // On PostgreSQL the server opens none: this one is checked there too.
    drop(portal::db::establish(&DatabaseUrl::Sqlite(":memory:".into())).expect("opens"));
    let answers =
        futures_util::future::join_all((0..32).map(|_| app.get_bearer("/api/v1/me", &token))).await;
    assert!(answers.iter().all(|a| a.status == 200));
    assert!(portal::db::sqlite_setup::connections_unlocked());
}
