//! What a plan gives out and what progress takes in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::plans::{
    ConsultationStatus, MeasureKind, MeasureStatus, ProgressDecision, ProgressStatus,
};
use crate::domain::time::UtcTime;
use crate::domain::values::Consent;
use crate::services::consultations::BaselineInput;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProgress {
    /// A number for numeric measures, text for qualitative ones.
    #[schema(value_type = Object)]
    pub value: serde_json::Value,
    /// When the value was measured: not in the future, not before the baseline's date.
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressDecisionInput {
    pub decision: ProgressDecision,
    /// Required when the value is returned.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgressView {
    pub id: String,
    pub measure_id: String,
    #[schema(value_type = Object)]
    pub value: serde_json::Value,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    pub note: String,
    pub status: ProgressStatus,
    pub reported_by: String,
    pub reported_at: UtcTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<UtcTime>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeasureView {
    pub id: String,
    pub position: i32,
    pub requirement: String,
    pub recommendation: String,
    pub assistance_areas: Vec<String>,
    pub indicator: String,
    pub unit: String,
    pub measure: MeasureKind,
    pub ascending: bool,
    pub baseline: BaselineInput,
    #[schema(value_type = Object)]
    pub target: serde_json::Value,
    #[schema(value_type = String, format = Date)]
    pub due_on: NaiveDate,
    pub responsible: Vec<String>,
    /// Derived from the latest validated value (see the API docs for the thresholds).
    pub status: MeasureStatus,
    /// The latest validated value.
    pub latest: Option<ProgressView>,
    /// The values the caller may see (validated ones; also pending and returned ones for
    /// coordinators and the concerned State), oldest first.
    pub progress: Vec<ProgressView>,
}

/// How many of the plan's measures are in each status.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct StatusCounts {
    pub not_started: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub achieved: usize,
}

impl StatusCounts {
    pub fn add(&mut self, status: MeasureStatus) {
        let n = match status {
            MeasureStatus::NotStarted => &mut self.not_started,
            MeasureStatus::OnTrack => &mut self.on_track,
            MeasureStatus::AtRisk => &mut self.at_risk,
            MeasureStatus::OffTrack => &mut self.off_track,
            MeasureStatus::Achieved => &mut self.achieved,
        };
        *n += 1;
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanNeed {
    pub id: String,
    pub measure_id: String,
    pub title: String,
    pub thematic_area: String,
    pub status: String,
    pub restricted: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanView {
    pub id: String,
    pub consultation_id: String,
    pub member_state: String,
    pub member_state_name: String,
    pub programme: String,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    pub status: ConsultationStatus,
    pub consent: Consent,
    pub measures: Vec<MeasureView>,
    pub status_counts: StatusCounts,
    /// The needs drawn from the measures that the caller may see.
    pub needs: Vec<PlanNeed>,
    /// Whether the caller may report progress, and validate it.
    pub may_report: bool,
    pub may_validate: bool,
}
