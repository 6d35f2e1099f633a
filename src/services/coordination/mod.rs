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

use crate::access::coordination::CoordinationScope;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::repo::coordination::{self as repo, CellFilter};
use crate::services::{content, reference};

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

/// The matrix, and the names of its States by code (for the page). Two queries over the
/// trigger-kept cells, whatever the number of needs and projects; their rows are added into a
/// grid indexed by State and column, so no key is copied or hashed for each of the ~1,700 cells.
pub fn matrix_with_names(
    conn: &mut DbConnection,
    user: &CurrentUser,
    q: MatrixQuery,
) -> AppResult<(Matrix, HashMap<String, String>)> {
    let (filter, columns) = cell_filter(&q)?;
    let scope = scope(user);
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
    for (state, area, covered, needs) in repo::open_need_cells(conn, &scope.needs, &filter)? {
        if let Some(i) = cell(&state, &area) {
            counts[i][0] += needs;
            if !covered {
                counts[i][1] += needs;
            }
        }
    }
    for (state, area, projects, organisations) in
        repo::project_cells(conn, &scope.projects, &filter)?
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
    Ok((Matrix { rows }, names))
}

/// The matrix (`GET /api/v1/coordination/matrix`).
pub fn matrix(conn: &mut DbConnection, user: &CurrentUser, q: MatrixQuery) -> AppResult<Matrix> {
    Ok(matrix_with_names(conn, user, q)?.0)
}

/// Uncovered open needs the caller may see, by region and by thematic area, largest first.
pub fn coverage(conn: &mut DbConnection, user: &CurrentUser) -> AppResult<Coverage> {
    let scope = scope(user);
    let mut by_region: Vec<(String, i64)> = repo::uncovered_by_region(conn, &scope.needs)?
        .into_iter()
        .filter_map(|(region, n)| region.map(|r| (r, n)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut by_area: Vec<(String, i64)> = repo::uncovered_by_area(conn, &scope.needs)?
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect();
    by_region.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    by_area.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(Coverage { by_region, by_area })
}
