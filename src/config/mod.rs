//! Settings from `PORTAL_*` environment variables.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretSlice, SecretString};

use crate::auth::totp_keys::TotpKeys;

mod database_url;
mod files;

pub use database_url::DatabaseUrl;
use files::*;
pub use files::{secure_dir, secure_file, secure_shared_file};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "PORTAL_DATABASE_URL: unsupported scheme `{0}`; use postgres://… for PostgreSQL or \
         sqlite://PATH (or a plain file path) for SQLite"
    )]
    UnsupportedScheme(String),
    #[error("PORTAL_DATABASE_URL is empty")]
    EmptyDatabaseUrl,
    #[error("{name}: {message}")]
    Invalid { name: &'static str, message: String },
    #[error("data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Every setting. Secrets are `secrecy` boxes: `{:?}` shows `[REDACTED]` for them (and the
/// two-factor keys show their ids only); read them with [`Settings::jwt_secret`] and
/// [`Settings::smtp_url`].
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    pub bind: String,
    pub data_dir: PathBuf,
    /// Signs the JWTs; the CSRF and device-cookie keys derive from it.
    pub jwt_secret: SecretSlice<u8>,
    /// Seals two-factor secrets at rest (PORTAL_TOTP_KEY or the file `totp_key`, and
    /// PORTAL_TOTP_PREVIOUS_KEYS); its Debug shows key ids only.
    pub totp_keys: TotpKeys,
    /// `smtp://user:password@host:port` (lettre's form); None writes mail to files.
    pub smtp_url: Option<SecretString>,
    pub public_url: String,
    /// The IATI organisation identifier of the publisher (PORTAL_IATI_ORG_REF, default
    /// `XX-PORTAL`, a placeholder: no registration agency has `XX`): the plans' IATI export
    /// names it as the reporting organisation and prefixes every `iati-identifier` with it.
    pub iati_org_ref: String,
    /// Peers whose `X-Forwarded-For` is believed; empty means the header is ignored.
    pub trusted_proxies: Vec<IpAddr>,
    pub pool_size: u32,
    /// Longest wait for a database connection before a request answers 503
    /// (PORTAL_DB_TIMEOUT_SECS, default 3 s).
    pub db_timeout: Duration,
    /// Concurrent Argon2 computations at most (each takes ~19 MiB and one core).
    pub hash_concurrency: usize,
    pub workers: Option<usize>,
    /// Largest accepted upload, in bytes (PORTAL_MAX_UPLOAD_MB, default 25 MiB).
    pub max_upload_bytes: u64,
    /// Sender of outgoing mail.
    pub mail_from: String,
    /// How often the outbox worker looks for mail to send.
    pub mail_poll_interval: Duration,
    /// Wait before the first retry of a failed delivery; doubles with each attempt.
    pub mail_retry_base: Duration,
    /// Attempts before a mail is marked `failed`.
    pub mail_max_attempts: u32,
    /// Bound of one SMTP delivery.
    pub mail_timeout: Duration,
    /// At most one digest per user per this interval.
    pub digest_interval: Duration,
    /// Peers that may read `/metrics` (PORTAL_METRICS_ALLOW, addresses separated by commas;
    /// none by default).
    pub metrics_allow: Vec<IpAddr>,
    /// A bearer token that opens `/metrics` from anywhere (PORTAL_METRICS_TOKEN).
    pub metrics_token: Option<SecretString>,
    /// Longest wait, on SIGTERM, for requests in flight to finish (PORTAL_SHUTDOWN_SECS,
    /// default 30 s).
    pub shutdown_timeout: Duration,
}

/// Where the loader reads its `PORTAL_*` variables: the process environment, or a map in
/// the tests. A blank value counts as unset.
pub(super) struct Vars<F>(F);

impl<F: Fn(&str) -> Option<String>> Vars<F> {
    fn get(&self, name: &str) -> Option<String> {
        (self.0)(name).filter(|v| !v.trim().is_empty())
    }

    fn parse<T: std::str::FromStr>(&self, name: &'static str) -> Result<Option<T>, ConfigError>
    where
        T::Err: std::fmt::Display,
    {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse::<T>()
                .map(Some)
                .map_err(|e| ConfigError::Invalid {
                    name,
                    message: format!("`{v}`: {e}"),
                }),
        }
    }
}

impl Settings {
    /// Reads the environment. `default_db_file` names the SQLite file used when
    /// `PORTAL_DATABASE_URL` is unset (`portal.db`, or `demo.db` for `portal demo`).
    pub fn from_env(default_db_file: &str) -> Result<Self, ConfigError> {
        Settings::from_vars(default_db_file, |name| std::env::var(name).ok())
    }

