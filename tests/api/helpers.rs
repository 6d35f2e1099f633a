//! Starts the real application on port 0 with a fresh database: an SQLite file in a
//! temporary directory, or, when `PORTAL_TEST_DATABASE_URL` names a PostgreSQL server, a new
//! database on it (dropped afterwards). Its mail stays in memory for the test to read
//! (`TestApp::sent_mail`, `mailed_token`), unless the settings name an SMTP server (the
//! delivery tests) or the test asks for `.eml` files (`spawn_app_with_mail_files`).

use std::time::Duration;

use awc::http::header;
use diesel::connection::SimpleConnection;
use diesel::Connection;
use lettre::transport::stub::AsyncStubTransport;
use portal::auth::totp_keys;
use portal::config::{DatabaseUrl, Settings};
use portal::db::{self, DbConnection};
use portal::domain::Role;
use portal::mail::transport::MailTransport;
use portal::services::account::two_factor;
use portal::services::admin::account_creation::{self, NewAccount};
use portal::startup::Application;
use serde_json::Value;

use crate::smtp_server::{Received, SmtpServer};

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub address: String,
    pub settings: Settings,
    pub client: awc::Client,
    /// What the app has sent, when its mail stays in memory.
    pub mailbox: Option<AsyncStubTransport>,
    _data_dir: tempfile::TempDir,
    pg_cleanup: Option<(String, String)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        drop_database(self.pg_cleanup.take());
    }
}

/// Drops the PostgreSQL database `fresh_database` made, if it made one: (admin url, name).
pub fn drop_database(cleanup: Option<(String, String)>) {
    if let Some((admin_url, name)) = cleanup {
        if let Ok(mut conn) = diesel::pg::PgConnection::establish(&admin_url) {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
        }
    }
}

/// A fresh database URL for one test: (url, cleanup).
pub fn fresh_database(dir: &std::path::Path) -> (DatabaseUrl, Option<(String, String)>) {
    match std::env::var("PORTAL_TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.trim().is_empty() => {
            let name = format!("portal_test_{}", uuid::Uuid::new_v4().simple());
            let mut conn = diesel::pg::PgConnection::establish(&admin_url).unwrap_or_else(|e| {
                panic!("PORTAL_TEST_DATABASE_URL is set but PostgreSQL cannot be reached: {e}")
            });
            conn.batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .expect("create test database");
            let mut url = url::Url::parse(&admin_url).expect("PORTAL_TEST_DATABASE_URL is a URL");
            url.set_path(&format!("/{name}"));
            (
                DatabaseUrl::Postgres(url.to_string()),
                Some((admin_url, name)),
            )
        }
        _ => (
            DatabaseUrl::Sqlite(dir.join("test.db").to_string_lossy().into_owned()),
            None,
        ),
    }
}

/// The tests' settings, built by the server's own loader from these variables (so a new
/// setting gets its default here too); `spawn_app_with` then changes typed fields.
pub fn test_settings(database_url: DatabaseUrl, data_dir: &std::path::Path) -> Settings {
    let database_url = match database_url {
        DatabaseUrl::Postgres(url) => url,
        DatabaseUrl::Sqlite(path) => format!("sqlite://{path}"),
    };
    let vars = [
        ("PORTAL_DATABASE_URL", database_url),
        ("PORTAL_BIND", "127.0.0.1:0".into()),
        ("PORTAL_DATA_DIR", data_dir.to_string_lossy().into_owned()),
        (
            "PORTAL_JWT_SECRET",
            format!("test-secret-{}", uuid::Uuid::new_v4()),
        ),
        ("PORTAL_TOTP_KEY", hex::encode(totp_keys::random_key())),
        ("PORTAL_PUBLIC_URL", "http://127.0.0.1".into()),
        ("PORTAL_DB_POOL_SIZE", "4".into()),
        ("PORTAL_DB_TIMEOUT_SECS", "3".into()),
        ("PORTAL_HASH_CONCURRENCY", "2".into()),
        ("PORTAL_WORKERS", "1".into()),
        ("PORTAL_MAX_UPLOAD_MB", "2".into()),
        ("PORTAL_MAIL_FROM", "portal@test.example.org".into()),
        ("PORTAL_MAIL_POLL_MS", "100".into()),
        ("PORTAL_MAIL_RETRY_BASE_MS", "200".into()),
        ("PORTAL_MAIL_MAX_ATTEMPTS", "8".into()),
        ("PORTAL_SMTP_TIMEOUT_SECS", "5".into()),
        ("PORTAL_DIGEST_INTERVAL_SECS", "86400".into()),
    ];
    // Nothing from the process environment: only these.
    Settings::from_vars("test.db", |name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    })
    .expect("the test settings load")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(customise: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(customise, true).await
}

