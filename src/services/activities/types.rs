//! What an activity takes in and gives out: inputs, views and clash warnings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::domain::activities::ClashReason;
use crate::domain::time::UtcTime;
pub use crate::domain::values::{ActivityKind, ActivityStatus, ActivityVisibility};
use crate::pagination::page_item;
pub use crate::repo::activities::{ActivityQuery, OrgRef};

/// A new activity. Dates are whole days, inclusive; the caller's organisation always organises.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActivity {
    pub title: String,
    pub kind: ActivityKind,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub description: String,
    /// ISO alpha-3 code of the Member State where it takes place.
    #[serde(default)]
    pub member_state: Option<String>,
    /// A regional group of Member States (`African`, `Asia-Pacific`, …).
    #[serde(default)]
    pub region: Option<String>,
    /// A programme code; its thematic area is recorded with it.
    #[serde(default)]
    pub programme: Option<String>,
    /// `planned` when not given.
    #[serde(default)]
    pub status: Option<ActivityStatus>,
    /// `platform` when not given.
    #[serde(default)]
    pub visibility: Option<ActivityVisibility>,
    /// Partner organisations' codes, beside the caller's own organisation.
    #[serde(default)]
    pub organisers: Vec<String>,
    #[serde(default)]
    pub project_id: Option<String>,
    #[serde(default)]
    pub plan_id: Option<String>,
    #[serde(default)]
    pub working_group: Option<String>,
}

/// Changes to an activity; absent fields stay. For the optional links and places an empty
/// string clears the value. Cancelling is `{"status": "cancelled"}`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub kind: Option<ActivityKind>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub member_state: Option<String>,
    pub region: Option<String>,
    pub programme: Option<String>,
    pub status: Option<ActivityStatus>,
    pub visibility: Option<ActivityVisibility>,
    /// Replaces the partners; the owning organisation stays an organiser.
    pub organisers: Option<Vec<String>>,
    pub project_id: Option<String>,
    pub plan_id: Option<String>,
    pub working_group: Option<String>,
}

impl ActivityPatch {
    /// Whether it names no field at all (a 400, unlike one that names unchanged fields).
    pub fn is_empty(&self) -> bool {
        let p = self;
        p.title.is_none()
            && p.description.is_none()
            && p.kind.is_none()
            && p.starts_on.is_none()
            && p.ends_on.is_none()
            && p.member_state.is_none()
            && p.region.is_none()
            && p.programme.is_none()
            && p.status.is_none()
            && p.visibility.is_none()
            && p.organisers.is_none()
            && p.project_id.is_none()
            && p.plan_id.is_none()
            && p.working_group.is_none()
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActivityView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub kind: ActivityKind,
    pub member_state: Option<String>,
    pub member_state_name: Option<String>,
    pub region: Option<String>,
    pub programme: Option<String>,
    pub thematic_area: Option<String>,
    pub project_id: Option<String>,
    pub plan_id: Option<String>,
    pub working_group: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: ActivityStatus,
    pub visibility: ActivityVisibility,
    /// Raised on every change (the iCalendar `SEQUENCE`).
    pub sequence: i32,
    /// The owning organisation's code.
    pub organisation: String,
    pub organisers: Vec<OrgRef>,
    pub created_at: UtcTime,
    pub updated_at: UtcTime,
}

/// Another activity on the same days, named only when the caller may see it.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct Clash {
    pub id: String,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub reason: ClashReason,
}

/// A created or changed activity with the clash warnings of its days.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActivitySaved {
    #[serde(flatten)]
    pub activity: ActivityView,
    /// Empty when nothing clashes, or when a change moved neither dates, State nor programme.
    pub clashes: Vec<Clash>,
}

/// One activity, and whether the caller may edit it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActivityDetail {
    #[serde(flatten)]
    pub activity: ActivityView,
    pub may_edit: bool,
}

/// One kept version: the activity as it was before an edit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActivityVersionView {
    pub sequence: i32,
    pub edited_by: String,
    pub edited_at: UtcTime,
    pub changes: Vec<String>,
    #[schema(value_type = Object)]
    pub previous: serde_json::Value,
}

/// The days and places a clash preview asks about.
#[derive(Debug, Clone, Default)]
pub struct ClashQuestion {
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub member_state: Option<String>,
    pub programme: Option<String>,
    /// An activity being edited, left out of its own warnings.
    pub exclude: Option<String>,
}

page_item!(pub type ActivityPage = Page<ActivityView>);
