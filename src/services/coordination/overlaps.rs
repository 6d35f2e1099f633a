//! Possible overlaps: two projects of different organisations, neither cancelled, listing a
//! same State, with a thematic area in common and overlapping dates. Found among the
//! placements (project × listed State × area) the caller may see, grouped by State and area
//! and swept by start date; shown until someone marks the pair "coordinated" with a note.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::access::coordination::require_mark_coordinated;
use crate::access::projects::ProjectScope;
use crate::auth::tokens::{is_id, require_id};
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::now;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::{self, Page, PageSize};
use crate::repo::coordination::{self as repo, OverlapNote, Placement, PlacementFilter};
use crate::repo::projects::find_visible;
use crate::services::audit::{self, Event};
use crate::services::content;

use super::types::*;
use super::{check_area, scope};

/// Where two projects meet: State ids and areas.
type Meeting = (BTreeSet<String>, BTreeSet<String>);

/// The pairs (smaller id first) and where they meet.
type Pairs = BTreeMap<(String, String), Meeting>;

/// Calls `meet` with (State id, area, one project, the other) for every possible overlap
/// among these placements: grouped by State and area, swept by start date.
fn sweep(placements: Vec<Placement>, mut meet: impl FnMut(&str, &str, &str, &str)) {
    let mut groups: HashMap<(String, String), Vec<Placement>> = HashMap::new();
    for p in placements {
        groups
            .entry((p.state_id.clone(), p.thematic_area.clone()))
            .or_default()
            .push(p);
    }
    for ((state, area), mut group) in groups {
        group.sort_by_key(|x| x.starts_on);
        for (i, x) in group.iter().enumerate() {
            // Sorted by start: a later project overlaps `x` while it starts before `x` ends.
            for y in group[i + 1..]
                .iter()
                .take_while(|y| y.starts_on <= x.ends_on)
            {
                if x.owner_org_id == y.owner_org_id || x.project_id == y.project_id {
                    continue;
                }
                meet(&state, &area, &x.project_id, &y.project_id);
            }
        }
    }
}

/// The possible overlaps among these placements.
fn pairs_among(placements: Vec<Placement>) -> Pairs {
    let mut pairs = Pairs::new();
    sweep(placements, |state, area, x, y| {
        let entry = pairs.entry(ordered(x, y)).or_default();
        entry.0.insert(state.to_string());
        entry.1.insert(area.to_string());
    });
    pairs
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

fn pairs_where(
    conn: &mut DbConnection,
    scope: &ProjectScope,
    filter: &PlacementFilter,
) -> AppResult<Pairs> {
    Ok(pairs_among(repo::placements(conn, scope, filter)?))
}

/// The views of these pairs: three queries whatever their number.
fn views_of(
    conn: &mut DbConnection,
    pairs: Vec<((String, String), Meeting)>,
) -> AppResult<Vec<OverlapView>> {
    let mut ids: Vec<&str> = pairs
        .iter()
        .flat_map(|((a, b), _)| [a.as_str(), b.as_str()])
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let labels = repo::project_labels(conn, &ids)?;
    let notes: HashMap<(String, String), (OverlapNote, String)> = repo::notes_of(conn, &ids)?
        .into_iter()
        .map(|(n, code)| ((n.project_a.clone(), n.project_b.clone()), (n, code)))
        .collect();
    let state_ids: Vec<&str> = pairs
        .iter()
        .flat_map(|(_, (states, _))| states.iter().map(String::as_str))
        .collect();
    let codes = crate::repo::matches::organisation_codes(conn, &state_ids)?;
    let project = |id: &str| {
        let (title, organisation, status, owner_id) = labels
            .get(id)
            .map(|(t, o, s, owner)| (t.clone(), o.clone(), s.to_string(), owner.clone()))
            .unwrap_or_default();
        OverlapProject {
            id: id.to_string(),
            title,
            organisation,
            status,
            owner_id,
        }
    };
    Ok(pairs
        .iter()
        .map(|((a, b), (states, areas))| {
            let mut member_states: Vec<String> = states
                .iter()
                .filter_map(|s| codes.get(s).cloned())
                .collect();
            member_states.sort();
            OverlapView {
                project_a: project(a),
                project_b: project(b),
                member_states,
                thematic_areas: areas.iter().cloned().collect(),
                coordinated: notes
                    .get(&(a.clone(), b.clone()))
                    .map(|(n, by)| CoordinatedNote {
                        note: n.note.clone(),
                        by: by.clone(),
                        at: n.marked_at.into(),
                    }),
            }
        })
        .collect())
}

/// The possible overlaps the caller may see, by pair, after the cursor.
pub fn list_overlaps(
    conn: &mut DbConnection,
    user: &CurrentUser,
    q: OverlapQuery,
) -> AppResult<OverlapPage> {
    let limit = q.page.limit(PageSize::STANDARD);
    let after: Option<(String, String)> = pagination::decode_seek(q.page.cursor())?;
    let mut filter = PlacementFilter {
        thematic_area: check_area(q.thematic_area.as_deref())?,
        ..PlacementFilter::default()
    };
    if let Some(code) = q
        .member_state
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        filter.state_id = Some(content::member_state(conn, code)?.id);
    }
    let project = q
        .project
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(id) = project {
        if !is_id(id) {
            return Ok(Page::cut(Vec::new(), limit, |_: &OverlapView| {
                String::new()
            }));
        }
        filter.near_projects = Some(vec![id.to_string()]);
    }
    let pairs = pairs_where(conn, &scope(user).projects, &filter)?;
    let coordinated = if q.include_coordinated {
        Default::default()
    } else {
        repo::note_keys(conn)?
    };
    let rows: Vec<_> = pairs
        .into_iter()
        .filter(|(key, _)| project.map_or(true, |p| key.0 == p || key.1 == p))
        .filter(|(key, _)| !coordinated.contains(key))
        .filter(|(key, _)| after.as_ref().map_or(true, |a| key > a))
        .take(usize::try_from(limit).unwrap_or(0) + 1)
        .collect();
    let page = Page::cut(rows, limit, |(key, _)| pagination::encode_seek(key));
    Ok(Page {
        items: views_of(conn, page.items)?,
        next_cursor: page.next_cursor,
    })
}

