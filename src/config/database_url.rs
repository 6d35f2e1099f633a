//! Which database, from `PORTAL_DATABASE_URL`.

use super::ConfigError;

/// Which backend and where: decided once, from the URL scheme. Its `Debug` shows the
/// redacted form: a PostgreSQL URL may carry a password.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    Sqlite(String),
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseUrl::Postgres(_) => f.debug_tuple("Postgres"),
            DatabaseUrl::Sqlite(_) => f.debug_tuple("Sqlite"),
        }
        .field(&self.redacted())
        .finish()
    }
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ConfigError::EmptyDatabaseUrl);
        }
        if let Some((scheme, rest)) = raw.split_once("://") {
            return match scheme.to_ascii_lowercase().as_str() {
                "postgres" | "postgresql" => Ok(DatabaseUrl::Postgres(raw.to_string())),
                "sqlite" if !rest.is_empty() => Ok(DatabaseUrl::Sqlite(rest.to_string())),
                other => Err(ConfigError::UnsupportedScheme(other.to_string())),
            };
        }
        if let Some(rest) = raw.strip_prefix("sqlite:") {
            if !rest.is_empty() && rest != ":memory:" {
                return Ok(DatabaseUrl::Sqlite(rest.to_string()));
            }
            return Err(ConfigError::UnsupportedScheme("sqlite::memory:".into()));
        }
        // `word:rest` without `//` is some other scheme (mysql:, file:, …); a plain path has none.
        if let Some((scheme, _)) = raw.split_once(':') {
            let looks_like_scheme = !scheme.is_empty()
                && scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-');
            if looks_like_scheme {
                return Err(ConfigError::UnsupportedScheme(scheme.to_string()));
            }
        }
        Ok(DatabaseUrl::Sqlite(raw.to_string()))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, DatabaseUrl::Postgres(_))
    }

    /// For logs: never prints a password.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(p) => format!("sqlite://{p}"),
            DatabaseUrl::Postgres(u) => match url::Url::parse(u) {
                Ok(mut parsed) => {
                    if parsed.password().is_some() {
                        let _ = parsed.set_password(Some("***"));
                    }
                    parsed.to_string()
                }
                Err(_) => "postgres://(unparsable)".into(),
            },
        }
    }
}
