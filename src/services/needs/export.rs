//! Every visible need matching the filters, as CSV (audited): column ids and codes for a
//! program, the reader's words for a person (see `services::spreadsheet`).

use super::types::need_view;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::l10n::RefList;
use crate::pagination::Keyset;
use crate::repo::needs as repo;
use crate::repo::needs::NeedQuery;
use crate::services::audit::{self, Event};
use crate::services::content;
use crate::services::spreadsheet::{cell, Reader};

/// Each column's id (the API's header) and message (a person's header).
const COLUMNS: [(&str, &str); 11] = [
    ("id", "csv-id"),
    ("member_state", "csv-member-state-code"),
    ("member_state_name", "field-member-state"),
    ("title", "field-title"),
    ("description", "field-description"),
    ("thematic_area", "field-thematic-area"),
    ("priority", "field-priority"),
    ("status", "field-status"),
    ("restricted", "restricted"),
    ("report_id", "csv-report-id"),
    ("created_at", "csv-created-at"),
];

pub fn export_csv(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    query: NeedQuery,
    reader: Reader,
) -> AppResult<String> {
    content::check_region(query.region.as_deref())?;
    let scope = content::scope(user);
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(reader.header(&COLUMNS))
        .map_err(AppError::internal)?;
    let mut after = None;
    let mut count = 0usize;
    loop {
        let rows = repo::list(conn, &scope, &query, &Keyset::Default(after.clone()), 1000)?;
        let Some((last, _)) = rows.last() else { break };
        after = Some((last.created_at, last.id.clone()));
        for (need, state) in rows {
            let view = need_view(need, state);
            let state_name = match reader {
                Reader::Program => view.member_state_name.clone(),
                Reader::Person(_) => reader.named(RefList::State, &view.member_state),
            };
            let record = [
                cell(&view.id),
                cell(&view.member_state),
                cell(&state_name),
                cell(&view.title),
                cell(&view.description),
                cell(&reader.named(RefList::ThematicArea, &view.thematic_area)),
                reader.word("priority-", &view.priority),
                reader.word("need-status-", &view.status),
                reader.yes_no(view.restricted),
                cell(view.report_id.as_deref().unwrap_or("")),
                view.created_at.to_string(),
            ];
            out.write_record(&record).map_err(AppError::internal)?;
            count += 1;
        }
    }
    let details = serde_json::json!({"rows": count, "filters": {
        "member_state": query.member_state, "region": query.region, "thematic_area": query.thematic_area,
        "priority": query.priority, "status": query.status, "text": query.text,
    }});
    let event = Event::by("needs.export", user, ip).details(details);
    audit::record_read(conn, event)?;
    String::from_utf8(out.into_inner().map_err(AppError::internal)?).map_err(AppError::internal)
}