/// A project's possible overlaps the caller may see, coordinated ones included (its page).
pub fn overlaps_of_project(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project_id: &str,
) -> AppResult<Vec<OverlapView>> {
    let filter = PlacementFilter {
        near_projects: Some(vec![require_id(project_id)?.to_string()]),
        ..PlacementFilter::default()
    };
    let pairs: Vec<_> = pairs_where(conn, &scope(user).projects, &filter)?
        .into_iter()
        .filter(|((a, b), _)| a == project_id || b == project_id)
        .collect();
    views_of(conn, pairs)
}

/// Possible overlaps not yet coordinated, by (State code, area): the matrix page's marks. A
/// pair counts in each cell where both projects meet, counted in the sweep (no map of every
/// pair: thousands of projects make hundreds of thousands of pairs).
/// The possible overlaps not yet coordinated that involve any of these projects (their
/// organisation's dashboard), at most `limit`.
pub fn overlaps_involving(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project_ids: Vec<String>,
    limit: usize,
) -> AppResult<Vec<OverlapView>> {
    if project_ids.is_empty() {
        return Ok(Vec::new());
    }
    let filter = PlacementFilter {
        near_projects: Some(project_ids.clone()),
        ..PlacementFilter::default()
    };
    let coordinated = repo::note_keys(conn)?;
    let pairs: Vec<_> = pairs_where(conn, &scope(user).projects, &filter)?
        .into_iter()
        .filter(|((a, b), _)| project_ids.contains(a) || project_ids.contains(b))
        .filter(|(key, _)| !coordinated.contains(key))
        .take(limit)
        .collect();
    views_of(conn, pairs)
}

/// Possible overlaps not yet coordinated, by (State code, area): the matrix page's marks.
pub fn overlap_counts(
    conn: &mut DbConnection,
    user: &CurrentUser,
) -> AppResult<HashMap<(String, String), i64>> {
    let placements = repo::placements(conn, &scope(user).projects, &PlacementFilter::default())?;
    let coordinated = repo::note_keys(conn)?;
    let mut by_state: HashMap<(String, String), i64> = HashMap::new();
    sweep(placements, |state, area, x, y| {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        if !coordinated.contains(&(a.to_string(), b.to_string())) {
            *by_state
                .entry((state.to_string(), area.to_string()))
                .or_insert(0) += 1;
        }
    });
    let codes: HashMap<String, String> = repo::organisation_names(conn)?
        .into_iter()
        .map(|(id, (code, _))| (id, code))
        .collect();
    Ok(by_state
        .into_iter()
        .filter_map(|((state, area), n)| Some(((codes.get(&state)?.clone(), area), n)))
        .collect())
}

/// Marks a possible overlap coordinated, with a note (audited). Both projects must be
/// visible (404), the caller a coordinator or a focal point of either owner (403), the note
/// given (400), the pair a possible overlap (400) and not marked yet (409).
pub fn mark_coordinated(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    input: NewOverlapNote,
) -> AppResult<OverlapView> {
    let (a, b) = ordered(input.project_a.trim(), input.project_b.trim());
    let scope = scope(user).projects;
    let first = find_visible(conn, &scope, require_id(&a)?)?.ok_or(AppError::NotFound)?;
    let second = find_visible(conn, &scope, require_id(&b)?)?.ok_or(AppError::NotFound)?;
    require_mark_coordinated(&user.actor(), &first.owner_org_id, &second.owner_org_id)?;
    let note = content::block("note", &input.note, 2_000)?;
    if note.is_empty() {
        return Err(AppError::invalid(
            ErrorCode::InvalidField,
            "note: say how the two organisations coordinate",
        ));
    }
    let filter = PlacementFilter {
        near_projects: Some(vec![a.clone()]),
        ..PlacementFilter::default()
    };
    let mut pairs = pairs_where(conn, &scope, &filter)?;
    let Some(meeting) = pairs.remove(&(a.clone(), b.clone())) else {
        return Err(AppError::invalid(
            ErrorCode::InvalidField,
            "these two projects are not a possible overlap",
        ));
    };
    let row = OverlapNote {
        project_a: a.clone(),
        project_b: b.clone(),
        note,
        marked_by: user.id.clone(),
        marked_by_org_id: user.organisation_id.clone(),
        marked_at: now(),
    };
    write_transaction::<_, AppError, _>(conn, |conn| {
        repo::insert_note(conn, &row).map_err(|e| match AppError::from(e) {
            AppError::Conflict(_) => {
                AppError::Conflict("this overlap is already marked coordinated".into())
            }
            other => other,
        })?;
        let details = serde_json::json!({"project_b": b});
        let event = Event::by("overlap.coordinated", user, ip)
            .target("project", &a)
            .details(details);
        audit::record(conn, event)?;
        Ok(())
    })?;
    Ok(views_of(conn, vec![((a, b), meeting)])?.remove(0))
}
