//! What suggestions give out, and what a dismissal takes in.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::domain::suggestions::Reason;
use crate::domain::time::UtcTime;

/// A project suggested for a need.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectSuggestion {
    pub project_id: String,
    pub title: String,
    /// The project's organisation code.
    pub organisation: String,
    /// In [0, 1]: place 0.30, text similarity 0.25, thematic area 0.20, dates 0.15,
    /// programme 0.10.
    pub score: f64,
    pub reasons: Vec<Reason>,
    /// Whether the caller may propose this match.
    pub may_propose: bool,
    /// Whether the caller may dismiss this suggestion.
    pub may_dismiss: bool,
}

/// A need suggested for a project.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NeedSuggestion {
    pub need_id: String,
    pub title: String,
    /// The need's State (ISO alpha-3 code).
    pub member_state: String,
    /// In [0, 1], weighted as for [`ProjectSuggestion::score`].
    pub score: f64,
    pub reasons: Vec<Reason>,
    pub may_propose: bool,
    pub may_dismiss: bool,
}

/// Projects for a need, best first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectSuggestions {
    pub items: Vec<ProjectSuggestion>,
}

/// Needs for a project, best first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NeedSuggestions {
    pub items: Vec<NeedSuggestion>,
}

/// A suggestion dismissed for good: the pair is not suggested again from either side.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDismissal {
    pub need_id: String,
    pub project_id: String,
    /// Why it does not fit; required.
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DismissalView {
    pub id: String,
    pub need_id: String,
    pub project_id: String,
    pub reason: String,
    pub created_at: UtcTime,
}
