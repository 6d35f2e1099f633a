//! The 3W ("who does what where") export: one row per visible project, State it lists and
//! thematic area, with the HXL hashtags on the second row so humanitarian tools read it.
//! Regional and global projects name no State: one row per area, the country code blank and
//! the name their regions (or "Global"). Every text cell is neutralised against formulas.

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::repo::coordination as repo;
use crate::services::audit::{self, Event};
use crate::services::spreadsheet::cell as csv_cell;

use super::scope;

const HEADER: [&str; 8] = [
    "Country code",
    "Country",
    "Thematic area",
    "Organisation",
    "Project",
    "Status",
    "Start",
    "End",
];

const HXL: [&str; 8] = [
    "#country+code",
    "#country+name",
    "#sector",
    "#org+impl",
    "#activity+project",
    "#status",
    "#date+start",
    "#date+end",
];

/// The 3W CSV of every project the caller may see (audited as an export).
pub fn export_3w(conn: &mut DbConnection, user: &CurrentUser, ip: &str) -> AppResult<String> {
    let rows = repo::three_w_rows(conn, &scope(user).projects)?;
    let names = repo::organisation_names(conn)?;
    let unlisted: Vec<&str> = rows
        .iter()
        .filter(|r| r.state_id.is_none())
        .map(|r| r.project_id.as_str())
        .collect();
    let regions = repo::regions_of(conn, &unlisted)?;
    let none = (String::new(), String::new());
    let mut records: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            let (code, name) = match &r.state_id {
                Some(id) => names.get(id).cloned().unwrap_or_else(|| none.clone()),
                None => (
                    String::new(),
                    regions
                        .get(&r.project_id)
                        .map(|g| g.join("; "))
                        .unwrap_or_else(|| "Global".into()),
                ),
            };
            let owner = names.get(&r.owner_org_id).map_or("", |o| o.0.as_str());
            [
                code,
                name,
                r.thematic_area.clone(),
                owner.to_string(),
                r.title.clone(),
                r.status.to_string(),
                r.starts_on.to_string(),
                r.ends_on.to_string(),
            ]
        })
        .collect();
    // Listed States first by code, then regional and global rows; then area and project.
    records.sort_by(|x, y| {
        (x[0].is_empty(), &x[0], &x[1], &x[2], &x[4]).cmp(&(
            y[0].is_empty(),
            &y[0],
            &y[1],
            &y[2],
            &y[4],
        ))
    });
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADER).map_err(AppError::internal)?;
    out.write_record(HXL).map_err(AppError::internal)?;
    for record in &records {
        let cells: Vec<String> = record.iter().map(|c| csv_cell(c)).collect();
        out.write_record(&cells).map_err(AppError::internal)?;
    }
    let event = Event::by("coordination.export_3w", user, ip)
        .details(serde_json::json!({"rows": records.len()}));
    audit::record_read(conn, event)?;
    String::from_utf8(out.into_inner().map_err(AppError::internal)?).map_err(AppError::internal)
}
