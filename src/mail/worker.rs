//! The outbox worker: claims due rows (a lease taken with a conditional UPDATE, so several
//! instances never send one row at the same time), sends them, and on failure retries with
//! exponential backoff and jitter until `mail_max_attempts`, then marks the row `failed`.
//! It also turns held notifications into one daily digest per user.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::Connection;
use rand::Rng;
use tokio::sync::watch;

use super::compose::Composer;
use super::transport::MailTransport;
use crate::config::Settings;
use crate::db::{DbConnection, DbPool};
use crate::domain::time::now;
use crate::repo::outbox::{self, OutboxRow};
use crate::services::mail_queue::{self, QueuedMail};

pub const MAIL_DIGEST: &str = "digest";
const BATCH: i64 = 20;

pub struct MailWorker {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    pub templates: Arc<tera::Tera>,
    pub transport: MailTransport,
}

/// Stops the worker when dropped or told to.
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    done: tokio::sync::oneshot::Receiver<()>,
}

impl WorkerHandle {
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }

    /// Stops the worker and waits, at most `bound`, for it to finish the delivery in hand: it
    /// claims nothing more, so it leaves no lease held and the other instances (or the next
    /// start) send the rest. Whether it finished in time.
    pub async fn stop_and_wait(self, bound: Duration) -> bool {
        self.stop();
        tokio::time::timeout(bound, self.done).await.is_ok()
    }
}

impl MailWorker {
    pub fn spawn(self) -> WorkerHandle {
        let (tx, mut rx) = watch::channel(false);
        let (done_tx, done) = tokio::sync::oneshot::channel();
        actix_web::rt::spawn(async move {
            let worker = Arc::new(self);
            loop {
                if let Err(e) = worker.clone().round(Some(&rx)).await {
                    tracing::warn!("mail worker: {e}");
                }
                tokio::select! {
                    _ = tokio::time::sleep(worker.settings.mail_poll_interval) => {}
                    changed = rx.changed() => {
                        if changed.is_err() || *rx.borrow() {
                            break;
                        }
                    }
                }
            }
            tracing::info!("mail worker stopped");
            let _ = done_tx.send(());
        });
        WorkerHandle { stop: tx, done }
    }

    /// Runs `f` off the async workers. While the database is away this fails (the loop logs
    /// it and polls again); a connection found lost is closed, not lent again.
    async fn db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> diesel::QueryResult<T> + Send + 'static,
    ) -> Result<T, String> {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            f(&mut conn).map_err(|e| {
                if crate::db::is_connection_lost(&e) {
                    conn.mark_broken();
                }
                e.to_string()
            })
        })
        .await
        .map_err(|e| e.to_string())?
    }

    /// One round: digests that are due, then every due row.
    pub async fn tick(self: Arc<Self>) -> Result<(), String> {
        self.round(None).await
    }

    /// A round that ends early, before claiming the next row, once `stop` says so.
    async fn round(self: Arc<Self>, stop: Option<&watch::Receiver<bool>>) -> Result<(), String> {
        let interval =
            chrono::Duration::from_std(self.settings.digest_interval).map_err(|e| e.to_string())?;
        self.db(move |conn| make_digests(conn, interval)).await?;
        let ids = self.db(|conn| outbox::due_ids(conn, now(), BATCH)).await?;
        for id in ids {
            if stop.is_some_and(|s| *s.borrow()) {
                break;
            }
            self.deliver(id).await?;
        }
        Ok(())
    }

    async fn deliver(&self, id: String) -> Result<(), String> {
        // Longer than a send may take, so a lease never runs out under a live sender.
        let lease = self.settings.mail_timeout * 2 + Duration::from_secs(30);
        let lease = chrono::Duration::from_std(lease).map_err(|e| e.to_string())?;
        let claim_id = id.clone();
        let Some(row) = self
            .db(move |conn| {
                let now = now();
                outbox::claim(conn, &claim_id, now, now + lease)
            })
            .await?
        else {
            return Ok(());
        };
        let composer = Composer {
            templates: &self.templates,
            from: &self.settings.mail_from,
            public_url: &self.settings.public_url,
        };
        let result = match composer.compose(&row) {
            Ok(message) => self
                .transport
                .send(message, &row.id, self.settings.mail_timeout)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        let next = match &result {
            Ok(()) => None,
            Err(_) => self.next_attempt(&row),
        };
        if let Err(e) = &result {
            tracing::warn!(outbox = %row.id, attempt = row.attempts + 1, "mail not sent: {e}");
            crate::metrics::METRICS.mail_failed();
        }
        self.db(move |conn| {
            match result {
                Ok(()) => outbox::mark_sent(conn, &row.id, now()),
                Err(e) => outbox::mark_attempt_failed(conn, &row.id, &e, next),
            }
            .map(|_| ())
        })
        .await
    }

    /// `base * 2^attempts`, capped at an hour, plus up to 25 % jitter so instances that failed
    /// together do not retry together; `None` once the attempts are used up.
    fn next_attempt(&self, row: &OutboxRow) -> Option<NaiveDateTime> {
        let attempts = row.attempts as u32 + 1;
        if attempts >= self.settings.mail_max_attempts {
            return None;
        }
        let base = self.settings.mail_retry_base.as_millis() as u64;
        let delay = base
            .saturating_mul(1u64 << attempts.saturating_sub(1).min(20))
            .min(3_600_000);
        let jitter = rand::thread_rng().gen_range(0..=delay / 4);
        Some(now() + chrono::Duration::milliseconds((delay + jitter) as i64))
    }
}

/// For every user whose daily digest is due, folds their held notifications into one mail.
pub fn make_digests(
    conn: &mut DbConnection,
    interval: chrono::Duration,
) -> diesel::QueryResult<usize> {
    let mut made = 0;
    for user_id in outbox::users_with_held(conn)? {
        made += conn.transaction::<_, diesel::result::Error, _>(|conn| {
            let now = now();
            if !outbox::take_digest_turn(conn, &user_id, now, now - interval)? {
                return Ok(0);
            }
            let held = outbox::held_for(conn, &user_id)?;
            let ids: Vec<String> = held.iter().map(|r| r.id.clone()).collect();
            outbox::mark_digested(conn, &ids)?;
            let Some((email, language, active)) = outbox::address_of(conn, &user_id)? else {
                return Ok(0);
            };
            if !active || held.is_empty() {
                return Ok(0);
            }
            let mut threads: Vec<String> = Vec::new();
            for row in &held {
                let payload: serde_json::Value =
                    serde_json::from_str(&row.payload).unwrap_or_default();
                if let Some(t) = payload["thread_id"].as_str() {
                    if !threads.iter().any(|x| x == t) {
                        threads.push(t.to_string());
                    }
                }
            }
            let language = language
                .filter(|l| crate::i18n::is_supported(l))
                .unwrap_or_else(|| "en".into());
            mail_queue::queue(
                conn,
                QueuedMail {
                    recipient_user_id: Some(&user_id),
                    to_address: &email,
                    template: MAIL_DIGEST,
                    language: &language,
                    payload: serde_json::json!({
                        "count": held.len(),
                        "threads": threads.len(),
                    }),
                    hold_for_digest: false,
                },
                now,
            )?;
            Ok(1)
        })?;
    }
    Ok(made)
}