/// An app that delivers its mail to a test SMTP server, and that server.
pub async fn spawn_app_with_smtp() -> (SmtpServer, TestApp) {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;
    (smtp, app)
}

/// An app whose mail goes where production's goes without an SMTP server: `.eml` files under
/// `data_dir/mail/` (for the tests of those files).
pub async fn spawn_app_with_mail_files(customise: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(customise, false).await
}

/// Starts the app; with `mailbox`, its mail goes there instead of where the settings say.
async fn start(settings: &Settings, mailbox: Option<&AsyncStubTransport>) -> String {
    let app = match mailbox {
        Some(stub) => {
            let transport = MailTransport::Memory(stub.clone());
            Application::build_with_mail(settings.clone(), transport).await
        }
        None => Application::build(settings.clone()).await,
    }
    .expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_rt::spawn(app.run_until_stopped());
    address
}

async fn spawn(customise: impl FnOnce(&mut Settings), in_memory: bool) -> TestApp {
    if std::env::var_os("PORTAL_TEST_LOG").is_some() {
        portal::telemetry::init();
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (url, pg_cleanup) = fresh_database(dir.path());
    let mut settings = test_settings(url, dir.path());
    customise(&mut settings);
    let mailbox = (in_memory && settings.smtp_url.is_none()).then(|| MailTransport::memory().1);
    let address = start(&settings, mailbox.as_ref()).await;
    let client = awc::Client::builder()
        .disable_redirects()
        .timeout(Duration::from_secs(30))
        .finish();
    TestApp {
        address,
        settings,
        client,
        mailbox,
        _data_dir: dir,
        pg_cleanup,
    }
}

pub struct Page {
    pub status: u16,
    pub headers: awc::http::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    /// All `Set-Cookie` lines.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect()
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.starts_with(&format!("{name}=")))
    }

    pub fn cookie_value(&self, name: &str) -> Option<String> {
        self.cookie(name).map(|c| {
            c[name.len() + 1..]
                .split(';')
                .next()
                .unwrap_or("")
                .to_string()
        })
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn csrf_field(&self) -> String {
        self.csrf_field_if_any()
            .expect("page has a csrf_token field")
    }

    pub fn csrf_field_if_any(&self) -> Option<String> {
        self.hidden_field("csrf_token")
    }

    /// The value of the page's first field named `name` whose value follows its name.
    pub fn hidden_field(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker)? + marker.len();
        self.body[start..].split('"').next().map(str::to_string)
    }
}

