//! The shared activity calendar (issue 14): activities written by the organisers' focal points
//! and coordinators, seen as rule 8 allows, with clash warnings that name only what the caller
//! may see. Every edit keeps the previous state as a version and is audited.

use crate::access::activities::{self as access, ActivityScope};
use crate::auth::tokens::{new_id, require_id};
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::now;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::{self, Page, PageSize};
use crate::repo::activities::{self as repo, Activity, ActivityVersion, ClashProbe, ClashRow};
use crate::services::audit::{self, Event};
use crate::services::content::{block, line};

pub mod feed;
mod fields;
mod ics;
mod types;
mod views;
pub use fields::date_text;
pub use types::*;
use views::{one_view, views};

/// The activities the caller may see.
pub fn scope(user: &CurrentUser) -> ActivityScope {
    ActivityScope::for_actor(&user.actor())
}

fn event(user: &CurrentUser, ip: &str, action: &'static str, id: &str) -> Event {
    Event::by(action, user, ip).target("activity", id)
}

pub fn create(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    input: NewActivity,
) -> AppResult<ActivitySaved> {
    access::require_creator(&user.actor())?;
    let title = line("title", &input.title, 300)?;
    let description = block("description", &input.description, 20_000)?;
    fields::dates(input.starts_on, input.ends_on)?;
    let region = fields::region(input.region.as_deref())?;
    let (programme, thematic_area) = fields::programme(input.programme.as_deref())?;
    let project_id = fields::link("project_id", input.project_id.as_deref())?;
    let plan_id = fields::link("plan_id", input.plan_id.as_deref())?;
    write_transaction(conn, |conn| {
        let working_group = fields::working_group(conn, input.working_group.as_deref())?;
        let member_state_id = fields::member_state(conn, input.member_state.as_deref())?;
        let organisers = fields::organisers(conn, &user.organisation_id, &input.organisers)?;
        let now = now();
        let activity = Activity {
            id: new_id(),
            title,
            description,
            kind: input.kind,
            member_state_id,
            region,
            programme,
            thematic_area,
            project_id,
            plan_id,
            working_group,
            starts_on: input.starts_on,
            ends_on: input.ends_on,
            status: input.status.unwrap_or(ActivityStatus::Planned),
            visibility: input.visibility.unwrap_or(ActivityVisibility::Platform),
            sequence: 0,
            organisation_id: user.organisation_id.clone(),
            created_by: user.id.clone(),
            created_at: now,
            updated_at: now,
        };
        repo::insert(conn, &activity)?;
        repo::set_organisers(conn, &activity.id, &organisers)?;
        audit::record(conn, event(user, ip, "activity.create", &activity.id))?;
        let clashes = clashes_of(conn, user, &activity)?;
        let activity = one_view(conn, activity)?;
        Ok(ActivitySaved { activity, clashes })
    })
}

