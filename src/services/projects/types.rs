//! What a project takes in and gives out: inputs, views, the list query.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::domain::time::UtcTime;
pub use crate::domain::values::{ProjectStatus, ProjectVisibility};
use crate::pagination::{page_item, PageParams, Sort};
pub use crate::repo::projects::ProjectSort;

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Zero or more, in units of the currency (at most two decimals are kept).
    pub amount: f64,
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The owner's organisation code; only coordinators may name another organisation than
    /// their own. Defaults to the caller's.
    #[serde(default)]
    pub organisation: Option<String>,
    /// A reference programme code.
    #[serde(default)]
    pub programme: Option<String>,
    #[serde(default = "planned")]
    pub status: ProjectStatus,
    /// At least one area of the reference list.
    pub thematic_areas: Vec<String>,
    /// ISO 3166 alpha-3 codes; with no State and no region the project is global.
    #[serde(default)]
    pub member_states: Vec<String>,
    /// UN regional groups the project is offered to.
    #[serde(default)]
    pub regions: Vec<String>,
    #[schema(value_type = String, format = Date)]
    pub starts_on: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub budget: Option<Budget>,
    /// Codes of partner organisations.
    #[serde(default)]
    pub partners: Vec<String>,
    /// A user id or e-mail address of an active account of the owner organisation.
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default = "platform")]
    pub visibility: ProjectVisibility,
}

fn planned() -> ProjectStatus {
    ProjectStatus::Planned
}

fn platform() -> ProjectVisibility {
    ProjectVisibility::Platform
}

/// A field that may be set to `null`: absent is `None`, `null` is `Some(None)`.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Changes to a project: absent fields stay as they are; `programme`, `budget` and `contact`
/// are removed with `null`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub organisation: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub programme: Option<Option<String>>,
    pub status: Option<ProjectStatus>,
    pub thematic_areas: Option<Vec<String>>,
    pub member_states: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    #[schema(value_type = Option<String>, format = Date)]
    pub starts_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub ends_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Budget>)]
    pub budget: Option<Option<Budget>>,
    pub partners: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub contact: Option<Option<String>>,
    pub visibility: Option<ProjectVisibility>,
}

/// Why a project counts for the State a list is filtered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AppliesBy {
    /// The State is named.
    State,
    /// The State's regional group is named.
    Region,
    /// The project names no State and no region.
    Global,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContactView {
    pub id: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectView {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The owner's organisation code.
    pub organisation: String,
    pub organisation_name: String,
    /// The owner's organisation id, for the access rules.
    #[serde(skip)]
    pub owner_id: String,
    pub programme: Option<String>,
    pub status: ProjectStatus,
    /// The IATI activity status code of `status` (1, 2, 3 or 5).
    pub iati_status: u8,
    pub visibility: ProjectVisibility,
    pub thematic_areas: Vec<String>,
    pub member_states: Vec<String>,
    pub regions: Vec<String>,
    /// True when the project names no State and no region.
    pub global: bool,
    #[schema(value_type = String, format = Date)]
    pub starts_on: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub ends_on: NaiveDate,
    pub budget: Option<Budget>,
    pub partners: Vec<String>,
    pub contact: Option<ContactView>,
    pub version: i32,
    pub created_at: UtcTime,
    pub updated_at: UtcTime,
    /// In a list filtered on a State: why the project counts for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_by: Option<AppliesBy>,
}

page_item!(pub type ProjectPage = Page<ProjectView>);

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    pub version: i32,
    pub editor: String,
    pub edited_at: UtcTime,
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ProjectQuery {
    pub member_state: Option<String>,
    pub thematic_area: Option<String>,
    pub organisation: Option<String>,
    pub programme: Option<String>,
    pub status: Option<String>,
    pub text: Option<String>,
    /// The order a page chose (the API's lists keep the default order).
    pub sort: Option<Sort<ProjectSort>>,
    pub page: PageParams,
}
