//! Assistance projects (issue 12): offered by an organisation (its focal points, or a
//! coordinator acting for it), seen as their visibility allows, edited with versions kept,
//! listed with filters and exported as CSV. Creations, edits and exports are audited.

use crate::access::projects::{self as access, ProjectScope};
use crate::auth::tokens::{new_id, require_id};
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::now;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::{self, Keyset, PageSize};
use crate::repo::projects::{self as repo, ChildRows, ForState, Project, ProjectFilter};
use crate::services::audit::{self, Event};
use crate::services::content;

mod checks;
mod export;
mod types;
mod views;
pub use checks::CURRENCIES;
pub use export::export_csv;
pub use types::*;
use views::{input_of, views_of};

/// The projects the caller may read.
pub fn scope(user: &CurrentUser) -> ProjectScope {
    ProjectScope::for_actor(&user.actor())
}

fn event(user: &CurrentUser, ip: &str, action: &'static str, id: &str) -> Event {
    Event::by(action, user, ip).target("project", id)
}

fn write_children(conn: &mut DbConnection, id: &str, c: &checks::Checked) -> AppResult<()> {
    let rows = ChildRows {
        state_ids: &c.state_ids,
        regions: &c.regions,
        areas: &c.areas,
        partner_ids: &c.partner_ids,
    };
    Ok(repo::replace_children(conn, id, &rows)?)
}

/// Sets the checked values on the row.
fn apply(project: &mut Project, c: &checks::Checked) {
    project.owner_org_id = c.owner.id.clone();
    project.title = c.title.clone();
    project.description = c.description.clone();
    project.programme = c.programme.clone();
    project.status = c.status;
    project.visibility = c.visibility;
    project.is_global = c.state_ids.is_empty() && c.regions.is_empty();
    project.starts_on = c.starts_on;
    project.ends_on = c.ends_on;
    project.budget_cents = c.budget.as_ref().map(|b| b.0);
    project.currency = c.budget.as_ref().map(|b| b.1.clone());
    project.contact_user_id = c.contact_user_id.clone();
}

/// One project as its viewers see it.
fn view_of(conn: &mut DbConnection, project: Project) -> AppResult<ProjectView> {
    Ok(views_of(conn, vec![project], None)?.remove(0))
}

pub fn create(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    input: NewProject,
) -> AppResult<ProjectView> {
    let actor = user.actor();
    access::require_offer_for(&actor, &actor.organisation_id)?;
    write_transaction(conn, |conn| {
        let checked = checks::check(conn, &actor, &input)?;
        let now = now();
        let mut project = Project {
            id: new_id(),
            owner_org_id: String::new(),
            title: String::new(),
            description: String::new(),
            programme: None,
            status: checked.status,
            visibility: checked.visibility,
            is_global: true,
            starts_on: checked.starts_on,
            ends_on: checked.ends_on,
            budget_cents: None,
            currency: None,
            contact_user_id: None,
            version: 1,
            created_by: user.id.clone(),
            created_at: now,
            updated_at: now,
        };
        apply(&mut project, &checked);
        repo::insert(conn, &project)?;
        write_children(conn, &project.id, &checked)?;
        let details = serde_json::json!({"organisation": checked.owner.code});
        audit::record(
            conn,
            event(user, ip, "project.create", &project.id).details(details),
        )?;
        view_of(conn, project)
    })
}

/// Applies the patch; a project another organisation owns is 403 (404 when unseen), a status
/// that goes backwards is 409. Each change keeps the previous state as a version.
pub fn update(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    patch: ProjectPatch,
) -> AppResult<ProjectView> {
    let actor = user.actor();
    write_transaction(conn, |conn| {
        let mut project =
            repo::find_visible(conn, &scope(user), require_id(id)?)?.ok_or(AppError::NotFound)?;
        access::require_editor(&actor, &project.owner_org_id)?;
        let before = view_of(conn, project.clone())?;
        let current = input_of(&before);
        let (input, changes) = views::patched(&current, patch);
        if !before.status.may_become(input.status) {
            return Err(AppError::Conflict(format!(
                "a {} project cannot become {}",
                before.status, input.status
            )));
        }
        let checked = checks::check(conn, &actor, &input)?;
        // A contact named by e-mail is the same contact as its id.
        let mut changes = changes;
        let same_contact = checked.contact_user_id == before.contact.as_ref().map(|c| c.id.clone());
        changes.retain(|c| *c != "contact" || !same_contact);
        if changes.is_empty() {
            return Ok(before);
        }
        let now = now();
        apply(&mut project, &checked);
        project.version += 1;
        project.updated_at = now;
        repo::insert_version(
            conn,
            &repo::ProjectVersion {
                id: new_id(),
                project_id: project.id.clone(),
                version: project.version,
                edited_by: user.id.clone(),
                edited_at: now,
                changes: serde_json::to_string(&changes).unwrap_or_default(),
                previous: serde_json::to_string(&before).unwrap_or_default(),
            },
        )?;
        repo::update(conn, &project)?;
        write_children(conn, &project.id, &checked)?;
        if before.status != project.status && project.status == ProjectStatus::Active {
            crate::services::matches::project_started(conn, &project.id, now)?;
        }
        let details = serde_json::json!({"version": project.version, "changes": changes});
        audit::record(
            conn,
            event(user, ip, "project.update", &project.id).details(details),
        )?;
        view_of(conn, project)
    })
}

