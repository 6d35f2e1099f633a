//! Visit reports: create and edit drafts, publish, versioned edits after publication, reads
//! through the access policy, each read written to the audit trail.

use chrono::NaiveDate;
use diesel::{Connection, QueryResult};

use crate::access::reports::ReportScope;
use crate::auth::tokens::new_id;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::policy::Consent;
use crate::domain::time::now;
use crate::domain::values::ReportStatus::{self, Published};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::needs as needs_repo;
use crate::repo::reports::{self as repo, Report, ReportVersion, Section, StateRef};
use crate::services::audit::{self, Event};
use crate::services::content::{self, block, check_programme, line, require_editor};

mod history;
mod lists;
mod types;
pub use history::{readers, versions};
pub use lists::{count, kept_page, list, KeptReportPage, ReportLists};
pub use types::*;

fn check_date(date: NaiveDate) -> AppResult<NaiveDate> {
    use chrono::Datelike;
    if (1990..=2100).contains(&date.year()) {
        Ok(date)
    } else {
        Err(AppError::invalid(
            ErrorCode::InvalidField,
            "visit_date must be between 1990 and 2100",
        ))
    }
}

struct CheckedSection {
    id: Option<String>,
    heading: String,
    body: String,
    consent: Consent,
}

fn check_sections(sections: &[SectionInput]) -> AppResult<Vec<CheckedSection>> {
    if sections.len() > MAX_SECTIONS {
        return Err(AppError::invalid(
            ErrorCode::InvalidField,
            format!("a report has at most {MAX_SECTIONS} sections"),
        ));
    }
    sections
        .iter()
        .map(|s| {
            Ok(CheckedSection {
                id: s.id.clone(),
                heading: line("heading", &s.heading, 300)?,
                body: block("body", &s.body, 100_000)?,
                consent: s.consent,
            })
        })
        .collect()
}

pub fn create(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    input: NewReport,
) -> AppResult<ReportView> {
    require_editor(user)?;
    let title = line("title", &input.title, 300)?;
    let summary = block("summary", &input.summary, 20_000)?;
    let programme = check_programme(input.programme.as_deref())?;
    let visit_date = check_date(input.visit_date)?;
    let sections = check_sections(&input.sections)?;
    if sections.iter().any(|s| s.id.is_some()) {
        return Err(AppError::invalid(
            ErrorCode::InvalidField,
            "new sections have no id",
        ));
    }
    write_transaction(conn, |conn| {
        let state = content::member_state(conn, &input.member_state)?;
        let now = now();
        let report = Report {
            id: new_id(),
            member_state_id: state.id.clone(),
            title,
            visit_date,
            summary,
            programme,
            status: ReportStatus::Draft,
            version: 1,
            created_by: user.id.clone(),
            created_at: now,
            updated_at: now,
            published_at: None,
        };
        repo::insert(conn, &report)?;
        for (i, s) in sections.into_iter().enumerate() {
            repo::insert_section(
                conn,
                &Section {
                    id: new_id(),
                    report_id: report.id.clone(),
                    position: i as i32 + 1,
                    heading: s.heading,
                    body: s.body,
                    consent: s.consent,
                },
            )?;
        }
        audit::record(conn, event(user, ip, "report.create", &report.id))?;
        let sections = repo::all_sections(conn, &report.id)?;
        Ok(report_view(report, StateRef::from(state), sections))
    })
}

fn event(user: &CurrentUser, ip: &str, action: &'static str, report_id: &str) -> Event {
    Event::by(action, user, ip).target("report", report_id)
}

/// Editors see every report; for anyone else an edit attempt is 404 on what they cannot see
/// and 403 on what they can.
fn editable(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: &str,
) -> AppResult<(Report, StateRef)> {
    let scope = content::scope(user);
    let found = repo::find_visible(conn, &scope, id)?.ok_or(AppError::NotFound)?;
    require_editor(user)?;
    Ok(found)
}

