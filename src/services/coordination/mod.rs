//! Who does what where (issue 12): the matrix of Member States by thematic area, the coverage
//! figures of the dashboard, possible overlaps between projects and the 3W export. Everything
//! counts or names only what the caller may see (`access::coordination`).
//!
//! Counting rules, kept simple so a reader can check a figure:
//! - a need counts in its State's row and its area's column; "open" is status `open`,
//!   "uncovered" an open need with no accepted or completed match;
//! - a project counts for a State only if it lists that State: regional and global projects
//!   (which name no State) are in no row, in no possible overlap, and in the 3W export once
//!   per area without a country; cancelled projects count nowhere in the matrix;
//! - "organisations" are the distinct owners of the projects counted in the cell.

use std::collections::HashMap;
use std::sync::Arc;

use crate::access::coordination::CoordinationScope;
use crate::access::reports::ReportScope;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::repo::coordination::{self as repo, CellFilter};
use crate::repo::data_versions;
use crate::services::{content, kept, reference};
use crate::state::Versioned;

mod overlaps;
mod three_w;
mod types;
pub use overlaps::{
    list_overlaps, mark_coordinated, overlap_counts, overlaps_involving, overlaps_of_project,
};
pub use three_w::export_3w;
pub use types::*;

/// What the caller may see, for the coordination views.
pub fn scope(user: &CurrentUser) -> CoordinationScope {
    CoordinationScope::for_actor(&user.actor())
}

/// A thematic area, if one is given: one of the reference list; else 400.
pub fn check_area(area: Option<&str>) -> AppResult<Option<String>> {
    match area.map(str::trim).filter(|a| !a.is_empty()) {
        None => Ok(None),
        Some(a) => reference::known_thematic_area(a).map(Some),
    }
}

/// The checked filters, and the columns they leave (a programme keeps its own area's).
fn cell_filter(q: &MatrixQuery) -> AppResult<(CellFilter, Vec<&'static str>)> {
    let region = content::check_region(q.region.as_deref())?;
    let programme = content::check_programme(q.programme.as_deref())?;
    let area = check_area(q.thematic_area.as_deref())?;
    let programme_area = programme.as_ref().and_then(|code| {
        reference::programmes()
            .iter()
            .find(|p| &p.code == code)
            .map(|p| p.thematic_area.clone())
    });
    let columns: Vec<&'static str> = reference::thematic_areas()
        .iter()
        .filter(|a| area.as_ref().map_or(true, |x| x == *a))
        .filter(|a| programme_area.as_ref().map_or(true, |x| x == *a))
        .map(String::as_str)
        .collect();
    let filter = CellFilter {
        region,
        thematic_area: area.or(programme_area),
        programme,
    };
    Ok((filter, columns))
}

/// The matrix the caller may see, narrowed by `q`, with its States' names: kept per scope and
/// filters for the version of the coordination data (`repo::data_versions`), read first, so
/// an answer is never older than it; computed by [`compute_matrix`] when the version moved.
pub fn matrix(
    conn: &mut DbConnection,
    user: &CurrentUser,
    q: MatrixQuery,
    kept: &Versioned<MatrixKey, MatrixView>,
) -> AppResult<Arc<MatrixView>> {
    let (filter, columns) = cell_filter(&q)?;
    let scope = scope(user);
    let key = MatrixKey {
        scope: scope.clone(),
        filter: filter.clone(),
    };
    kept::for_version(conn, data_versions::COORDINATION, kept, key, |conn| {
        compute_matrix(conn, &scope, &filter, &columns)
    })
}

/// The matrix and the names of its States by code. Two queries over the trigger-kept cells,
/// whatever the number of needs and projects; their rows are added into a grid indexed by
/// State and column, so no key is copied or hashed for each of the ~1,700 cells.
fn compute_matrix(
    conn: &mut DbConnection,
    scope: &CoordinationScope,
    filter: &CellFilter,
    columns: &[&'static str],
) -> AppResult<MatrixView> {
    let states = repo::member_states(conn, filter.region.as_deref())?;
    let row_of: HashMap<&str, usize> = states
        .iter()
        .enumerate()
        .map(|(i, (id, ..))| (id.as_str(), i))
        .collect();
    let width = columns.len();
    let mut counts = vec![[0i64; 4]; states.len() * width];
    let cell = |state: &str, area: &str| {
        let row = row_of.get(state)?;
        let column = columns.iter().position(|c| *c == area)?;
        Some(row * width + column)
    };
    for (state, area, covered, needs) in repo::open_need_cells(conn, &scope.needs, filter)? {
        if let Some(i) = cell(&state, &area) {
            counts[i][0] += needs;
            if !covered {
                counts[i][1] += needs;
            }
        }
    }
    for (state, area, projects, organisations) in
        repo::project_cells(conn, &scope.projects, filter)?
    {
        if let Some(i) = cell(&state, &area) {
            counts[i][2] += projects;
            counts[i][3] += organisations;
        }
    }
    let mut names = HashMap::with_capacity(states.len());
    let rows = states
        .into_iter()
        .enumerate()
        .map(|(i, (_, code, name, _))| {
            let counts = &counts[i * width..(i + 1) * width];
            let cells = columns
                .iter()
                .zip(counts)
                .map(|(area, c)| MatrixCell {
                    thematic_area: area,
                    open_needs: c[0],
                    uncovered_needs: c[1],
                    projects: c[2],
                    organisations: c[3],
                })
                .collect();
            names.insert(code.clone(), name);
            MatrixRow {
                member_state: code,
                cells,
            }
        })
        .collect();
    Ok(MatrixView::new(Matrix { rows }, names))
}

/// The dashboard's figures of the needs the caller may see: kept per needs scope for the
/// version of the coordination data, like the matrix ([`matrix`]).
pub fn need_figures(
    conn: &mut DbConnection,
    user: &CurrentUser,
    kept: &Versioned<ReportScope, NeedFigures>,
) -> AppResult<Arc<NeedFigures>> {
    let scope = scope(user).needs;
    kept::for_version(
        conn,
        data_versions::COORDINATION,
        kept,
        scope.clone(),
        |conn| {
            Ok(NeedFigures {
                open: repo::open_need_total(conn, &scope)?,
                coverage: coverage(conn, &scope)?,
            })
        },
    )
}

/// Uncovered open needs the scope grants, by region and by thematic area, largest first.
fn coverage(conn: &mut DbConnection, scope: &ReportScope) -> AppResult<Coverage> {
    let mut by_region: Vec<(String, i64)> = repo::uncovered_by_region(conn, scope)?
        .into_iter()
        .filter_map(|(region, n)| region.map(|r| (r, n)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut by_area: Vec<(String, i64)> = repo::uncovered_by_area(conn, scope)?
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect();
    by_region.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    by_area.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(Coverage { by_region, by_area })
}
