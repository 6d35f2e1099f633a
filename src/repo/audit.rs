//! The audit trail's table: appended to, read back in order, never changed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::audit_log::dsl as a;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = crate::db::schema::audit_log)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub actor_email: Option<String>,
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    pub outcome: String,
    pub details: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

pub fn last(conn: &mut DbConnection) -> QueryResult<Option<(i64, String)>> {
    a::audit_log
        .select((a::seq, a::hash))
        .order(a::seq.desc())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, entry: &AuditEntry) -> QueryResult<usize> {
    diesel::insert_into(a::audit_log)
        .values(entry)
        .execute(conn)
}

/// Entries after `after_seq`, oldest first.
pub fn batch_after(
    conn: &mut DbConnection,
    after_seq: i64,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    a::audit_log
        .filter(a::seq.gt(after_seq))
        .order(a::seq.asc())
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(conn)
}

/// The latest entries about one target with one action, newest first.
pub fn for_target(
    conn: &mut DbConnection,
    target_type: &str,
    target_id: &str,
    action: &str,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    a::audit_log
        .filter(a::target_type.eq(target_type))
        .filter(a::target_id.eq(target_id))
        .filter(a::action.eq(action))
        .order(a::seq.desc())
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(conn)
}

/// Which actions an audit search keeps.
#[derive(Debug, Clone)]
pub enum ActionMatch {
    Exactly(String),
    /// Every action that starts with it (it ends with `.`).
    Prefix(String),
}

/// Which targets an audit search keeps.
#[derive(Debug, Clone)]
pub enum TargetMatch {
    Exactly {
        target_type: String,
        target_id: String,
    },
    /// A value given without `type:`: the entries whose target type or target id it is.
    TypeOrId(String),
}

/// What the audit log may be searched by; every field is optional.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    /// Lowered e-mail address of the actor.
    pub actor_email_lower: Option<String>,
    pub action: Option<ActionMatch>,
    pub target: Option<TargetMatch>,
    /// From this time on (inclusive) …
    pub from: Option<NaiveDateTime>,
    /// … and before this one (exclusive).
    pub until: Option<NaiveDateTime>,
}

/// Matching entries before `before_seq`, newest first.
pub fn search(
    conn: &mut DbConnection,
    filter: &AuditFilter,
    before_seq: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let mut q = a::audit_log.select(AuditEntry::as_select()).into_boxed();
    if let Some(email) = &filter.actor_email_lower {
        q = q.filter(crate::repo::lower(a::actor_email.assume_not_null()).eq(email.clone()));
    }
    match &filter.action {
        Some(ActionMatch::Exactly(action)) => q = q.filter(a::action.eq(action.clone())),
        Some(ActionMatch::Prefix(prefix)) => {
            let pattern = format!("{}%", crate::repo::escape_like(prefix));
            q = q.filter(a::action.like(pattern).escape('\\'));
        }
        None => {}
    }
    match &filter.target {
        Some(TargetMatch::Exactly {
            target_type,
            target_id,
        }) => {
            q = q
                .filter(a::target_type.eq(target_type.clone()))
                .filter(a::target_id.eq(target_id.clone()));
        }
        Some(TargetMatch::TypeOrId(v)) => {
            q = q.filter(a::target_type.eq(v.clone()).or(a::target_id.eq(v.clone())));
        }
        None => {}
    }
    if let Some(from) = filter.from {
        q = q.filter(a::at.ge(from));
    }
    if let Some(until) = filter.until {
        q = q.filter(a::at.lt(until));
    }
    if let Some(seq) = before_seq {
        q = q.filter(a::seq.lt(seq));
    }
    q.order(a::seq.desc()).limit(limit).load(conn)
}