pub fn update(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    patch: ActivityPatch,
) -> AppResult<ActivitySaved> {
    let actor = user.actor();
    write_transaction(conn, |conn| {
        let before =
            repo::find_visible(conn, &scope(user), require_id(id)?)?.ok_or(AppError::NotFound)?;
        let organiser_ids = organiser_ids(conn, &before.id)?;
        access::require_editor(&actor, &organiser_ids)?;
        let mut a = before.clone();
        let mut changes: Vec<&'static str> = Vec::new();
        // A field given with its current value is named but not changed: a form saved as it
        // was keeps no version.
        macro_rules! set {
            ($field:expr, $value:expr, $name:literal) => {{
                let value = $value;
                if $field != value {
                    $field = value;
                    changes.push($name);
                }
            }};
        }
        if let Some(v) = &patch.title {
            set!(a.title, line("title", v, 300)?, "title");
        }
        if let Some(v) = &patch.description {
            set!(
                a.description,
                block("description", v, 20_000)?,
                "description"
            );
        }
        if let Some(v) = patch.kind {
            set!(a.kind, v, "kind");
        }
        if let Some(v) = patch.starts_on {
            set!(a.starts_on, v, "starts_on");
        }
        if let Some(v) = patch.ends_on {
            set!(a.ends_on, v, "ends_on");
        }
        fields::dates(a.starts_on, a.ends_on)?;
        if let Some(v) = &patch.member_state {
            set!(
                a.member_state_id,
                fields::member_state(conn, Some(v))?,
                "member_state"
            );
        }
        if let Some(v) = &patch.region {
            set!(a.region, fields::region(Some(v))?, "region");
        }
        if let Some(v) = &patch.programme {
            let (programme, area) = fields::programme(Some(v))?;
            a.thematic_area = area;
            set!(a.programme, programme, "programme");
        }
        if let Some(v) = patch.status {
            set!(a.status, v, "status");
        }
        if let Some(v) = patch.visibility {
            set!(a.visibility, v, "visibility");
        }
        if let Some(v) = &patch.project_id {
            set!(
                a.project_id,
                fields::link("project_id", Some(v))?,
                "project_id"
            );
        }
        if let Some(v) = &patch.plan_id {
            set!(a.plan_id, fields::link("plan_id", Some(v))?, "plan_id");
        }
        if let Some(v) = &patch.working_group {
            set!(
                a.working_group,
                fields::working_group(conn, Some(v))?,
                "working_group"
            );
        }
        let mut new_organisers = None;
        if let Some(codes) = &patch.organisers {
            let ids = fields::organisers(conn, &a.organisation_id, codes)?;
            let (mut now_sorted, mut before_sorted) = (ids.clone(), organiser_ids.clone());
            now_sorted.sort();
            before_sorted.sort();
            if now_sorted != before_sorted {
                changes.push("organisers");
                new_organisers = Some(ids);
            }
        }
        if patch.is_empty() {
            return Err(AppError::invalid(
                ErrorCode::EmptyChange,
                "the change names no field",
            ));
        }
        if changes.is_empty() {
            return Ok(ActivitySaved {
                activity: one_view(conn, before)?,
                clashes: Vec::new(),
            });
        }
        let previous = serde_json::json!({"activity": before, "organisers": organiser_ids});
        repo::insert_version(
            conn,
            &ActivityVersion {
                id: new_id(),
                activity_id: a.id.clone(),
                sequence: before.sequence,
                edited_by: user.id.clone(),
                edited_at: now(),
                changes: serde_json::to_string(&changes).map_err(AppError::internal)?,
                previous: previous.to_string(),
            },
        )?;
        a.sequence = before.sequence + 1;
        a.updated_at = now();
        repo::update(conn, &a)?;
        if let Some(ids) = &new_organisers {
            repo::set_organisers(conn, &a.id, ids)?;
        }
        let details = serde_json::json!({"changes": changes, "sequence": a.sequence});
        audit::record(
            conn,
            event(user, ip, "activity.update", &a.id).details(details),
        )?;
        let moved = [
            "starts_on",
            "ends_on",
            "member_state",
            "programme",
            "status",
        ];
        let clashes = if changes.iter().any(|c| moved.contains(c)) {
            clashes_of(conn, user, &a)?
        } else {
            Vec::new()
        };
        Ok(ActivitySaved {
            activity: one_view(conn, a)?,
            clashes,
        })
    })
}

pub fn read(conn: &mut DbConnection, user: &CurrentUser, id: &str) -> AppResult<ActivityDetail> {
    let activity =
        repo::find_visible(conn, &scope(user), require_id(id)?)?.ok_or(AppError::NotFound)?;
    let organisers = organiser_ids(conn, &activity.id)?;
    let may_edit = access::may_edit(&user.actor(), &organisers);
    Ok(ActivityDetail {
        activity: one_view(conn, activity)?,
        may_edit,
    })
}

/// An activity's versions, newest first, for those who may edit it.
pub fn versions(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: &str,
) -> AppResult<Vec<ActivityVersionView>> {
    let activity =
        repo::find_visible(conn, &scope(user), require_id(id)?)?.ok_or(AppError::NotFound)?;
    access::require_editor(&user.actor(), &organiser_ids(conn, &activity.id)?)?;
    Ok(repo::versions(conn, &activity.id)?
        .into_iter()
        .map(|(v, editor)| ActivityVersionView {
            sequence: v.sequence,
            edited_by: editor,
            edited_at: v.edited_at.into(),
            changes: serde_json::from_str(&v.changes).unwrap_or_default(),
            previous: serde_json::from_str(&v.previous).unwrap_or_default(),
        })
        .collect())
}

