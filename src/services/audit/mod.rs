//! The tamper-evident audit trail: every entry stores the hash of the one before it, so
//! editing, deleting or inserting an entry breaks the chain at that point; `portal audit
//! verify` finds it. The table also refuses UPDATE and DELETE (triggers).

use diesel::connection::SimpleConnection;
use diesel::QueryResult;
use sha2::{Digest, Sha256};

use crate::db::{self, DbConnection};
use crate::domain::time::now;
pub use crate::domain::values::Outcome;
use crate::repo::audit::{self as repo, AuditEntry};

mod reads;
mod spool;
pub use reads::record_read;
pub use spool::settle;

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Names the PostgreSQL advisory lock that orders appends.
const CHAIN_LOCK_KEY: i64 = 0x0061_7564_6974;

/// One thing that happened, before it is chained.
#[derive(Debug, Clone, Default)]
pub struct Event {
    pub actor_id: Option<String>,
    pub actor_email: Option<String>,
    pub action: &'static str,
    pub target_type: Option<&'static str>,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    pub outcome: Option<Outcome>,
    pub details: Option<serde_json::Value>,
}

impl Event {
    pub fn new(action: &'static str) -> Self {
        Event {
            action,
            ..Default::default()
        }
    }

    /// `action` by the signed-in `user`, from `ip`.
    pub fn by(action: &'static str, user: &crate::auth::CurrentUser, ip: &str) -> Self {
        Event::new(action).actor(&user.id, &user.email).ip(ip)
    }

    pub fn actor(mut self, id: &str, email: &str) -> Self {
        self.actor_id = Some(id.to_string());
        self.actor_email = Some(email.to_string());
        self
    }

    pub fn target(mut self, kind: &'static str, id: &str) -> Self {
        self.target_type = Some(kind);
        self.target_id = Some(id.to_string());
        self
    }

    pub fn ip(mut self, ip: &str) -> Self {
        self.ip = Some(ip.to_string());
        self
    }

    pub fn outcome(mut self, outcome: Outcome) -> Self {
        self.outcome = Some(outcome);
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }
}

