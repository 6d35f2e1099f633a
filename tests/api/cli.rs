//! The `portal` binary as an operator uses it.

use std::io::{BufRead, BufReader, Lines, Write};
use std::process::{Child, ChildStderr, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use portal::config::DatabaseUrl;

use crate::credentials::accept_link;
use crate::helpers::{drop_database, fresh_database, spawn_app_with, PASSWORD};
use crate::resilience::mode;

pub struct Env {
    pub dir: tempfile::TempDir,
    pub url: String,
    cleanup: Option<(String, String)>,
}

impl Drop for Env {
    fn drop(&mut self) {
        drop_database(self.cleanup.take());
    }
}

pub fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let (url, cleanup) = fresh_database(dir.path());
    let url = match url {
        DatabaseUrl::Postgres(u) => u,
        DatabaseUrl::Sqlite(p) => format!("sqlite://{p}"),
    };
    Env { dir, url, cleanup }
}

pub fn portal(env: &Env) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal"));
    cmd.env("PORTAL_DATA_DIR", env.dir.path())
        .env("PORTAL_DATABASE_URL", &env.url)
        .env("PORTAL_PUBLIC_URL", "https://portal.example.org")
        .env("PORTAL_LOG", "warn")
        .env_remove("PORTAL_JWT_SECRET")
        .env_remove("PORTAL_TOTP_KEY")
        .env_remove("PORTAL_TOTP_PREVIOUS_KEYS");
    cmd
}

