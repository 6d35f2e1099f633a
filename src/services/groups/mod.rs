//! The Compact's working groups (issue 14): reference data plus groups coordinators add, their
//! member organisations (managed by coordinators and the chair's focal points, audited), and a
//! group's space: its work plan and the documents and threads addressed to it. Access to those
//! is not decided here: `group:CODE` on an access list or a thread is resolved by the
//! documents' and threads' own scope queries.

use crate::access::groups as access;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::groups::{audience, valid_code};
use crate::domain::time::now;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::PageParams;
use crate::repo::groups::{self as repo, MemberRow, WorkingGroup};
use crate::repo::organisations;
use crate::services::audit::{self, Event};
use crate::services::content::line;
use crate::services::{activities, documents};

mod types;
pub use types::*;

const WORKING_GROUPS: &str = include_str!("../../../reference/working_groups.csv");

/// How many activities, documents and threads a group's page shows of each.
const ON_PAGE: i64 = 50;

#[derive(serde::Deserialize)]
struct GroupRow {
    code: String,
    name: String,
}

/// The reference groups (shipped in `reference/working_groups.csv`).
fn reference_groups() -> Vec<GroupRow> {
    csv::Reader::from_reader(WORKING_GROUPS.as_bytes())
        .deserialize::<GroupRow>()
        .map(|r| r.expect("reference/working_groups.csv is well-formed (checked by a test)"))
        .collect()
}

/// Adds the reference groups that are missing (on start, beside the reference organisations).
pub fn load_reference_groups(conn: &mut DbConnection) -> diesel::QueryResult<usize> {
    use diesel::Connection;
    conn.transaction(|conn| {
        let existing = repo::all_codes(conn)?;
        let mut added = 0;
        for row in reference_groups() {
            if existing.iter().any(|c| c.eq_ignore_ascii_case(&row.code)) {
                continue;
            }
            repo::insert(
                conn,
                &WorkingGroup {
                    code: row.code,
                    name: row.name,
                    created_at: now(),
                },
            )?;
            added += 1;
        }
        Ok(added)
    })
}

fn unknown(code: &str) -> AppError {
    AppError::invalid(
        ErrorCode::UnknownWorkingGroup,
        format!("no working group has the code `{}`", code.trim()),
    )
}

/// The group a request body names (a 400 when there is none).
fn named(conn: &mut DbConnection, code: &str) -> AppResult<WorkingGroup> {
    let code = code.trim();
    if code.is_empty() || code.len() > 40 || code.chars().any(char::is_control) {
        return Err(unknown(code));
    }
    repo::find(conn, code)?.ok_or_else(|| unknown(code))
}

/// The group a path names (404 when there is none).
fn addressed(conn: &mut DbConnection, code: &str) -> AppResult<WorkingGroup> {
    named(conn, code).map_err(|_| AppError::NotFound)
}

/// Group codes as a thread names them, each a known group (any case), as stored: a 400
/// otherwise.
pub fn known_codes(conn: &mut DbConnection, raw: &[String]) -> AppResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for code in raw {
        let group = named(conn, code)?;
        if !out.contains(&group.code) {
            out.push(group.code);
        }
    }
    Ok(out)
}

/// The access-list entry of the group `code` names (`group:BMLE`); a 400 when there is none.
pub fn audience_of(conn: &mut DbConnection, code: &str) -> AppResult<String> {
    Ok(audience(&named(conn, code)?.code))
}

/// Whether `code` names a group (an activity's link).
pub fn check_code(conn: &mut DbConnection, code: &str) -> AppResult<String> {
    Ok(named(conn, code)?.code)
}

pub fn list(conn: &mut DbConnection) -> AppResult<Vec<GroupSummary>> {
    Ok(repo::list(conn)?
        .into_iter()
        .map(|(g, members)| GroupSummary {
            code: g.code,
            name: g.name,
            members,
        })
        .collect())
}

fn member_views(rows: Vec<MemberRow>) -> Vec<MemberView> {
    rows.into_iter()
        .map(|m| MemberView {
            organisation: m.code,
            name: m.name,
            role: m.role,
            added_at: m.added_at.into(),
        })
        .collect()
}

fn chair_ids(rows: &[MemberRow]) -> Vec<String> {
    rows.iter()
        .filter(|m| m.role == GroupRole::Chair)
        .map(|m| m.organisation_id.clone())
        .collect()
}