pub async fn into_page(
    mut res: awc::ClientResponse<
        impl futures_util::Stream<Item = Result<actix_web::web::Bytes, awc::error::PayloadError>>
            + Unpin,
    >,
) -> Page {
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = res.body().limit(10 * 1024 * 1024).await.expect("body");
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A browser's view: the cookies it holds.
#[derive(Default, Clone)]
pub struct Browser {
    pub csrf_cookie: Option<String>,
    pub session_cookie: Option<String>,
    pub lang_cookie: Option<String>,
    /// The CSRF token of the last page with a form (see `TestApp::submit`).
    pub form_token: Option<String>,
}

impl Browser {
    pub fn cookie_header(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = &self.csrf_cookie {
            parts.push(format!("__Host-portal_csrf={c}"));
        }
        if let Some(c) = &self.session_cookie {
            parts.push(format!("__Host-portal_session={c}"));
        }
        if let Some(c) = &self.lang_cookie {
            parts.push(format!("portal_lang={c}"));
        }
        parts.join("; ")
    }

    /// The browser's cookies as a request header, for requests built by hand.
    pub fn credential(&self) -> (&'static str, String) {
        ("cookie", self.cookie_header())
    }

    pub fn absorb(&mut self, page: &Page) {
        if let Some(v) = page.cookie_value("__Host-portal_csrf") {
            self.csrf_cookie = Some(v);
        }
        if let Some(v) = page.cookie_value("__Host-portal_session") {
            self.session_cookie = if v.is_empty() { None } else { Some(v) };
            // A new session has new tokens: the old page's no longer applies.
            self.form_token = None;
        }
        if let Some(token) = page.csrf_field_if_any() {
            self.form_token = Some(token);
        }
        if let Some(v) = page.cookie_value("portal_lang") {
            self.lang_cookie = Some(v);
        }
    }
}

/// An account to create directly, as `portal user create` would; with `password`, hashed.
pub fn new_account(
    email: &str,
    name: &str,
    org: &str,
    role: Role,
    password: Option<&str>,
) -> NewAccount {
    NewAccount {
        email: email.into(),
        name: name.into(),
        organisation_code: org.into(),
        role,
        password_hash: password.map(|p| portal::auth::password::hash_blocking(p).unwrap()),
    }
}

impl TestApp {
    /// The same database served by a new instance, as after a restart, with settings changed
    /// by `customise`. The database stays this app's: it goes when this app is dropped. Mail
    /// kept in memory goes on into the same mailbox (unless an SMTP server is named now).
    pub async fn restart_with(&self, customise: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = self.settings.clone();
        customise(&mut settings);
        let mailbox = self.mailbox.clone().filter(|_| settings.smtp_url.is_none());
        let address = start(&settings, mailbox.as_ref()).await;
        TestApp {
            address,
            settings,
            client: self.client.clone(),
            mailbox,
            _data_dir: tempfile::tempdir().expect("temp dir"),
            pg_cleanup: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A connection to the app's database, with the reads waiting in the audit spool chained
    /// into the trail first (as the server does before it reads the trail itself), so a test
    /// reading `audit_log` sees every acknowledged read.
    pub fn conn(&self) -> DbConnection {
        let mut conn = db::establish(&self.settings.database_url).expect("test connection");
        portal::services::audit::settle(&mut conn).expect("audit spool settled");
        conn
    }

    /// Creates an account directly (as `portal user create` would).
    pub fn create_user(
        &self,
        email: &str,
        org: &str,
        role: Role,
        password: Option<&str>,
    ) -> String {
        let mut conn = self.conn();
        let name = format!("Test {email}");
        let new = new_account(email, &name, org, role, password);
        let id = account_creation::create_user(&mut conn, new).expect("user created");
        // Administrators and coordinators cannot work without two-factor: give them a secret
        // the helpers below know, as if they had set it up.
        if matches!(role, Role::Admin | Role::Coordinator) {
            let keys = &self.settings.totp_keys;
            two_factor::enable_with_secret(&mut conn, keys, &id, &two_factor::new_secret())
                .expect("two-factor on");
        }
        id
    }

    /// A current two-factor code for the account, if it has two-factor on. The account's
    /// last-used step is forgotten first, so helpers may sign the same account in several times
    /// within 30 seconds (the replay rule itself is tested with raw requests).
    pub fn current_code(&self, email: &str) -> Option<String> {
        use diesel::prelude::*;
        use portal::db::schema::users;
        let mut conn = self.conn();
        let (id, sealed): (String, Option<String>) = users::table
            .filter(users::email.eq(email))
            .select((users::id, users::totp_secret))
            .first(&mut conn)
            .ok()?;
        let secret = self.settings.totp_keys.open(&id, &sealed?).ok()?;
        diesel::update(users::table.filter(users::email.eq(email)))
            .set(users::totp_last_step.eq(None::<i64>))
            .execute(&mut conn)
            .unwrap();
        let now = chrono::Utc::now().timestamp() as u64;
        Some(two_factor::code_at(&secret, now).unwrap())
    }

    pub async fn get(&self, path: &str) -> Page {
        into_page(
            self.client
                .get(self.url(path))
                .send()
                .await
                .expect("request"),
        )
        .await
    }

    pub async fn get_bearer(&self, path: &str, token: &str) -> Page {
        self.bearer(awc::http::Method::GET, path, token, None).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Page {
        into_page(
            self.client
                .post(self.url(path))
                .send_json(body)
                .await
                .expect("request"),
        )
        .await
    }

    pub async fn post_json_bearer(&self, path: &str, token: &str, body: &Value) -> Page {
        self.bearer(awc::http::Method::POST, path, token, Some(body))
            .await
    }

    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Page {
        let res = self
            .client
            .post(self.url(path))
            .insert_header((header::CONTENT_TYPE, content_type))
            .send_body(body);
        into_page(res.await.expect("request")).await
    }

    /// Every mail the app has sent so far, oldest first, in the shape the tests' SMTP server
    /// gives (`X-MailFrom` and `X-RcptTo` lines, then the message). Only for an app whose mail
    /// stays in memory.
    pub async fn sent_mail(&self) -> Vec<Received> {
        let mailbox = self.mailbox.as_ref().expect(
            "this app's mail does not stay in memory: read the SMTP server or the .eml files",
        );
        mailbox
            .messages()
            .await
            .into_iter()
            .map(|(envelope, message)| {
                let from = envelope.from().map(|a| a.to_string()).unwrap_or_default();
                let to: Vec<String> = envelope.to().iter().map(|a| a.to_string()).collect();
                Received {
                    raw: format!(
                        "X-MailFrom: {from}\r\nX-RcptTo: {}\r\n{message}",
                        to.join(", ")
                    ),
                }
            })
            .collect()
    }

    /// The newest mail of `template` to `to`, once it is out (within 20 seconds): from memory,
    /// or from its `.eml` file when the app writes files. The outbox row gives the mail's
    /// Message-ID (`<outbox.ID@host>`) and file name; it keeps no token once the mail is out.
    pub async fn mailed(&self, template: &str, to: &str) -> Received {
        use diesel::prelude::*;
        use portal::db::schema::outbox;
        let id: String = outbox::table
            .filter(outbox::template.eq(template))
            .filter(outbox::to_address.eq(to))
            .order(outbox::created_at.desc())
            .select(outbox::id)
            .first(&mut self.conn())
            .expect("a queued mail");
        let message_id = format!("<outbox.{id}@");
        let file = self
            .settings
            .data_dir
            .join("mail")
            .join(format!("{id}.eml"));
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            if self.mailbox.is_some() {
                let sent = self.sent_mail().await;
                let found = sent.into_iter().find(|m| {
                    m.header("Message-ID")
                        .is_some_and(|h| h.starts_with(&message_id))
                });
                if let Some(mail) = found {
                    return mail;
                }
            } else if let Ok(raw) = std::fs::read_to_string(&file) {
                return Received { raw };
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no mail {id} ({template} to {to}) within 20 s"
            );
            actix_rt::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The `token` of the link to `link_path` in the newest mail of `template` to `to`.
    pub async fn mailed_token(&self, template: &str, to: &str, link_path: &str) -> String {
        let mail = self.mailed(template, to).await;
        crate::password_reset::link_token(&mail, link_path)
    }

    /// Signs in through the API, with a current two-factor code when the account has one.
    pub async fn login_api(&self, email: &str, password: &str) -> Page {
        let mut body = serde_json::json!({"email": email, "password": password});
        if let Some(code) = self.current_code(email) {
            body["totp"] = code.into();
        }
        self.post_json("/api/v1/auth/login", &body).await
    }

    /// Signs in through the API and returns the bearer token.
    pub async fn token(&self, email: &str, password: &str) -> String {
        let page = self.login_api(email, password).await;
        assert_eq!(page.status, 200, "{}", page.body);
        page.json()["token"].as_str().unwrap().to_string()
    }

    pub async fn browser_get(&self, browser: &mut Browser, path: &str) -> Page {
        let mut req = self.client.get(self.url(path));
        let cookies = browser.cookie_header();
        if !cookies.is_empty() {
            req = req.insert_header((header::COOKIE, cookies));
        }
        let page = into_page(req.send().await.expect("request")).await;
        browser.absorb(&page);
        let html = page
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"));
        // An unbalanced template tag prints its syntax as text.
        assert!(
            !html
                || !["{%", "%}", "{{", "}}"]
                    .iter()
                    .any(|s| page.body.contains(s)),
            "template syntax in {path}"
        );
        page
    }

    pub async fn browser_post(
        &self,
        browser: &mut Browser,
        path: &str,
        form: &[(&str, &str)],
    ) -> Page {
        self.browser_post_with(browser, path, form, &[]).await
    }

    /// A form post with the CSRF token of `page` (the page the form is on) before `fields`.
    pub async fn browser_submit(
        &self,
        browser: &mut Browser,
        page: &Page,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        self.post_with_token(browser, &page.csrf_field(), path, fields)
            .await
    }

    /// A form post with `token` as its CSRF token, before `fields`.
    pub async fn post_with_token(
        &self,
        browser: &mut Browser,
        token: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        let mut form = vec![("csrf_token", token)];
        form.extend_from_slice(fields);
        self.browser_post(browser, path, &form).await
    }

    /// A form post with extra request headers (`Origin`, `Sec-Fetch-Site`, …).
    pub async fn browser_post_with(
        &self,
        browser: &mut Browser,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let mut req = self.client.post(self.url(path));
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        let cookies = browser.cookie_header();
        if !cookies.is_empty() {
            req = req.insert_header((header::COOKIE, cookies));
        }
        let page = into_page(req.send_form(&form).await.expect("request")).await;
        browser.absorb(&page);
        page
    }

    /// Signs in through the HTML form like a browser (with the account's current two-factor
    /// code, if it has two-factor on); returns the browser.
    pub async fn browser_login(&self, email: &str, password: &str) -> Browser {
        let code = self.current_code(email).unwrap_or_default();
        let (browser, res) = self.form_login(email, password, &code).await;
        assert_eq!(res.status, 303, "{}", res.body);
        assert!(browser.session_cookie.is_some());
        browser
    }

    /// Opens the sign-in page in a new browser and posts its form, then, when the account
    /// asks for its second factor, the code's form with `code`; the browser and the answer.
    pub async fn form_login(&self, email: &str, password: &str, code: &str) -> (Browser, Page) {
        let mut browser = Browser::default();
        let page = self.browser_get(&mut browser, "/login").await;
        let fields = [("email", email), ("password", password)];
        let res = self
            .browser_submit(&mut browser, &page, "/login", &fields)
            .await;
        let Some(challenge) = res.hidden_field("challenge").filter(|_| res.status == 200) else {
            return (browser, res);
        };
        let fields = [("challenge", challenge.as_str()), ("totp", code)];
        let res = self
            .browser_submit(&mut browser, &res, "/login/code", &fields)
            .await;
        (browser, res)
    }
}
