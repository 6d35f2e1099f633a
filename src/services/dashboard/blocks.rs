//! The blocks of the dashboard, each read through its own area's service or scope, so a block
//! shows only what that area's list would show the caller. A few queries per block, whatever
//! the number of items.

use chrono::NaiveDateTime;

use super::types::{Block, Item, ITEMS};
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::time::now;
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::repo::dashboard as repo;
use crate::services::{
    activities, consultations, content, coordination, documents, matches, messages, needs, reports,
};

type Since = Option<NaiveDateTime>;

fn first_items() -> PageParams {
    PageParams::new(None, Some(ITEMS))
}

fn today() -> String {
    now().date().to_string()
}

/// The open needs of the State with no accepted or completed match.
pub fn uncovered_needs(
    conn: &mut DbConnection,
    user: &CurrentUser,
    since: Since,
) -> AppResult<Block> {
    let code = user.organisation_code.clone();
    let query = needs::NeedQuery {
        member_state: Some(code.clone()),
        status: Some("open".into()),
        uncovered: true,
        page: first_items(),
        ..Default::default()
    };
    let items = needs::list(conn, user, query)?
        .items
        .into_iter()
        .map(|n| {
            Item::new(
                n.title,
                format!("/needs/{}", n.id),
                format!("{} · {}", n.thematic_area, n.priority),
            )
            .changed_at(n.created_at.naive(), since)
        })
        .collect();
    let more = format!("/needs?member_state={code}&status=open&uncovered=true");
    Ok(Block::new("uncovered-needs", items, Some(more)))
}

/// Proposals for the State's needs waiting for the caller's decision.
pub fn decisions(conn: &mut DbConnection, user: &CurrentUser, since: Since) -> AppResult<Block> {
    let query = matches::MatchQuery {
        waiting: Some("me".into()),
        status: Some("proposed".into()),
        page: first_items(),
        ..Default::default()
    };
    let items = matches::list(conn, user, query)?
        .items
        .into_iter()
        .map(|m| {
            Item::new(
                format!("{} ← {}", m.need_title, m.project_title),
                format!("/matches#match-{}", m.id),
                m.organisation.clone(),
            )
            .status(format!("match-status-{}", m.status))
            .changed_at(m.created_at.naive(), since)
        })
        .collect();
    Ok(Block::new("decisions", items, Some("/matches".into())))
}

/// Upcoming activities (ending today or later): in the State, or organised by the caller's
/// organisation.
pub fn upcoming_activities(
    conn: &mut DbConnection,
    user: &CurrentUser,
    since: Since,
    in_state: bool,
) -> AppResult<Block> {
    let code = user.organisation_code.clone();
    let mut query = activities::ActivityQuery {
        from: Some(today()),
        page: first_items(),
        ..Default::default()
    };
    let (name, more) = if in_state {
        query.member_state = Some(code.clone());
        (
            "activities-in-state",
            format!("/calendar?member_state={code}"),
        )
    } else {
        query.organisation = Some(code.clone());
        ("own-activities", format!("/calendar?organisation={code}"))
    };
    let items = activities::list(conn, user, query)?
        .items
        .into_iter()
        .map(|a| {
            let place = a
                .member_state
                .clone()
                .or(a.region.clone())
                .unwrap_or_default();
            Item::new(
                a.title,
                format!("/activities/{}", a.id),
                format!("{} – {} · {place}", a.starts_on, a.ends_on),
            )
            .status(format!("activity-status-{}", a.status))
            .changed_at(a.updated_at.naive(), since)
        })
        .collect();
    Ok(Block::new(name, items, Some(more)))
}

/// Threads with messages the caller has not read, and how many unread messages in all.
pub fn unread_threads(
    conn: &mut DbConnection,
    user: &CurrentUser,
    since: Since,
) -> AppResult<Block> {
    let inbox = messages::inbox(conn, user, &PageParams::new(None, Some(50)))?;
    let items: Vec<Item> = inbox
        .items
        .into_iter()
        .filter(|t| t.unread > 0)
        .take(ITEMS as usize)
        .map(|t| {
            Item::new(
                t.subject,
                format!("/messages/{}", t.id),
                t.unread.to_string(),
            )
            .changed_at(t.last_message_at.naive(), since)
        })
        .collect();
    Ok(Block::new("unread-threads", items, Some("/messages".into())).total(inbox.unread_total))
}

/// Documents of other organisations the caller may read, newest first.
pub fn shared_documents(
    conn: &mut DbConnection,
    user: &CurrentUser,
    since: Since,
) -> AppResult<Block> {
    let rows = crate::repo::documents::shared_with(conn, &documents::scope(user), ITEMS)?;
    let items = rows
        .into_iter()
        .map(|(d, owner, _)| {
            Item::new(
                d.title,
                format!("/documents/{}", d.id),
                format!("{owner} · {}", d.updated_at.date()),
            )
            .status(format!("classification-{}", d.classification))
            .changed_at(d.updated_at, since)
        })
        .collect();
    Ok(Block::new(
        "shared-documents",
        items,
        Some("/documents".into()),
    ))
}