pub fn read(conn: &mut DbConnection, user: &CurrentUser, code: &str) -> AppResult<GroupDetail> {
    let group = addressed(conn, code)?;
    let members = repo::members(conn, &group.code)?;
    let may_manage = access::may_manage_members(&user.actor(), &chair_ids(&members));
    let is_member = members
        .iter()
        .any(|m| m.organisation_id == user.organisation_id);
    let today = now().date();
    let plan = activities::list(
        conn,
        user,
        activities::ActivityQuery {
            working_group: Some(group.code.clone()),
            from: Some(today.to_string()),
            page: PageParams::new(None, Some(ON_PAGE)),
            ..Default::default()
        },
    )?;
    let docs = documents::list(
        conn,
        user,
        documents::DocumentQuery {
            audience: Some(audience(&group.code)),
            page: PageParams::new(None, Some(ON_PAGE)),
            ..Default::default()
        },
    )?;
    let threads = repo::visible_threads_addressed(conn, &user.id, &group.code, ON_PAGE)?
        .into_iter()
        .map(|t| GroupThread {
            id: t.id,
            subject: t.subject,
            last_message_at: t.last_message_at.into(),
        })
        .collect();
    Ok(GroupDetail {
        audience: audience(&group.code),
        code: group.code,
        name: group.name,
        members: member_views(members),
        activities: plan.items,
        documents: docs.items,
        threads,
        may_manage,
        is_member,
    })
}

pub fn create(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    input: NewGroup,
) -> AppResult<GroupSummary> {
    access::require_group_creator(&user.actor())?;
    let code = input.code.trim().to_string();
    if !valid_code(&code) {
        return Err(AppError::invalid(
            ErrorCode::InvalidGroupCode,
            "a group code is 2 to 20 letters, digits, dashes or underscores",
        ));
    }
    let name = line("name", &input.name, 300)?;
    write_transaction(conn, |conn| {
        if repo::find(conn, &code)?.is_some() {
            return Err(AppError::Conflict(format!(
                "a working group has the code `{code}`"
            )));
        }
        repo::insert(
            conn,
            &WorkingGroup {
                code: code.clone(),
                name: name.clone(),
                created_at: now(),
            },
        )?;
        let event = Event::by("working_group.create", user, ip).target("working_group", &code);
        audit::record(conn, event)?;
        Ok(GroupSummary {
            code,
            name,
            members: 0,
        })
    })
}

/// The group and its members, once the caller is known to manage them.
fn managed(
    conn: &mut DbConnection,
    user: &CurrentUser,
    code: &str,
) -> AppResult<(WorkingGroup, Vec<MemberRow>)> {
    let group = addressed(conn, code)?;
    let members = repo::members(conn, &group.code)?;
    access::require_member_manager(&user.actor(), &chair_ids(&members))?;
    Ok((group, members))
}

/// Adds an organisation to a group or changes its role; returns the members after it.
pub fn put_member(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    code: &str,
    input: NewMember,
) -> AppResult<Vec<MemberView>> {
    write_transaction(conn, |conn| {
        let (group, _) = managed(conn, user, code)?;
        let raw = input.organisation.trim();
        let unknown = || {
            AppError::invalid(
                ErrorCode::UnknownOrganisation,
                format!("no active organisation has the code `{raw}`"),
            )
        };
        if raw.is_empty() || raw.len() > 40 || raw.chars().any(char::is_control) {
            return Err(unknown());
        }
        let org = organisations::find_by_code(conn, raw)?
            .filter(|o| o.active)
            .ok_or_else(unknown)?;
        let role = input.role.unwrap_or(GroupRole::Member);
        let before = repo::put_member(conn, &group.code, &org.id, role, now())?;
        let details = serde_json::json!({
            "organisation": org.code, "role": role, "previous_role": before,
        });
        let event = Event::by("working_group.member_put", user, ip)
            .target("working_group", &group.code)
            .details(details);
        audit::record(conn, event)?;
        Ok(member_views(repo::members(conn, &group.code)?))
    })
}

/// Removes an organisation from a group: its users lose the group's documents and threads at
/// once. A 404 when it is not a member.
pub fn remove_member(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    code: &str,
    organisation: &str,
) -> AppResult<()> {
    write_transaction(conn, |conn| {
        let (group, members) = managed(conn, user, code)?;
        let member = members
            .iter()
            .find(|m| m.code.eq_ignore_ascii_case(organisation.trim()))
            .ok_or(AppError::NotFound)?;
        repo::remove_member(conn, &group.code, &member.organisation_id)?;
        let details = serde_json::json!({"organisation": member.code, "role": member.role});
        let event = Event::by("working_group.member_remove", user, ip)
            .target("working_group", &group.code)
            .details(details);
        audit::record(conn, event)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn reference_groups_are_the_eight() {
        let groups = super::reference_groups();
        assert_eq!(groups.len(), 8);
        assert!(groups
            .iter()
            .all(|g| crate::domain::groups::valid_code(&g.code)));
    }
}
