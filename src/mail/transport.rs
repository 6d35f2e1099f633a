//! Where mail goes: an SMTP server named by `PORTAL_SMTP_URL`, or `.eml` files under
//! `$PORTAL_DATA_DIR/mail/` when none is configured; or, for tests that only read what was
//! sent, a list in memory that no setting can select (code passes it to
//! `Application::build_with_mail`).

use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::stub::AsyncStubTransport;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub enum MailTransport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
    /// Keeps every message (envelope and raw text) in memory. Clones of the stub share one
    /// list, so whoever built the transport keeps a clone and reads it with `messages()`.
    Memory(AsyncStubTransport),
}

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("PORTAL_SMTP_URL: {0}")]
    Config(String),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("mail file: {0}")]
    File(#[from] std::io::Error),
    #[error("memory: {0}")]
    Memory(#[from] lettre::transport::stub::Error),
    #[error("timed out")]
    Timeout,
}

impl MailTransport {
    /// `smtp://host:port` speaks plain SMTP and upgrades with STARTTLS when the server offers
    /// it; `smtps://host:port` uses TLS from the first byte; `?tls=required` forces STARTTLS.
    /// User and password in the URL are used to log in.
    pub fn from_settings(
        smtp_url: Option<&str>,
        data_dir: &std::path::Path,
        timeout: Duration,
    ) -> Result<Self, TransportError> {
        let Some(raw) = smtp_url else {
            return Ok(MailTransport::Files(data_dir.join("mail")));
        };
        let mut url = url::Url::parse(raw).map_err(|e| TransportError::Config(e.to_string()))?;
        match url.scheme() {
            "smtp" => {
                let has_tls = url.query_pairs().any(|(k, _)| k == "tls");
                if url.port().is_none() {
                    let _ = url.set_port(Some(25));
                }
                if !has_tls {
                    url.query_pairs_mut().append_pair("tls", "opportunistic");
                }
            }
            "smtps" => {}
            other => {
                return Err(TransportError::Config(format!(
                    "unsupported scheme `{other}`; use smtp:// or smtps://"
                )))
            }
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.as_str())?
            .timeout(Some(timeout))
            .build();
        Ok(MailTransport::Smtp(transport))
    }

    /// An in-memory transport, and the handle to read what it was given.
    pub fn memory() -> (Self, AsyncStubTransport) {
        let stub = AsyncStubTransport::new_ok();
        (MailTransport::Memory(stub.clone()), stub)
    }

    /// Hands the message over; `file_stem` names the `.eml` file (the outbox row's id), so
    /// writing the same row twice leaves one file.
    pub async fn send(
        &self,
        message: Message,
        file_stem: &str,
        timeout: Duration,
    ) -> Result<(), TransportError> {
        match self {
            MailTransport::Smtp(smtp) => {
                match tokio::time::timeout(timeout, smtp.send(message)).await {
                    Ok(result) => result.map(|_| ()).map_err(TransportError::from),
                    Err(_) => Err(TransportError::Timeout),
                }
            }
            MailTransport::Files(dir) => {
                let dir = dir.clone();
                let name = format!("{file_stem}.eml");
                let bytes = message.formatted();
                tokio::task::spawn_blocking(move || {
                    use std::io::Write;
                    // Mail can carry one-time links: owner-only directory and files.
                    crate::config::secure_dir(&dir)?;
                    let tmp = dir.join(format!(".{name}.tmp"));
                    // A leftover of an interrupted write would keep its own mode.
                    let _ = std::fs::remove_file(&tmp);
                    let mut options = std::fs::OpenOptions::new();
                    options.write(true).create_new(true);
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::OpenOptionsExt;
                        options.mode(0o600);
                    }
                    options.open(&tmp)?.write_all(&bytes)?;
                    std::fs::rename(tmp, dir.join(name))
                })
                .await
                .map_err(|e| TransportError::File(std::io::Error::other(e)))??;
                Ok(())
            }
            MailTransport::Memory(stub) => {
                // The stub only fails when built to (`new_error`); `memory()` never does.
                stub.send(message).await.map_err(TransportError::from)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(url: Option<&str>) -> Result<MailTransport, TransportError> {
        MailTransport::from_settings(url, std::path::Path::new("/data"), Duration::from_secs(1))
    }

    #[test]
    fn no_setting_selects_the_memory_transport() {
        // Unset: files under the data directory, never memory.
        assert!(
            matches!(pick(None), Ok(MailTransport::Files(d)) if d == std::path::Path::new("/data/mail"))
        );
        for url in [
            "memory://",
            "memory:",
            "stub://localhost",
            "file:///tmp/mail",
        ] {
            let err = pick(Some(url)).err().expect(url).to_string();
            assert!(err.contains("unsupported scheme"), "{url}: {err}");
        }
        assert!(matches!(
            pick(Some("smtp://127.0.0.1:2525")),
            Ok(MailTransport::Smtp(_))
        ));
    }

    #[actix_web::test]
    async fn the_memory_transport_keeps_what_it_is_given() {
        let (transport, sent) = MailTransport::memory();
        assert!(sent.messages().await.is_empty());
        let message = Message::builder()
            .from("portal@example.org".parse().unwrap())
            .to("ana@example.org".parse().unwrap())
            .subject("Hello")
            .body("a link".to_string())
            .unwrap();
        transport
            .send(message, "ignored", Duration::from_secs(1))
            .await
            .unwrap();
        let messages = sent.messages().await;
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].0.to()[0].to_string(), "ana@example.org");
        assert!(messages[0].1.contains("Subject: Hello"));
    }
}
