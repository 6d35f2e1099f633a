//! What a consultation takes in and gives out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::plans::{ConsultationStatus, MeasureKind};
use crate::domain::time::UtcTime;
use crate::domain::values::Consent;
use crate::pagination::page_item;
pub use crate::repo::consultations::ConsultationQuery;

pub const MAX_MEASURES: usize = 50;
pub const MAX_AREAS: usize = 10;
pub const MAX_ORGANISATIONS: usize = 50;

/// A measure's baseline: its value (a number, or text for a qualitative measure) on a date.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BaselineInput {
    /// A number for `unit` and `percentage` measures, text for `qualitative` ones.
    #[schema(value_type = Object)]
    pub value: serde_json::Value,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureInput {
    /// The international requirement met, e.g. "UNSCR 2396 (2017), operative paragraph 11".
    pub requirement: String,
    #[serde(default)]
    pub recommendation: String,
    /// Reference thematic areas where the programme can bring assistance; each becomes a need.
    #[serde(default)]
    pub assistance_areas: Vec<String>,
    pub indicator: String,
    /// The indicator's unit, e.g. "days" (empty for percentages and qualitative measures).
    #[serde(default)]
    pub unit: String,
    /// `unit`, `percentage` or `qualitative` (IATI indicator measures 1, 2, 5).
    pub measure: MeasureKind,
    /// Whether higher is better (the target is then above the baseline).
    #[serde(default = "yes")]
    pub ascending: bool,
    pub baseline: BaselineInput,
    /// A number for numeric measures, text for qualitative ones; not the baseline.
    #[schema(value_type = Object)]
    pub target: serde_json::Value,
    /// After the consultation and the baseline's date.
    #[schema(value_type = String, format = Date)]
    pub due_on: NaiveDate,
    /// Organisation codes responsible for the measure.
    #[serde(default)]
    pub responsible: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConsultation {
    /// ISO 3166 alpha-3 code of the Member State.
    pub member_state: String,
    /// A programme code.
    pub programme: String,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub gaps: String,
    #[serde(default)]
    pub obstacles: String,
    #[serde(default)]
    pub ongoing_actions: String,
    /// Organisation codes of the participants.
    #[serde(default)]
    pub participants: Vec<String>,
    /// `published`: the State shares the plan with Compact entities and coordinator offices;
    /// `withheld`: coordinators and the State only.
    pub consent: Consent,
    #[serde(default)]
    pub measures: Vec<MeasureInput>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsultationView {
    pub id: String,
    pub member_state: String,
    pub member_state_name: String,
    pub programme: String,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    pub situation: String,
    pub gaps: String,
    pub obstacles: String,
    pub ongoing_actions: String,
    pub participants: Vec<String>,
    pub consent: Consent,
    pub status: ConsultationStatus,
    /// The implementation plan the consultation created.
    pub plan_id: String,
    pub created_at: UtcTime,
    pub updated_at: UtcTime,
    pub published_at: Option<UtcTime>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsultationListItem {
    pub id: String,
    pub member_state: String,
    pub member_state_name: String,
    pub programme: String,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    pub consent: Consent,
    pub status: ConsultationStatus,
    pub plan_id: String,
}

page_item!(pub type ConsultationPage = Page<ConsultationListItem>);
