//! Builds the application (pool, migrations, templates, middleware, routes) and binds it.
//! Tests build it on port 0 with a fresh database.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::body::BoxBody;
use actix_web::dev::{Server, Service, ServiceResponse};
use actix_web::middleware::ErrorHandlers;
use actix_web::{web, App, HttpMessage, HttpServer};
use futures_util::future::{ready, Either};
use tracing_actix_web::TracingLogger;

use crate::auth::csrf::{self, CsrfKey, FreshCsrfCookie};
use crate::auth::jwt::JwtKeys;
use crate::auth::password::PasswordHasher;
use crate::auth::totp_keys::TotpKeys;
use crate::config::Settings;
use crate::db::{self, DbPool};
use crate::mail::transport::MailTransport;
use crate::mail::worker::{MailWorker, WorkerHandle};
use crate::services::reference;
use crate::state::AppState;
use crate::telemetry::RequestSpan;
use crate::web::common::responses::{
    error_page, json_error, query_error, security_headers, unrouted,
};

/// JSON bodies of the API.
pub const JSON_LIMIT: usize = 1024 * 1024;
/// HTML form bodies: room for a message of 20,000 characters of any script, URL-encoded
/// (up to 12 bytes per character).
pub const FORM_LIMIT: usize = 256 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error("templates: {0}")]
    Templates(#[from] tera::Error),
    #[error(transparent)]
    Mail(#[from] crate::mail::transport::TransportError),
    #[error("data directory {path}: {source}")]
    DataDir {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
}

pub struct Application {
    port: u16,
    server: Server,
    pub state: web::Data<AppState>,
    mail_worker: WorkerHandle,
}

/// Runs pending migrations and adds missing reference organisations.
pub fn prepare_database(pool: &DbPool) -> Result<(), db::DbError> {
    let mut conn = pool.get()?;
    let ran = db::run_migrations(&mut conn)?;
    // Reads a killed process left in the audit spool (services/audit/spool.rs).
    crate::services::audit::settle(&mut conn)?;
    let added = reference::load_reference_organisations(&mut conn)?;
    crate::services::groups::load_reference_groups(&mut conn)?;
    if let db::DbConnection::Sqlite(_) = &mut **conn {
        // SQLite plans with statistics only once they exist: without them it prefers the
        // index that matches ORDER BY and walks it (PostgreSQL's autovacuum analyses alone).
        // A whole ANALYZE reads every index (13 s over 2,000,000 needs), so a start runs it
        // only when the schema changed or no statistics exist; else `PRAGMA optimize`
        // refreshes the tables that grew or shrank, within its own bounded time. With 0x10000
        // it looks at every table: plain `optimize` looks only at the tables this connection
        // has queried, none at a start, so the statistics of a database analysed when nearly
        // empty were never refreshed however much it grew (SQLite's advice for long-lived
        // connections: `optimize=0x10002` when the connection opens).
        use diesel::connection::SimpleConnection;
        if ran > 0 || !db::has_statistics(&mut conn)? {
            conn.batch_execute("ANALYZE;")?;
        }
        conn.batch_execute("PRAGMA optimize=0x10002;")?;
    }
    tracing::info!(
        backend = conn.backend_name(),
        migrations = ran,
        organisations_added = added,
        "database ready"
    );
    Ok(())
}

/// Seals the two-factor secrets stored in clear or under a previous key (`auth::totp_keys`);
/// finds nothing to do once done.
pub fn seal_two_factor_secrets(pool: &DbPool, keys: &TotpKeys) -> Result<(), db::DbError> {
    let mut conn = pool.get()?;
    crate::services::account::secret_sealing::seal_stored_secrets(&mut conn, keys)?;
    Ok(())
}

impl Application {
    /// Mail goes where the settings say: SMTP, or `.eml` files when no server is named.
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let transport = MailTransport::from_settings(
            settings.smtp_url(),
            &settings.data_dir,
            settings.mail_timeout,
        )?;
        Self::build_with_mail(settings, transport).await
    }

    /// With the given mail transport instead of the one the settings name: the tests pass
    /// `MailTransport::memory()` and read what was sent. No setting reaches this.
    pub async fn build_with_mail(
        settings: Settings,
        transport: MailTransport,
    ) -> Result<Self, StartupError> {
        crate::config::secure_dir(&settings.data_dir).map_err(|source| StartupError::DataDir {
            path: settings.data_dir.clone(),
            source,
        })?;
        let pool = db::build_pool_with_timeout(
            &settings.database_url,
            settings.pool_size,
            settings.db_timeout,
        )?;
        prepare_database(&pool)?;
        seal_two_factor_secrets(&pool, &settings.totp_keys)?;
        let listener = TcpListener::bind(&settings.bind).map_err(|source| StartupError::Bind {
            addr: settings.bind.clone(),
            source,
        })?;
        let port = listener
            .local_addr()
            .map_err(|source| StartupError::Bind {
                addr: settings.bind.clone(),
                source,
            })?
            .port();
        // One set of templates for the pages and the mail worker.
        let templates = Arc::new(crate::templates::build()?);
        let state = web::Data::new(AppState {
            jwt: JwtKeys::new(settings.jwt_secret()),
            csrf: CsrfKey::derive(settings.jwt_secret()),
            hasher: PasswordHasher::new(settings.hash_concurrency),
            templates: templates.clone(),
            state_picker: crate::state::Cached::new(std::time::Duration::from_secs(60)),
            organisation_picker: crate::state::Cached::new(std::time::Duration::from_secs(60)),
            // A matrix and its JSON: some 350 KiB over 193 States.
            matrices: crate::state::Versioned::new(32),
            // A few hundred bytes each; one a State at most.
            need_figures: crate::state::Versioned::new(256),
            // A page of 50 reports is some 15 KiB with its JSON; 128 pages and 128 counts.
            report_lists: crate::services::kept::KeptLists::new(
                crate::repo::data_versions::REPORTS,
            ),
            need_lists: crate::services::kept::KeptLists::new(crate::repo::data_versions::NEEDS),
            db_turns: crate::db::Turns::new(settings.pool_size),
            pool,
            settings: Arc::new(settings),
        });
        let mail_worker = MailWorker {
            pool: state.pool.clone(),
            settings: state.settings.clone(),
            templates,
            transport,
        }
        .spawn();
        let workers = state.settings.workers;
        let shutdown_secs = state.settings.shutdown_timeout.as_secs();
        // Blocking threads do diesel calls and hashing; more than the pool and the hash bound
        // could use only adds memory.
        let blocking_threads =
            state.settings.pool_size as usize + state.settings.hash_concurrency + 2;
        let app_state = state.clone();
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(app_state.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(JSON_LIMIT)
                        .error_handler(json_error),
                )
                .app_data(web::FormConfig::default().limit(FORM_LIMIT))
                .app_data(web::PayloadConfig::new(JSON_LIMIT))
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .configure(crate::web::configure)
                .default_service(web::to(unrouted))
                .wrap_fn(|req, srv| {
                    // Inside the error handlers, so a refusal gets the HTML error page. No
                    // resource is named with a NUL byte: such a path is missing, whatever the
                    // route, and never reaches a query (PostgreSQL refuses NUL in text).
                    if req.path().contains("%00") {
                        let res = req.error_response(crate::error::AppError::NotFound);
                        return Either::Left(ready(Ok(res)));
                    }
                    let cross_site = req.app_data::<web::Data<AppState>>().is_some_and(|s| {
                        csrf::cross_site_write(req.request(), &s.settings.public_url)
                    });
                    if cross_site {
                        let res = req.error_response(csrf::refusal());
                        return Either::Left(ready(Ok(res)));
                    }
                    Either::Right(srv.call(req))
                })
                .wrap(ErrorHandlers::new().default_handler(error_page))
                .wrap_fn(|req, srv| {
                    let wants_csrf =
                        !req.path().starts_with("/api/") && !req.path().starts_with("/assets/");
                    if wants_csrf {
                        csrf::ensure_cookie(req.request());
                    }
                    let fut = srv.call(req);
                    async move {
                        let mut res = fut.await?;
                        let fresh = res.request().extensions().get::<FreshCsrfCookie>().cloned();
                        if let Some(FreshCsrfCookie(value)) = fresh {
                            let _ = res.response_mut().add_cookie(&csrf::cookie(value));
                        }
                        Ok(res)
                    }
                })
                .wrap_fn(|req, srv| {
                    // Every response gets the security headers. Handler and extractor errors
                    // arrive here as responses already; no inner layer returns `Err`.
                    let fut = srv.call(req);
                    async move {
                        let mut res: ServiceResponse<BoxBody> = fut.await?.map_into_boxed_body();
                        security_headers(&mut res);
                        Ok::<_, actix_web::Error>(res)
                    }
                })
                // Outermost: one span and one log line per request, route only (query strings
                // can carry tokens): `telemetry::RequestSpan`.
                .wrap(TracingLogger::<RequestSpan>::new())
        })
        .shutdown_timeout(shutdown_secs)
        .worker_max_blocking_threads(blocking_threads)
        .listen(listener)
        .map_err(|source| StartupError::Bind {
            addr: "listener".into(),
            source,
        })?;
        if let Some(n) = workers {
            server = server.workers(n.max(1));
        }
        Ok(Application {
            port,
            server: server.run(),
            state,
            mail_worker,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT or SIGTERM, then stops accepting and finishes in-flight requests
    /// (for at most `PORTAL_SHUTDOWN_SECS`). The outbox worker then finishes the delivery in
    /// hand and stops, leaving no lease held (mail it has not sent stays in the outbox).
    /// Reads waiting in the audit spool are chained into the trail.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        let settle = |conn: &mut db::DbConnection| Ok(crate::services::audit::settle(conn)?);
        if let Err(err) = self.state.db(settle).await {
            tracing::warn!(%err, "reads in the audit spool are chained at the next start");
        }
        let bound = self.state.settings.mail_timeout + std::time::Duration::from_secs(5);
        if self.mail_worker.stop_and_wait(bound).await {
            tracing::info!("stopped cleanly");
        } else {
            tracing::warn!("the mail worker did not stop in time; its lease runs out by itself");
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::RunQueryDsl;

    use crate::config::DatabaseUrl;
    use crate::db;

    #[derive(diesel::QueryableByName)]
    struct Stat {
        #[diesel(sql_type = diesel::sql_types::Text)]
        stat: String,
    }

    /// The rows SQLite's statistics give the `grown` table (the first figure of its stat).
    fn analysed_rows(conn: &mut db::DbConnection) -> i64 {
        let stat: Stat = diesel::sql_query("SELECT stat FROM sqlite_stat1 WHERE tbl = 'grown'")
            .get_result(conn)
            .unwrap();
        stat.stat.split(' ').next().unwrap().parse().unwrap()
    }

    #[test]
    fn a_start_refreshes_the_statistics_of_a_table_that_grew() {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("t.db").display().to_string());
        let pool = db::build_pool(&url, 1).unwrap();
        super::prepare_database(&pool).unwrap();
        let mut conn = db::establish(&url).unwrap();
        conn.batch_execute(
            "CREATE TABLE grown (a INTEGER NOT NULL, b INTEGER NOT NULL);
             CREATE INDEX grown_a ON grown (a);
             WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10)
             INSERT INTO grown SELECT x, x % 7 FROM n;
             ANALYZE grown;
             WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000)
             INSERT INTO grown SELECT x, x % 7 FROM n;",
        )
        .unwrap();
        assert_eq!(analysed_rows(&mut conn), 10);
        drop(conn);
        // The next start, with no migration to run and statistics present.
        let pool = db::build_pool(&url, 1).unwrap();
        super::prepare_database(&pool).unwrap();
        assert!(analysed_rows(&mut db::establish(&url).unwrap()) > 10_000);
    }
}