pub fn update(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    patch: ReportPatch,
) -> AppResult<ReportView> {
    write_transaction(conn, |conn| {
        let (mut report, state) = editable(conn, user, id)?;
        let old_sections = repo::all_sections(conn, &report.id)?;
        let previous = serde_json::json!({"report": &report, "sections": &old_sections});
        let mut changes: Vec<&str> = Vec::new();
        if let Some(title) = &patch.title {
            let title = line("title", title, 300)?;
            if title != report.title {
                report.title = title;
                changes.push("title");
            }
        }
        if let Some(date) = patch.visit_date {
            let date = check_date(date)?;
            if date != report.visit_date {
                report.visit_date = date;
                changes.push("visit_date");
            }
        }
        if let Some(summary) = &patch.summary {
            let summary = block("summary", summary, 20_000)?;
            if summary != report.summary {
                report.summary = summary;
                changes.push("summary");
            }
        }
        if let Some(programme) = &patch.programme {
            let programme = check_programme(Some(programme))?;
            if programme != report.programme {
                report.programme = programme;
                changes.push("programme");
            }
        }
        if let Some(sections) = &patch.sections {
            if replace_sections(conn, &report.id, &old_sections, check_sections(sections)?)? {
                changes.push("sections");
            }
        }
        if changes.is_empty() {
            return Ok(report_view(report, state, old_sections));
        }
        let now = now();
        report.updated_at = now;
        if report.status == Published {
            report.version += 1;
            repo::insert_version(
                conn,
                &ReportVersion {
                    id: new_id(),
                    report_id: report.id.clone(),
                    version: report.version,
                    edited_by: user.id.clone(),
                    edited_at: now,
                    changes: serde_json::to_string(&changes).unwrap_or_default(),
                    previous: previous.to_string(),
                },
            )?;
        }
        repo::update(conn, &report)?;
        needs_repo::recompute_visibility_for_report(conn, &report.id, report.status == Published)?;
        let details = serde_json::json!({"version": report.version, "changes": changes});
        audit::record(
            conn,
            event(user, ip, "report.update", &report.id).details(details),
        )?;
        let sections = repo::all_sections(conn, &report.id)?;
        Ok(report_view(report, state, sections))
    })
}

/// Applies the new section list; returns whether anything changed.
fn replace_sections(
    conn: &mut DbConnection,
    report_id: &str,
    old: &[Section],
    new: Vec<CheckedSection>,
) -> AppResult<bool> {
    for s in &new {
        if let Some(id) = &s.id {
            if !old.iter().any(|o| &o.id == id) {
                return Err(AppError::invalid(
                    ErrorCode::UnknownSection,
                    "a section id does not belong to this report",
                ));
            }
        }
    }
    let removed: Vec<String> = old
        .iter()
        .filter(|o| !new.iter().any(|n| n.id.as_deref() == Some(o.id.as_str())))
        .map(|o| o.id.clone())
        .collect();
    if needs_repo::count_for_sections(conn, &removed)? > 0 {
        return Err(AppError::Conflict(
            "a section that needs point to cannot be removed".into(),
        ));
    }
    let mut changed = !removed.is_empty();
    for id in &removed {
        repo::delete_section(conn, id)?;
    }
    for (i, s) in new.into_iter().enumerate() {
        let section = Section {
            id: s.id.clone().unwrap_or_else(new_id),
            report_id: report_id.to_string(),
            position: i as i32 + 1,
            heading: s.heading,
            body: s.body,
            consent: s.consent,
        };
        match old.iter().find(|o| Some(&o.id) == s.id.as_ref()) {
            Some(o)
                if o.position == section.position
                    && o.heading == section.heading
                    && o.body == section.body
                    && o.consent == section.consent => {}
            Some(_) => {
                repo::update_section(conn, &section)?;
                changed = true;
            }
            None => {
                repo::insert_section(conn, &section)?;
                changed = true;
            }
        }
    }
    Ok(changed)
}

pub fn publish(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
) -> AppResult<ReportView> {
    write_transaction(conn, |conn| {
        let (mut report, state) = editable(conn, user, id)?;
        if report.status == Published {
            return Err(AppError::Conflict(
                "this report is already published".into(),
            ));
        }
        let now = now();
        report.status = Published;
        report.published_at = Some(now);
        report.updated_at = now;
        repo::update(conn, &report)?;
        needs_repo::recompute_visibility_for_report(conn, &report.id, true)?;
        audit::record(conn, event(user, ip, "report.publish", &report.id))?;
        let sections = repo::all_sections(conn, &report.id)?;
        Ok(report_view(report, state, sections))
    })
}

/// Reads one report as the caller may see it, and records the read (or the refusal) before
/// answering. The report and its sections are read in one read transaction, outside the write
/// lock; only the audit entry is written under it ([`audit::record_read`]).
pub fn read(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
) -> AppResult<ReportView> {
    let scope = content::scope(user);
    let found = conn.transaction(|conn| -> QueryResult<_> {
        let Some((report, state)) = repo::find_visible(conn, &scope, id)? else {
            return Ok(None);
        };
        let sections = repo::visible_sections(conn, &scope, &report.id)?;
        Ok(Some((report, state, sections)))
    })?;
    let Some((report, state, sections)) = found else {
        audit::record_refused_read(conn, event(user, ip, "report.read", id), id)?;
        return Err(AppError::NotFound);
    };
    let withheld = sections.iter().filter(|s| s.consent == Consent::Withheld);
    let withheld_shown = withheld.count();
    let details =
        serde_json::json!({"sections": sections.len(), "withheld_sections": withheld_shown});
    audit::record_read(
        conn,
        event(user, ip, "report.read", &report.id).details(details),
    )?;
    Ok(report_view(report, state, sections))
}

pub fn scope_of(user: &CurrentUser) -> ReportScope {
    content::scope(user)
}