fn user_create(env: &Env, email: &str, password: Option<&str>) -> std::process::Output {
    let mut cmd = portal(env);
    cmd.args([
        "user",
        "create",
        "--email",
        email,
        "--name",
        "Ana Diaz",
        "--org",
        "UNODC",
        "--role",
        "focal_point",
    ]);
    if password.is_some() {
        cmd.arg("--password-stdin");
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(p) = password {
        writeln!(child.stdin.take().unwrap(), "{p}").unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

/// `portal migrate`, with `vars` set: its output.
fn migrate_with(env: &Env, vars: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = portal(env);
    cmd.envs(vars.iter().copied())
        .arg("migrate")
        .output()
        .unwrap()
}

fn migrated(env: &Env) -> bool {
    migrate_with(env, &[]).status.success()
}

/// Whether the command failed with `code` and said `what` on stderr.
fn assert_failed(out: &std::process::Output, code: i32, what: &str) {
    assert_eq!(out.status.code(), Some(code));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(what), "{err}");
}

pub async fn app_on(env: &Env) -> crate::helpers::TestApp {
    let url = DatabaseUrl::parse(&env.url).unwrap();
    spawn_app_with(move |s| s.database_url = url).await
}

#[test]
fn wrong_arguments_print_usage_not_a_panic() {
    let env = env();
    for args in [
        vec!["frobnicate"],
        vec!["user", "create", "--email", "a@b.org"],
        vec![],
    ] {
        let out = portal(&env).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Usage"), "{err}");
        assert!(!err.contains("panicked"));
    }
    let out = portal(&env)
        .args([
            "user", "create", "--email", "a@b.org", "--name", "A", "--org", "KEN", "--role", "root",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_unknown_database_scheme_is_refused_clearly() {
    let env = env();
    let out = migrate_with(
        &env,
        &[("PORTAL_DATABASE_URL", "mysql://root@localhost/portal")],
    );
    assert_failed(&out, 1, "unsupported scheme `mysql`");
}

#[test]
fn migrate_is_idempotent_and_keeps_a_private_jwt_secret() {
    let env = env();
    assert!(migrated(&env));
    assert!(migrated(&env));
    let secret = env.dir.path().join("jwt_secret");
    let first = std::fs::read_to_string(&secret).unwrap();
    assert!(first.len() >= 64);
    assert_eq!(mode(&secret), 0o600);
    assert!(migrated(&env));
    let kept = std::fs::read_to_string(&secret).unwrap();
    assert_eq!(kept, first, "the secret is kept");
}

#[test]
fn migrate_encrypts_two_factor_secrets_in_clear_under_a_private_key_file() {
    use diesel::prelude::*;
    use portal::auth::totp_keys::{parse_key, TotpKeys};
    use portal::db::schema::users;

    let env = env();
    let out = user_create(&env, "ana@unodc.example.org", Some(PASSWORD));
    assert!(out.status.success());
    let key_file = env.dir.path().join("totp_key");
    let key = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(mode(&key_file), 0o600);
    // A secret in clear, as a version before encryption stored it.
    let plain = portal::services::account::two_factor::new_secret();
    let mut conn = portal::db::establish(&DatabaseUrl::parse(&env.url).unwrap()).unwrap();
    diesel::update(users::table)
        .set(users::totp_secret.eq(&plain))
        .execute(&mut conn)
        .unwrap();
    let stored = |conn: &mut portal::db::DbConnection| -> (String, String) {
        let (id, v): (String, Option<String>) = users::table
            .select((users::id, users::totp_secret))
            .first(conn)
            .unwrap();
        (id, v.unwrap())
    };
    assert!(migrated(&env));
    let (id, sealed) = stored(&mut conn);
    assert!(
        sealed.starts_with("v1:") && !sealed.contains(&plain),
        "{sealed}"
    );
    let keys = TotpKeys::new(&parse_key(&key).unwrap(), &[]);
    assert_eq!(keys.open(&id, &sealed).unwrap(), plain);
    // Once: the next run changes nothing, and the key file is kept.
    assert!(migrated(&env));
    assert_eq!(stored(&mut conn).1, sealed);
    assert_eq!(std::fs::read_to_string(&key_file).unwrap(), key);
    // A key given by variable that is not 64 hex digits stops the start, clearly.
    let out = migrate_with(&env, &[("PORTAL_TOTP_KEY", "too short")]);
    assert_failed(&out, 1, "PORTAL_TOTP_KEY");
}

#[actix_web::test]
async fn user_create_with_password_stdin_makes_an_account_that_signs_in() {
    let env = env();
    let weak = user_create(&env, "weak@unodc.example.org", Some("short"));
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("12 characters"));

    let out = user_create(&env, "ana@unodc.example.org", Some(PASSWORD));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dup = user_create(&env, "ANA@unodc.example.org", Some(PASSWORD));
    assert!(!dup.status.success());

    let app = app_on(&env).await;
    for (email, password, status) in [
        ("ana@unodc.example.org", PASSWORD, 200),
        ("weak@unodc.example.org", "short", 401),
    ] {
        assert_eq!(
            app.login_api(email, password).await.status,
            status,
            "{email}"
        );
    }
}

#[actix_web::test]
async fn user_create_without_password_prints_a_one_time_link() {
    let env = env();
    let out = user_create(&env, "bo@unodc.example.org", None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let link = stdout
        .lines()
        .find(|l| l.starts_with("https://portal.example.org/set-password?token="))
        .expect(&stdout);
    let token = link.split("token=").nth(1).unwrap();
    let app = app_on(&env).await;
    let page = accept_link(&app, token, PASSWORD).await;
    assert_eq!(page.status, 204, "{}", page.body);
    assert_eq!(
        app.login_api("bo@unodc.example.org", PASSWORD).await.status,
        200
    );
}

/// `portal serve` on a free port, logging at `info` to a pipe: the child, its port and the rest
/// of its log lines.
pub fn serve_logging(env: &Env) -> (Child, u16, Lines<BufReader<ChildStderr>>) {
    let mut child = portal(env)
        .arg("serve")
        .env("PORTAL_BIND", "127.0.0.1:0")
        .env("PORTAL_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port: u16 = loop {
        let line = lines.next().expect("server printed its port").unwrap();
        if let Some(rest) = line.split("port=").nth(1) {
            break rest.split_whitespace().next().unwrap().parse().unwrap();
        }
    };
    (child, port, lines)
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    let env = env();
    let (mut child, port, lines) = serve_logging(&env);
    std::thread::spawn(move || for _ in lines {});
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    std::io::Read::read_to_string(&mut stream, &mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");

    let status = stop_with_sigterm(&mut child);
    assert!(status.success(), "exit status {status:?}");
}

/// Sends SIGTERM to the server and waits (20 s at the most) for it to exit; its exit status.
pub fn stop_with_sigterm(child: &mut Child) -> ExitStatus {
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "still running 20 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
