//! What a report takes in and gives out: inputs, views, and the view builders.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::policy::Consent;
use crate::domain::time::UtcTime;
use crate::pagination::page_item;
use crate::repo::reports::{Report, Section, StateRef};
pub use crate::repo::reports::{ReportQuery, ReportSort};

pub const MAX_SECTIONS: usize = 100;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionInput {
    /// Present when editing an existing section; absent for a new one.
    #[serde(default)]
    pub id: Option<String>,
    pub heading: String,
    #[serde(default)]
    pub body: String,
    pub consent: Consent,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    /// ISO 3166 alpha-3 code of the Member State visited.
    pub member_state: String,
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub visit_date: NaiveDate,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub programme: Option<String>,
    #[serde(default)]
    pub sections: Vec<SectionInput>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportPatch {
    pub title: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub visit_date: Option<NaiveDate>,
    pub summary: Option<String>,
    pub programme: Option<String>,
    /// Replaces the sections: listed ids are kept (and edited), new ones added, others removed.
    pub sections: Option<Vec<SectionInput>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SectionView {
    pub id: String,
    pub position: i32,
    pub heading: String,
    pub body: String,
    pub consent: Consent,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportView {
    pub id: String,
    pub member_state: String,
    pub member_state_name: String,
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub visit_date: NaiveDate,
    pub summary: String,
    pub programme: Option<String>,
    pub status: String,
    pub version: i32,
    pub created_at: UtcTime,
    pub updated_at: UtcTime,
    pub published_at: Option<UtcTime>,
    /// Only the sections the caller may read.
    pub sections: Vec<SectionView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportListItem {
    pub id: String,
    pub member_state: String,
    pub member_state_name: String,
    pub regional_group: Option<String>,
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub visit_date: NaiveDate,
    pub programme: Option<String>,
    pub status: String,
}

page_item!(pub type ReportPage = Page<ReportListItem>);

pub(super) fn section_view(s: Section) -> SectionView {
    SectionView {
        consent: s.consent,
        id: s.id,
        position: s.position,
        heading: s.heading,
        body: s.body,
    }
}

pub fn report_view(report: Report, state: StateRef, sections: Vec<Section>) -> ReportView {
    ReportView {
        id: report.id,
        member_state: state.code,
        member_state_name: state.name,
        title: report.title,
        visit_date: report.visit_date,
        summary: report.summary,
        programme: report.programme,
        status: report.status.to_string(),
        version: report.version,
        created_at: report.created_at.into(),
        updated_at: report.updated_at.into(),
        published_at: report.published_at.map(UtcTime::from),
        sections: sections.into_iter().map(section_view).collect(),
    }
}