    /// The loader itself: reads each `PORTAL_*` variable through `vars` (None when unset),
    /// so the tests build their settings the way the server does, from a map.
    pub fn from_vars(
        default_db_file: &str,
        vars: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let vars = Vars(vars);
        let var = |name: &str| vars.get(name);
        let data_dir = PathBuf::from(var("PORTAL_DATA_DIR").unwrap_or_else(|| "./data".into()));
        ensure_dir(&data_dir)?;
        let database_url = match var("PORTAL_DATABASE_URL") {
            Some(raw) => DatabaseUrl::parse(&raw)?,
            None => DatabaseUrl::Sqlite(
                data_dir
                    .join(default_db_file)
                    .to_string_lossy()
                    .into_owned(),
            ),
        };
        let bind = var("PORTAL_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let jwt_secret = match var("PORTAL_JWT_SECRET") {
            Some(s) if s.len() < 32 => {
                return Err(ConfigError::Invalid {
                    name: "PORTAL_JWT_SECRET",
                    message: "must be at least 32 characters".into(),
                })
            }
            Some(s) => s.into_bytes().into(),
            None => load_or_create_secret(&data_dir.join("jwt_secret"))?,
        };
        let totp_keys = totp_keys_from_vars(&vars, &data_dir)?;
        let public_url = var("PORTAL_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        let trusted_proxies = addresses(&vars, "PORTAL_TRUSTED_PROXIES")?;
        let metrics_allow = addresses(&vars, "PORTAL_METRICS_ALLOW")?;
        let cpus = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Ok(Settings {
            database_url,
            bind,
            data_dir,
            jwt_secret,
            totp_keys,
            smtp_url: var("PORTAL_SMTP_URL").map(SecretString::from),
            public_url,
            iati_org_ref: var("PORTAL_IATI_ORG_REF")
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| "XX-PORTAL".into()),
            trusted_proxies,
            pool_size: vars.parse("PORTAL_DB_POOL_SIZE")?.unwrap_or(8),
            db_timeout: Duration::from_secs(
                vars.parse("PORTAL_DB_TIMEOUT_SECS")?.unwrap_or(3u64).max(1),
            ),
            hash_concurrency: vars
                .parse("PORTAL_HASH_CONCURRENCY")?
                .unwrap_or(cpus)
                .max(1),
            workers: vars.parse("PORTAL_WORKERS")?,
            max_upload_bytes: vars
                .parse::<u64>("PORTAL_MAX_UPLOAD_MB")?
                .unwrap_or(25)
                .max(1)
                * 1024
                * 1024,
            mail_from: var("PORTAL_MAIL_FROM").unwrap_or_else(|| "no-reply@localhost".into()),
            mail_poll_interval: Duration::from_millis(
                vars.parse("PORTAL_MAIL_POLL_MS")?
                    .unwrap_or(5_000u64)
                    .max(50),
            ),
            mail_retry_base: Duration::from_millis(
                vars.parse("PORTAL_MAIL_RETRY_BASE_MS")?
                    .unwrap_or(30_000u64),
            ),
            mail_max_attempts: vars
                .parse("PORTAL_MAIL_MAX_ATTEMPTS")?
                .unwrap_or(8u32)
                .max(1),
            mail_timeout: Duration::from_secs(
                vars.parse("PORTAL_SMTP_TIMEOUT_SECS")?
                    .unwrap_or(30u64)
                    .max(1),
            ),
            digest_interval: Duration::from_secs(
                vars.parse("PORTAL_DIGEST_INTERVAL_SECS")?
                    .unwrap_or(86_400u64),
            ),
            metrics_allow,
            metrics_token: var("PORTAL_METRICS_TOKEN").map(SecretString::from),
            shutdown_timeout: Duration::from_secs(
                vars.parse("PORTAL_SHUTDOWN_SECS")?.unwrap_or(30u64),
            ),
        })
    }
}

/// A list of IP addresses separated by commas; empty when unset.
fn addresses<F: Fn(&str) -> Option<String>>(
    vars: &Vars<F>,
    name: &'static str,
) -> Result<Vec<IpAddr>, ConfigError> {
    match vars.get(name) {
        None => Ok(Vec::new()),
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpAddr>().map_err(|e| ConfigError::Invalid {
                    name,
                    message: format!("`{s}`: {e}"),
                })
            })
            .collect(),
    }
}

impl Settings {
    /// The token that opens `/metrics`, if one is set.
    pub fn metrics_token(&self) -> Option<&str> {
        self.metrics_token.as_ref().map(|t| t.expose_secret())
    }

