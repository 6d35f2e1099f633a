//! Reading the audit trail (administrators): a filtered, newest-first list and a CSV export.
//! The export is itself audited.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::access::admin::{admin_only, AdminTask};
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::time::UtcTime;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::{self, page_item, Page, PageParams, PageSize};
use crate::repo::audit::{self as repo, ActionMatch, AuditEntry, AuditFilter, TargetMatch};
use crate::services::admin::filter_text;
use crate::services::audit::{self, Event};

#[derive(Debug, Default, Clone, Serialize)]
pub struct AuditQuery {
    /// The actor's e-mail address (any case).
    pub actor: Option<String>,
    /// An action (`user.invite`), or every action under a prefix ending with `.` (`user.`).
    pub action: Option<String>,
    /// `type:id`, or a value that is either a type (`document`) or an id.
    pub target: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    #[serde(skip)]
    pub page: PageParams,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    pub at: UtcTime,
    pub actor_id: Option<String>,
    pub actor_email: Option<String>,
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    pub outcome: String,
    #[schema(value_type = Option<Object>)]
    pub details: Option<serde_json::Value>,
}

impl From<AuditEntry> for AuditEntryView {
    fn from(e: AuditEntry) -> Self {
        AuditEntryView {
            details: e.details.as_deref().map(|d| {
                serde_json::from_str(d).unwrap_or_else(|_| serde_json::Value::String(d.into()))
            }),
            seq: e.seq,
            at: e.at.into(),
            actor_id: e.actor_id,
            actor_email: e.actor_email,
            action: e.action,
            target_type: e.target_type,
            target_id: e.target_id,
            ip: e.ip,
            outcome: e.outcome,
        }
    }
}

page_item!(pub type AuditPage = Page<AuditEntryView>);

fn date(value: &Option<String>) -> AppResult<Option<NaiveDate>> {
    filter_text(value, 10)?
        .map(|d| {
            NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                AppError::invalid(ErrorCode::InvalidDate, "dates are written YYYY-MM-DD")
            })
        })
        .transpose()
}

pub fn filter_from(query: &AuditQuery) -> AppResult<AuditFilter> {
    let action = filter_text(&query.action, 100)?.map(|a| {
        if a.ends_with('.') {
            ActionMatch::Prefix(a)
        } else {
            ActionMatch::Exactly(a)
        }
    });
    let target = filter_text(&query.target, 200)?.map(|target| match target.split_once(':') {
        Some((kind, id)) => TargetMatch::Exactly {
            target_type: kind.to_string(),
            target_id: id.to_string(),
        },
        None => TargetMatch::TypeOrId(target),
    });
    let midnight = |d: NaiveDate| d.and_time(chrono::NaiveTime::MIN);
    Ok(AuditFilter {
        actor_email_lower: filter_text(&query.actor, 320)?.map(|e| e.to_lowercase()),
        action,
        target,
        from: date(&query.from)?.map(midnight),
        until: date(&query.to)?.and_then(|d| d.succ_opt()).map(midnight),
    })
}

pub fn search(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: AuditQuery,
) -> AppResult<AuditPage> {
    admin_only(&user.actor(), AdminTask::AuditLog)?;
    let filter = filter_from(&query)?;
    let limit = query.page.limit(PageSize {
        default: 50,
        max: 200,
    });
    // The cursor is the sequence number of the last entry of the page before.
    let before = match pagination::decode_seek::<i64>(query.page.cursor())? {
        Some(seq) if seq < 1 => return Err(pagination::invalid_cursor()),
        other => other,
    };
    crate::services::audit::settle(conn)?;
    let rows = repo::search(conn, &filter, before, limit + 1)?;
    let page = Page::cut(rows, limit, |e| pagination::encode_seek(e.seq));
    Ok(page.map(AuditEntryView::from))
}

/// Every matching entry as CSV, newest first; the export is audited.
pub fn export_csv(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    query: AuditQuery,
) -> AppResult<String> {
    admin_only(&user.actor(), AdminTask::AuditLog)?;
    let filter = filter_from(&query)?;
    crate::services::audit::settle(conn)?;
    let cell = crate::services::spreadsheet::cell;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "seq",
        "at",
        "actor_email",
        "action",
        "target_type",
        "target_id",
        "ip",
        "outcome",
        "details",
    ])
    .map_err(AppError::internal)?;
    let mut before = None;
    let mut count = 0usize;
    loop {
        let rows = repo::search(conn, &filter, before, 1000)?;
        let Some(last) = rows.last() else { break };
        before = Some(last.seq);
        for e in rows {
            out.write_record([
                e.seq.to_string(),
                UtcTime(e.at).to_string(),
                cell(e.actor_email.as_deref().unwrap_or("")),
                cell(&e.action),
                cell(e.target_type.as_deref().unwrap_or("")),
                cell(e.target_id.as_deref().unwrap_or("")),
                cell(e.ip.as_deref().unwrap_or("")),
                cell(&e.outcome),
                cell(e.details.as_deref().unwrap_or("")),
            ])
            .map_err(AppError::internal)?;
            count += 1;
        }
    }
    let event = Event::by("audit.export", user, ip)
        .details(serde_json::json!({"rows": count, "filters": query}));
    audit::record_read(conn, event)?;
    String::from_utf8(out.into_inner().map_err(AppError::internal)?).map_err(AppError::internal)
}
