//! What the working groups take in and give out.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::domain::groups::GroupRole;
use crate::domain::time::UtcTime;
use crate::services::activities::ActivityView;
use crate::services::documents::DocumentView;

/// A group in the list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupSummary {
    pub code: String,
    pub name: String,
    /// How many organisations take part (every role).
    pub members: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberView {
    /// The organisation's code.
    pub organisation: String,
    pub name: String,
    pub role: GroupRole,
    pub added_at: UtcTime,
}

/// A thread addressed to the group, as its page lists it (only threads the reader sees).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupThread {
    pub id: String,
    pub subject: String,
    pub last_message_at: UtcTime,
}

/// A group's space: members, its work plan (upcoming activities linked to it), and the
/// documents and threads addressed to it that the reader may see.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupDetail {
    pub code: String,
    pub name: String,
    /// Its access-list and thread audience: `group:CODE`.
    pub audience: String,
    pub members: Vec<MemberView>,
    pub activities: Vec<ActivityView>,
    pub documents: Vec<DocumentView>,
    pub threads: Vec<GroupThread>,
    /// Whether the reader may add and remove members.
    pub may_manage: bool,
    /// Whether the reader's organisation is a member (so reads what is addressed to it).
    pub is_member: bool,
}

/// A new working group (coordinators).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    /// 2 to 20 letters, digits, dashes or underscores.
    pub code: String,
    pub name: String,
}

/// Adds an organisation to a group, or changes its role.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    /// The organisation's code.
    pub organisation: String,
    /// `member` when not given.
    #[serde(default)]
    pub role: Option<GroupRole>,
}
