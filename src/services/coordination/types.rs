//! What the coordination views take in and give out.

use std::collections::HashMap;

use actix_web::web::Bytes;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::coordination::CoordinationScope;
use crate::domain::time::UtcTime;
use crate::error::AppResult;
use crate::pagination::{page_item, PageParams};
use crate::repo::coordination::CellFilter;
use crate::services::kept::JsonOnce;

/// The matrix's narrowing, as given (blank values are no filter).
#[derive(Debug, Clone, Default)]
pub struct MatrixQuery {
    /// A UN regional group: its States only.
    pub region: Option<String>,
    /// A programme code: its projects only, and its thematic area's column.
    pub programme: Option<String>,
    pub thematic_area: Option<String>,
}

/// Who does what where: one row per Member State, one cell per thematic area.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Matrix {
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatrixRow {
    /// ISO alpha-3 code.
    pub member_state: String,
    pub cells: Vec<MatrixCell>,
}

/// What the viewer may see in one State and area.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatrixCell {
    pub thematic_area: &'static str,
    /// Needs with status `open`.
    pub open_needs: i64,
    /// Open needs with no accepted or completed match.
    pub uncovered_needs: i64,
    /// Projects, not cancelled, that list the State (regional and global ones do not count).
    pub projects: i64,
    /// Organisations owning those projects.
    pub organisations: i64,
}

/// Whose matrix and how narrowed: what it is kept under (`AppState::matrices`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatrixKey {
    pub(super) scope: CoordinationScope,
    pub(super) filter: CellFilter,
}

/// A matrix, the names of its States by code (for the page), and its JSON, written once,
/// when first asked for.
#[derive(Debug)]
pub struct MatrixView {
    pub matrix: Matrix,
    pub names: HashMap<String, String>,
    json: JsonOnce,
}

impl MatrixView {
    pub(super) fn new(matrix: Matrix, names: HashMap<String, String>) -> Self {
        MatrixView {
            matrix,
            names,
            json: JsonOnce::default(),
        }
    }

    /// The matrix as JSON (`GET /api/v1/coordination/matrix`).
    pub fn json(&self) -> AppResult<Bytes> {
        self.json.get(&self.matrix)
    }
}

/// The dashboard's figures of the needs a scope grants: open ones, and the uncovered ones.
#[derive(Debug)]
pub struct NeedFigures {
    pub open: i64,
    pub coverage: Coverage,
}

/// Uncovered needs by region and by thematic area (the dashboard).
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub by_region: Vec<(String, i64)>,
    pub by_area: Vec<(String, i64)>,
}

/// The filters of the list of possible overlaps.
#[derive(Debug, Clone, Default)]
pub struct OverlapQuery {
    /// A Member State's code.
    pub member_state: Option<String>,
    pub thematic_area: Option<String>,
    /// One project's overlaps.
    pub project: Option<String>,
    /// Also the pairs already marked coordinated.
    pub include_coordinated: bool,
    pub page: PageParams,
}

/// A project of a possible overlap.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverlapProject {
    pub id: String,
    pub title: String,
    /// The owner organisation's code.
    pub organisation: String,
    pub status: String,
    /// The owner's id (for the access rules of the pages; not in the JSON).
    #[serde(skip)]
    pub owner_id: String,
}

/// Two projects of different organisations in a State both list, with a thematic area in
/// common and overlapping dates, neither cancelled.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverlapView {
    pub project_a: OverlapProject,
    pub project_b: OverlapProject,
    /// The States both list (codes).
    pub member_states: Vec<String>,
    /// The thematic areas they share there.
    pub thematic_areas: Vec<String>,
    /// Set once someone marked the pair coordinated.
    pub coordinated: Option<CoordinatedNote>,
}

page_item! {
    /// A page of possible overlaps.
    pub type OverlapPage = Page<OverlapView>;
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoordinatedNote {
    pub note: String,
    /// The code of the organisation of whoever marked it.
    pub by: String,
    pub at: UtcTime,
}

/// `POST /api/v1/coordination/overlaps`: marks a pair coordinated.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOverlapNote {
    pub project_a: String,
    pub project_b: String,
    pub note: String,
}
