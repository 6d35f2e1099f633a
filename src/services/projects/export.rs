//! Every project the caller may see matching the filters, as CSV.

use super::types::{AppliesBy, ProjectQuery};
use super::{filter_from, scope, views::views_of};
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::l10n::RefList;
use crate::pagination::Keyset;
use crate::repo::projects as repo;
use crate::services::audit::{self, Event};
use crate::services::spreadsheet::{cell as csv_cell, Reader};

/// Each column's id (the API's header) and message (a person's header).
const COLUMNS: [(&str, &str); 19] = [
    ("id", "csv-id"),
    ("organisation", "field-owner"),
    ("title", "field-title"),
    ("description", "field-description"),
    ("programme", "field-programme"),
    ("status", "field-status"),
    ("iati_status", "csv-iati-status"),
    ("visibility", "field-visibility"),
    ("thematic_areas", "field-thematic-areas"),
    ("member_states", "field-member-states"),
    ("regions", "field-regions"),
    ("applies_by", "csv-applies-by"),
    ("starts_on", "field-starts-on"),
    ("ends_on", "field-ends-on"),
    ("budget_amount", "field-budget"),
    ("budget_currency", "field-currency"),
    ("partners", "field-partners"),
    ("created_at", "csv-created-at"),
    ("updated_at", "field-updated"),
];

/// The CSV of every visible project matching the filters (lists joined with `;`), for a
/// program or a person (`services::spreadsheet`); the export is audited.
pub fn export_csv(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    query: ProjectQuery,
    reader: Reader,
) -> AppResult<String> {
    let scope = scope(user);
    let filter = filter_from(conn, &query)?;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(reader.header(&COLUMNS))
        .map_err(AppError::internal)?;
    let mut after = None;
    let mut count = 0usize;
    loop {
        let rows = repo::list(conn, &scope, &filter, &Keyset::Default(after.clone()), 1000)?;
        let Some(last) = rows.last() else { break };
        after = Some((last.created_at, last.id.clone()));
        for v in views_of(conn, rows, filter.state.as_ref())? {
            let applies_by = match v.applies_by {
                Some(AppliesBy::State) => reader.word("project-applies-", "state"),
                Some(AppliesBy::Region) => reader.word("project-applies-", "region"),
                Some(AppliesBy::Global) => reader.word("project-applies-", "global"),
                None => String::new(),
            };
            let names = |list: RefList, keys: &[String]| {
                let names: Vec<String> = keys.iter().map(|k| reader.named(list, k)).collect();
                csv_cell(&names.join(";"))
            };
            let (amount, currency) = match &v.budget {
                Some(b) => (format!("{:.2}", b.amount), b.currency.clone()),
                None => (String::new(), String::new()),
            };
            let record = [
                csv_cell(&v.id),
                csv_cell(&v.organisation),
                csv_cell(&v.title),
                csv_cell(&v.description),
                csv_cell(
                    &v.programme
                        .as_deref()
                        .map(|p| reader.named(RefList::Programme, p))
                        .unwrap_or_default(),
                ),
                reader.word("project-status-", &v.status.to_string()),
                v.iati_status.to_string(),
                reader.word("project-visibility-", &v.visibility.to_string()),
                names(RefList::ThematicArea, &v.thematic_areas),
                v.member_states.join(";"),
                csv_cell(&v.regions.join(";")),
                applies_by,
                v.starts_on.to_string(),
                v.ends_on.to_string(),
                amount,
                currency,
                csv_cell(&v.partners.join(";")),
                v.created_at.to_string(),
                v.updated_at.to_string(),
            ];
            out.write_record(&record).map_err(AppError::internal)?;
            count += 1;
        }
    }
    let details = serde_json::json!({"rows": count, "filters": {
        "member_state": query.member_state, "thematic_area": query.thematic_area,
        "organisation": query.organisation, "programme": query.programme,
        "status": query.status, "text": query.text,
    }});
    let event = Event::by("projects.export", user, ip).details(details);
    audit::record_read(conn, event)?;
    String::from_utf8(out.into_inner().map_err(AppError::internal)?).map_err(AppError::internal)
}