pub fn entry_hash(e: &AuditEntry) -> String {
    let canonical = serde_json::json!([
        e.prev_hash,
        e.seq,
        e.at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
        e.actor_id,
        e.actor_email,
        e.action,
        e.target_type,
        e.target_id,
        e.ip,
        e.outcome,
        e.details,
    ]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// Whether a value from a request's path is fit to be written in the trail as the target of
/// a refused read: short and without control characters (anything else is noise or an attack,
/// and is refused without an entry).
fn printable(id: &str) -> bool {
    id.len() <= 64 && !id.chars().any(char::is_control)
}

/// Records a read refused as missing (`Outcome::Denied`, through [`record_read`]) when the id
/// asked for is [`printable`]; the caller then answers 404, denied and missing alike.
pub fn record_refused_read(conn: &mut DbConnection, event: Event, id: &str) -> QueryResult<()> {
    if printable(id) {
        record_read(conn, event.outcome(Outcome::Denied))?;
    }
    Ok(())
}

/// Appends an entry, in the caller's transaction when there is one (so the entry commits or
/// rolls back with the change it records). A read recorded on its own goes through
/// [`record_read`], which commits concurrent reads together.
pub fn record(conn: &mut DbConnection, event: Event) -> QueryResult<i64> {
    record_pending(conn, event.into())
}

fn record_pending(conn: &mut DbConnection, entry: Pending) -> QueryResult<i64> {
    db::write_transaction(conn, |conn| {
        let mut chain = Chain::lock(conn)?;
        chain.append(conn, entry)
    })
}

/// The end of the chain, inside a write transaction that holds the right to append (on
/// PostgreSQL an advisory lock, as several processes may append; on SQLite the write lock).
struct Chain {
    seq: i64,
    hash: String,
}

impl Chain {
    fn lock(conn: &mut DbConnection) -> QueryResult<Chain> {
        if let DbConnection::Postgresql(_) = conn {
            conn.batch_execute(&format!("SELECT pg_advisory_xact_lock({CHAIN_LOCK_KEY})"))?;
        }
        let (seq, hash) = repo::last(conn)?.unwrap_or((0, GENESIS.to_string()));
        Ok(Chain { seq, hash })
    }

    /// Chains and inserts `entry`; its sequence number.
    fn append(&mut self, conn: &mut DbConnection, entry: Pending) -> QueryResult<i64> {
        let seq = self.seq + 1;
        let mut entry = AuditEntry {
            seq,
            at: entry.at,
            actor_id: entry.actor_id,
            actor_email: entry.actor_email,
            action: entry.action,
            target_type: entry.target_type,
            target_id: entry.target_id,
            ip: entry.ip,
            outcome: entry.outcome,
            details: entry.details,
            prev_hash: std::mem::take(&mut self.hash),
            hash: String::new(),
        };
        entry.hash = entry_hash(&entry);
        repo::insert(conn, &entry)?;
        self.seq = seq;
        self.hash = entry.hash;
        Ok(seq)
    }
}

/// An entry as it will be chained: the event, its time and its outcome, without its place in
/// the chain. A read's entry waits as one in the spool (SQLite, [`spool`]).
#[derive(Debug, Clone, PartialEq, diesel::Queryable)]
struct Pending {
    at: chrono::NaiveDateTime,
    actor_id: Option<String>,
    actor_email: Option<String>,
    action: String,
    target_type: Option<String>,
    target_id: Option<String>,
    ip: Option<String>,
    outcome: String,
    details: Option<String>,
}

impl From<Event> for Pending {
    /// Stamped now: now() keeps microseconds, as PostgreSQL does, so the hash survives a
    /// round trip.
    fn from(event: Event) -> Pending {
        Pending {
            at: now(),
            actor_id: event.actor_id,
            actor_email: event
                .actor_email
                .map(|e| e.chars().filter(|c| !c.is_control()).take(320).collect()),
            action: event.action.to_string(),
            target_type: event.target_type.map(str::to_string),
            target_id: event.target_id,
            ip: event.ip,
            outcome: event.outcome.unwrap_or(Outcome::Success).to_string(),
            details: event.details.map(|d| d.to_string()),
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verification {
    Intact { entries: i64 },
    Broken { seq: i64, reason: String },
}

/// Walks the whole chain in order, in batches (reads waiting in the spool chained first).
pub fn verify(conn: &mut DbConnection) -> QueryResult<Verification> {
    settle(conn)?;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS.to_string();
    loop {
        let batch = repo::batch_after(conn, expected_seq - 1, 1000)?;
        if batch.is_empty() {
            return Ok(Verification::Intact {
                entries: expected_seq - 1,
            });
        }
        for entry in batch {
            if entry.seq != expected_seq {
                return Ok(Verification::Broken {
                    seq: expected_seq,
                    reason: format!("entry {expected_seq} is missing (next is {})", entry.seq),
                });
            }
            if entry.prev_hash != prev_hash {
                return Ok(Verification::Broken {
                    seq: entry.seq,
                    reason: "its link to the previous entry does not match".into(),
                });
            }
            if entry_hash(&entry) != entry.hash {
                return Ok(Verification::Broken {
                    seq: entry.seq,
                    reason: "its content does not match its hash".into(),
                });
            }
            prev_hash = entry.hash;
            expected_seq += 1;
        }
    }
}

/// The newest entry's id and hash: kept outside the database, it shows whether entries were
/// lost from the end of the chain, which the chain alone cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub seq: i64,
    pub hash: String,
}

impl std::fmt::Display for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl Anchor {
    /// `ID:HASH`, as `portal audit anchor` prints it.
    pub fn parse(text: &str) -> Result<Anchor, String> {
        let bad =
            || format!("the anchor {text:?} is not ID:HASH (as `portal audit anchor` prints it)");
        let (seq, hash) = text.trim().split_once(':').ok_or_else(bad)?;
        let seq = seq.parse::<i64>().ok().filter(|s| *s > 0).ok_or_else(bad)?;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Anchor {
            seq,
            hash: hash.to_ascii_lowercase(),
        })
    }
}

/// The newest entry, if any.
pub fn anchor(conn: &mut DbConnection) -> QueryResult<Option<Anchor>> {
    settle(conn)?;
    Ok(repo::last(conn)?.map(|(seq, hash)| Anchor { seq, hash }))
}

/// `Ok(Err(problem))` when the anchored entry is gone or differs.
pub fn check_anchor(conn: &mut DbConnection, anchor: &Anchor) -> QueryResult<Result<(), String>> {
    settle(conn)?;
    let found = repo::batch_after(conn, anchor.seq - 1, 1)?;
    Ok(match found.first() {
        Some(entry) if entry.seq == anchor.seq && entry.hash == anchor.hash => Ok(()),
        Some(entry) if entry.seq == anchor.seq => Err(format!(
            "entry {} differs from the anchor (its hash is {})",
            anchor.seq, entry.hash
        )),
        _ => Err(format!(
            "entry {} of the anchor is gone: entries were lost from the end",
            anchor.seq
        )),
    })
}