/// The matches the caller's organisation proposed or that are for its projects, with their
/// answers (an answer since the last visit is new).
pub fn own_proposals(
    conn: &mut DbConnection,
    user: &CurrentUser,
    since: Since,
) -> AppResult<Block> {
    let items = matches::of_own_organisation(conn, user, ITEMS)?
        .into_iter()
        .map(|m| {
            Item::new(
                format!("{} → {}", m.project_title, m.need_title),
                format!("/matches#match-{}", m.id),
                m.member_state.clone(),
            )
            .status(format!("match-status-{}", m.status))
            .changed_at(m.updated_at.naive(), since)
        })
        .collect();
    Ok(Block::new(
        "own-proposals",
        items,
        Some("/matches?all=1".into()),
    ))
}

/// Open needs that fit one of the organisation's open projects (a thematic area in common and
/// the same State, its region, or a global project), not matched with it nor dismissed.
pub fn needs_for_projects(
    conn: &mut DbConnection,
    user: &CurrentUser,
    since: Since,
) -> AppResult<Block> {
    let own = repo::open_projects_of(conn, &user.organisation_id)?;
    let candidates = repo::open_needs_near(conn, &content::scope(user), &own, 60)?;
    let need_ids: Vec<String> = candidates.iter().map(|n| n.id.clone()).collect();
    let project_ids: Vec<String> = own.iter().map(|p| p.id.clone()).collect();
    let paired = repo::paired(conn, &need_ids, &project_ids)?;
    let items = candidates
        .into_iter()
        .filter_map(|n| {
            let project = own.iter().find(|p| {
                p.areas.contains(&n.thematic_area)
                    && !paired.contains(&(n.id.clone(), p.id.clone()))
                    && (p.is_global
                        || p.state_ids.contains(&n.member_state_id)
                        || n.regional_group
                            .as_ref()
                            .is_some_and(|r| p.regions.contains(r)))
            })?;
            Some(
                Item::new(
                    n.title,
                    format!("/needs/{}", n.id),
                    format!("{} · {} · {}", n.state_code, n.thematic_area, project.title),
                )
                .changed_at(n.created_at, since),
            )
        })
        .take(ITEMS as usize)
        .collect();
    let more = format!("/projects?organisation={}", user.organisation_code);
    Ok(Block::new("needs-for-projects", items, Some(more)))
}

/// Possible overlaps not yet coordinated: those of the organisation's projects, or all the
/// caller may see (coordinators).
pub fn overlaps(conn: &mut DbConnection, user: &CurrentUser, own_only: bool) -> AppResult<Block> {
    let views = if own_only {
        let ids = repo::open_projects_of(conn, &user.organisation_id)?
            .into_iter()
            .map(|p| p.id)
            .collect();
        coordination::overlaps_involving(conn, user, ids, ITEMS as usize)?
    } else {
        let query = coordination::OverlapQuery {
            page: first_items(),
            ..Default::default()
        };
        coordination::list_overlaps(conn, user, query)?.items
    };
    let items = views
        .into_iter()
        .map(|o| {
            Item::new(
                format!("{} ↔ {}", o.project_a.title, o.project_b.title),
                format!("/projects/{}", o.project_a.id),
                format!(
                    "{} · {} · {}",
                    o.project_a.organisation,
                    o.project_b.organisation,
                    o.member_states.join(", ")
                ),
            )
        })
        .collect();
    Ok(Block::new(
        "overlaps",
        items,
        Some("/coordination/overlaps".into()),
    ))
}

/// Reports and consultations in draft (coordinators).
pub fn drafts(conn: &mut DbConnection, user: &CurrentUser) -> AppResult<Vec<Block>> {
    let report_query = reports::ReportQuery {
        status: Some("draft".into()),
        page: first_items(),
        ..Default::default()
    };
    let report_items = reports::list(conn, user, report_query)?
        .items
        .into_iter()
        .map(|r| {
            Item::new(
                r.title,
                format!("/reports/{}", r.id),
                format!("{} · {}", r.member_state, r.visit_date),
            )
        })
        .collect();
    let consultation_query = consultations::ConsultationQuery {
        status: Some("draft".into()),
        page: first_items(),
        ..Default::default()
    };
    let consultation_items = consultations::list(conn, user, consultation_query)?
        .items
        .into_iter()
        .map(|c| {
            Item::new(
                format!("{} · {}", c.member_state_name, c.programme),
                format!("/consultations/{}", c.id),
                c.held_on.to_string(),
            )
        })
        .collect();
    Ok(vec![
        Block::new(
            "draft-reports",
            report_items,
            Some("/reports?status=draft".into()),
        ),
        Block::new(
            "draft-consultations",
            consultation_items,
            Some("/consultations?status=draft".into()),
        ),
    ])
}

/// Progress values waiting for validation, oldest first (coordinators).
pub fn values_to_validate(conn: &mut DbConnection, since: Since) -> AppResult<Block> {
    let (rows, total) = repo::pending_progress(conn, ITEMS)?;
    let items = rows
        .into_iter()
        .map(|p| {
            Item::new(
                p.indicator,
                format!("/plans/{}#validation", p.plan_id),
                format!("{} · {}", p.state_code, p.reported_at.date()),
            )
            .changed_at(p.reported_at, since)
        })
        .collect();
    Ok(Block::new("values-to-validate", items, None).total(total))
}