    /// The JWT secret's bytes.
    pub fn jwt_secret(&self) -> &[u8] {
        self.jwt_secret.expose_secret()
    }

    /// The SMTP URL, password included, for lettre.
    pub fn smtp_url(&self) -> Option<&str> {
        self.smtp_url.as_ref().map(|url| url.expose_secret())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn schemes() {
        assert!(DatabaseUrl::parse("postgres://u@h/db")
            .unwrap()
            .is_postgres());
        assert!(DatabaseUrl::parse("postgresql://u@h/db")
            .unwrap()
            .is_postgres());
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db").unwrap(),
            DatabaseUrl::Sqlite("data/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db").unwrap(),
            DatabaseUrl::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("data/x.db").unwrap(),
            DatabaseUrl::Sqlite("data/x.db".into())
        );
        assert!(DatabaseUrl::parse("mysql://root@h/db").is_err());
        assert!(DatabaseUrl::parse("mysql:root@h").is_err());
        assert!(DatabaseUrl::parse("").is_err());
        assert!(DatabaseUrl::parse("sqlite::memory:").is_err());
    }

    #[test]
    fn redacts_passwords() {
        let url = DatabaseUrl::parse("postgres://u:secret@h/db").unwrap();
        assert!(!url.redacted().contains("secret"));
    }

    #[test]
    fn debug_prints_no_secret() {
        let dir = tempfile::tempdir().unwrap();
        let jwt = "jwt-secret-that-must-never-be-printed-0123456789";
        let totp = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let previous = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
        let vars = [
            ("PORTAL_DATA_DIR", dir.path().to_str().unwrap()),
            (
                "PORTAL_DATABASE_URL",
                "postgres://portal:db-pass-word@db.example/portal",
            ),
            ("PORTAL_JWT_SECRET", jwt),
            (
                "PORTAL_SMTP_URL",
                "smtp://mailer:smtp-pass-word@mail.example:587",
            ),
            ("PORTAL_TOTP_KEY", totp),
            ("PORTAL_TOTP_PREVIOUS_KEYS", previous),
        ];
        let settings = Settings::from_vars("portal.db", |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
        .unwrap();
        // Still usable.
        assert_eq!(settings.jwt_secret(), jwt.as_bytes());
        assert_eq!(
            settings.smtp_url(),
            Some("smtp://mailer:smtp-pass-word@mail.example:587")
        );
        for shown in [format!("{settings:?}"), format!("{settings:#?}")] {
            for secret in [jwt, "smtp-pass-word", "db-pass-word", totp, previous] {
                assert!(!shown.contains(secret), "{secret} in {shown}");
            }
            // Nor as the bytes `Vec<u8>` would print.
            let bytes = format!("{:?}", jwt.as_bytes());
            assert!(!shown.contains(&bytes[1..bytes.len() - 1]), "{shown}");
            assert!(
                shown.contains("db.example"),
                "the rest still shows: {shown}"
            );
        }
    }

    #[test]
    fn the_loader_reads_the_given_variables_only() {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().to_str().unwrap().to_string();
        let settings = Settings::from_vars("portal.db", |name| match name {
            "PORTAL_DATA_DIR" => Some(data_dir.clone()),
            "PORTAL_DB_POOL_SIZE" => Some(" 5 ".into()),
            "PORTAL_SMTP_URL" => Some("  ".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(settings.pool_size, 5);
        assert!(settings.smtp_url().is_none(), "blank counts as unset");
        assert_eq!(
            settings.database_url,
            DatabaseUrl::Sqlite(dir.path().join("portal.db").to_string_lossy().into_owned())
        );
        // The secrets made on first use are kept in the data directory.
        assert_eq!(
            fs::read_to_string(dir.path().join("jwt_secret"))
                .unwrap()
                .as_bytes(),
            settings.jwt_secret()
        );
        assert!(dir.path().join("totp_key").exists());
        let bad = Settings::from_vars("portal.db", |name| match name {
            "PORTAL_DATA_DIR" => Some(data_dir.clone()),
            "PORTAL_JWT_SECRET" => Some("short".into()),
            _ => None,
        });
        assert!(matches!(
            bad,
            Err(ConfigError::Invalid {
                name: "PORTAL_JWT_SECRET",
                ..
            })
        ));
    }

    #[test]
    fn the_totp_key_file_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("totp_key");
        let first = load_or_create_totp_key(&path).unwrap();
        assert_eq!(load_or_create_totp_key(&path).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        fs::write(&path, "damaged").unwrap();
        assert!(load_or_create_totp_key(&path).is_err(), "never replaced");
        assert_eq!(fs::read_to_string(&path).unwrap(), "damaged");
    }
}