/// Checks a list's filters: dates, kind, status, region and programme name real values.
fn window(
    query: &ActivityQuery,
) -> AppResult<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)> {
    let bad = |what: &str| AppError::invalid(ErrorCode::InvalidFilter, format!("unknown {what}"));
    if fields::given(query.kind.as_deref()).is_some_and(|k| k.parse::<ActivityKind>().is_err()) {
        return Err(bad("kind"));
    }
    if fields::given(query.status.as_deref()).is_some_and(|s| s.parse::<ActivityStatus>().is_err())
    {
        return Err(bad("status"));
    }
    fields::region(query.region.as_deref())?;
    fields::programme(query.programme.as_deref())?;
    let from = date_text("from", query.from.as_deref())?;
    let to = date_text("to", query.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to) {
        fields::dates(f, t)?;
    }
    Ok((from, to))
}

pub fn list(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: ActivityQuery,
) -> AppResult<ActivityPage> {
    let limit = query.page.limit(PageSize::STANDARD);
    let after = pagination::decode_date_seek(query.page.cursor())?;
    let window = window(&query)?;
    let rows = repo::list(conn, &scope(user), &query, window, after, limit + 1)?;
    let page = Page::cut(rows, limit, |a| pagination::date_seek(a.starts_on, &a.id));
    let items = views(conn, page.items)?;
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// Every visible activity of a window (a calendar month), in start order, at most `cap`.
pub fn in_window(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: &ActivityQuery,
    cap: i64,
) -> AppResult<Vec<ActivityView>> {
    let window = window(query)?;
    let rows = repo::list(conn, &scope(user), query, window, None, cap)?;
    views(conn, rows)
}

/// What would clash with an activity on these days (the form's preview).
pub fn preview_clashes(
    conn: &mut DbConnection,
    user: &CurrentUser,
    question: ClashQuestion,
) -> AppResult<Vec<Clash>> {
    let missing =
        || AppError::invalid(ErrorCode::InvalidDate, "starts_on and ends_on are required");
    let starts_on = date_text("starts_on", question.starts_on.as_deref())?.ok_or_else(missing)?;
    let ends_on = date_text("ends_on", question.ends_on.as_deref())?.ok_or_else(missing)?;
    fields::dates(starts_on, ends_on)?;
    let (programme, thematic_area) = fields::programme(question.programme.as_deref())?;
    let member_state_id = fields::member_state(conn, question.member_state.as_deref())?;
    let probe = ClashProbe {
        exclude_id: fields::given(question.exclude.as_deref()).map(str::to_string),
        starts_on,
        ends_on,
        member_state_id,
        programme,
        thematic_area,
    };
    named_clashes(conn, user, &probe)
}

/// The clash warnings of a saved activity (none for a cancelled one).
fn clashes_of(conn: &mut DbConnection, user: &CurrentUser, a: &Activity) -> AppResult<Vec<Clash>> {
    if a.status == ActivityStatus::Cancelled {
        return Ok(Vec::new());
    }
    let probe = ClashProbe {
        exclude_id: Some(a.id.clone()),
        starts_on: a.starts_on,
        ends_on: a.ends_on,
        member_state_id: a.member_state_id.clone(),
        programme: a.programme.clone(),
        thematic_area: a.thematic_area.clone(),
    };
    named_clashes(conn, user, &probe)
}

fn named_clashes(
    conn: &mut DbConnection,
    user: &CurrentUser,
    probe: &ClashProbe,
) -> AppResult<Vec<Clash>> {
    let [state, programme, area] = repo::clashes(conn, &scope(user), probe)?;
    let tag = |rows: Vec<ClashRow>, reason: ClashReason| {
        rows.into_iter().map(move |r| Clash {
            id: r.id,
            title: r.title,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            reason,
        })
    };
    Ok(tag(state, ClashReason::SameMemberState)
        .chain(tag(programme, ClashReason::SameProgramme))
        .chain(tag(area, ClashReason::SameThematicArea))
        .collect())
}

fn organiser_ids(conn: &mut DbConnection, id: &str) -> AppResult<Vec<String>> {
    let mut map = repo::organisers_of(conn, &[id])?;
    Ok(map
        .remove(id)
        .unwrap_or_default()
        .into_iter()
        .map(|(org_id, _)| org_id)
        .collect())
}
