//! What a match takes in and gives out.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::time::UtcTime;
pub use crate::domain::values::MatchStatus;
use crate::pagination::{page_item, PageParams};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMatch {
    pub need_id: String,
    pub project_id: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchPatch {
    /// `accepted` or `declined` (the concerned State), `completed` (the project's organisation).
    pub status: MatchStatus,
    /// Why; required to decline.
    #[serde(default)]
    pub reason: Option<String>,
}

/// One step of a match's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatchEventView {
    /// The name of who made the step.
    pub actor: String,
    /// Absent for the proposal itself.
    pub from: Option<MatchStatus>,
    pub to: MatchStatus,
    pub reason: Option<String>,
    pub at: UtcTime,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatchView {
    pub id: String,
    pub need_id: String,
    pub need_title: String,
    /// The need's State (ISO alpha-3 code).
    pub member_state: String,
    pub project_id: String,
    pub project_title: String,
    /// The project's organisation code.
    pub organisation: String,
    pub status: MatchStatus,
    pub note: String,
    /// The code of the organisation that proposed the match.
    pub proposed_by: String,
    /// The reason given with the last decision, if any.
    pub reason: Option<String>,
    pub history: Vec<MatchEventView>,
    /// Whether the caller may accept or decline it now.
    pub may_decide: bool,
    /// Whether the caller may mark it completed now.
    pub may_complete: bool,
    pub created_at: UtcTime,
    pub updated_at: UtcTime,
}

page_item!(pub type MatchPage = Page<MatchView>);

#[derive(Debug, Clone, Default)]
pub struct MatchQuery {
    pub status: Option<String>,
    pub need_id: Option<String>,
    pub project_id: Option<String>,
    pub member_state: Option<String>,
    /// `me`: what waits for the caller.
    pub waiting: Option<String>,
    pub page: PageParams,
}