/// One project the caller may see (404 otherwise).
pub fn read(conn: &mut DbConnection, user: &CurrentUser, id: &str) -> AppResult<ProjectView> {
    let project =
        repo::find_visible(conn, &scope(user), require_id(id)?)?.ok_or(AppError::NotFound)?;
    view_of(conn, project)
}

/// Whether the caller may edit this project (what its page offers).
pub fn may_edit(user: &CurrentUser, project: &ProjectView) -> bool {
    access::may_edit(&user.actor(), &project.owner_id)
}

/// The versions of a project the caller may edit, newest first.
pub fn versions(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: &str,
) -> AppResult<Vec<VersionView>> {
    let project =
        repo::find_visible(conn, &scope(user), require_id(id)?)?.ok_or(AppError::NotFound)?;
    access::require_editor(&user.actor(), &project.owner_org_id)?;
    Ok(repo::versions(conn, &project.id)?
        .into_iter()
        .map(|(v, editor)| VersionView {
            version: v.version,
            editor,
            edited_at: v.edited_at.into(),
            changes: serde_json::from_str(&v.changes).unwrap_or_default(),
        })
        .collect())
}

fn keep(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The list filters; an unknown State or status is a 400, an unknown organisation matches
/// nothing.
fn filter_from(conn: &mut DbConnection, q: &ProjectQuery) -> AppResult<ProjectFilter> {
    let state = match keep(&q.member_state) {
        None => None,
        Some(code) => {
            let state = content::member_state(conn, &code)?;
            Some(ForState {
                id: state.id,
                code: state.code,
                regional_group: state.regional_group,
            })
        }
    };
    let status = keep(&q.status)
        .map(|s| {
            s.parse().map_err(|_| {
                AppError::invalid(
                    ErrorCode::InvalidFilter,
                    "status is planned, active, completed or cancelled",
                )
            })
        })
        .transpose()?;
    let owner_org_id = match keep(&q.organisation) {
        None => None,
        Some(code) => Some(
            checks::organisations_by_code(conn, &[code])?
                .pop()
                .map(|o| o.id)
                .unwrap_or_else(|| "-".into()),
        ),
    };
    Ok(ProjectFilter {
        state,
        thematic_area: keep(&q.thematic_area),
        owner_org_id,
        programme: keep(&q.programme),
        status,
        text: keep(&q.text).map(|t| t.chars().take(200).collect()),
    })
}

pub fn list(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: ProjectQuery,
) -> AppResult<ProjectPage> {
    let limit = query.page.limit(PageSize::STANDARD);
    let keyset = Keyset::read(
        query.sort,
        query.page.cursor(),
        pagination::decode_time_seek,
    )?;
    let filter = filter_from(conn, &query)?;
    let rows = repo::list(conn, &scope(user), &filter, &keyset, limit + 1)?;
    let page = keyset.cut(
        rows,
        limit,
        |p| pagination::time_seek(p.created_at, &p.id),
        |p, column| (repo::sort_value(p, column), &p.id),
    );
    let items = views_of(conn, page.items, filter.state.as_ref())?;
    Ok(pagination::Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// How many projects `query`'s list holds for the caller, at most `repo::COUNT_BOUND`.
pub fn count(conn: &mut DbConnection, user: &CurrentUser, query: &ProjectQuery) -> AppResult<i64> {
    let filter = filter_from(conn, query)?;
    Ok(repo::count(conn, &scope(user), &filter)?)
}
