//! Every project the caller may see matching the filters, as CSV.

use super::types::{AppliesBy, ProjectQuery};
use super::{filter_from, scope, views::views_of};
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::error::{AppError, AppResult};
use crate::repo::projects as repo;
use crate::services::audit::{self, Event};
use crate::services::needs::csv_cell;

const HEADER: [&str; 19] = [
    "id",
    "organisation",
    "title",
    "description",
    "programme",
    "status",
    "iati_status",
    "visibility",
    "thematic_areas",
    "member_states",
    "regions",
    "applies_by",
    "starts_on",
    "ends_on",
    "budget_amount",
    "budget_currency",
    "partners",
    "created_at",
    "updated_at",
];

/// The CSV of every visible project matching the filters (lists joined with `;`); the export
/// is audited.
pub fn export_csv(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    query: ProjectQuery,
) -> AppResult<String> {
    let scope = scope(user);
    let filter = filter_from(conn, &query)?;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADER).map_err(AppError::internal)?;
    let mut after = None;
    let mut count = 0usize;
    loop {
        let rows = repo::list(conn, &scope, &filter, after.clone(), 1000)?;
        let Some(last) = rows.last() else { break };
        after = Some((last.created_at, last.id.clone()));
        for v in views_of(conn, rows, filter.state.as_ref())? {
            let applies_by = match v.applies_by {
                Some(AppliesBy::State) => "state",
                Some(AppliesBy::Region) => "region",
                Some(AppliesBy::Global) => "global",
                None => "",
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
                csv_cell(v.programme.as_deref().unwrap_or("")),
                v.status.to_string(),
                v.iati_status.to_string(),
                v.visibility.to_string(),
                csv_cell(&v.thematic_areas.join(";")),
                v.member_states.join(";"),
                csv_cell(&v.regions.join(";")),
                applies_by.to_string(),
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
    write_transaction::<_, AppError, _>(conn, |conn| Ok(audit::record(conn, event)?))?;
    String::from_utf8(out.into_inner().map_err(AppError::internal)?).map_err(AppError::internal)
}
