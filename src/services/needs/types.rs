//! What a need takes in and gives out: priority, status, inputs, views.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::time::UtcTime;
use crate::domain::values::NeedVisibility;
pub use crate::domain::values::{NeedStatus, Priority};
use crate::pagination::page_item;
use crate::repo::needs::Need;
pub use crate::repo::needs::{NeedQuery, NeedSort};
use crate::repo::reports::StateRef;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNeed {
    pub member_state: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub thematic_area: String,
    pub priority: Priority,
    #[serde(default)]
    pub report_id: Option<String>,
    #[serde(default)]
    pub section_id: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub thematic_area: Option<String>,
    pub priority: Option<Priority>,
    pub status: Option<NeedStatus>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub body: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NeedView {
    pub id: String,
    pub member_state: String,
    pub member_state_name: String,
    pub report_id: Option<String>,
    pub section_id: Option<String>,
    pub title: String,
    pub description: String,
    pub thematic_area: String,
    pub priority: String,
    pub status: String,
    /// True when the need came from a withheld section or a draft: coordinators and the
    /// concerned State only.
    pub restricted: bool,
    pub created_at: UtcTime,
    pub updated_at: UtcTime,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentView {
    pub id: String,
    pub author: String,
    pub organisation: String,
    pub body: String,
    pub created_at: UtcTime,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NeedDetail {
    #[serde(flatten)]
    pub need: NeedView,
    /// Present for coordinators and the concerned State.
    pub comments: Option<Vec<CommentView>>,
    pub may_comment: bool,
}

page_item!(pub type NeedPage = Page<NeedView>);

pub fn need_view(need: Need, state: StateRef) -> NeedView {
    NeedView {
        restricted: need.visibility != NeedVisibility::Published,
        id: need.id,
        member_state: state.code,
        member_state_name: state.name,
        report_id: need.report_id,
        section_id: need.section_id,
        title: need.title,
        description: need.description,
        thematic_area: need.thematic_area,
        priority: need.priority.to_string(),
        status: need.status.to_string(),
        created_at: need.created_at.into(),
        updated_at: need.updated_at.into(),
    }
}
