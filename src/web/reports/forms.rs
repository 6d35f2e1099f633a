//! The report form: what the page shows and reads back (sections are numbered fields).

use actix_web::HttpResponse;
use serde::Serialize;

use crate::auth::form_fields::FormFields;
use crate::auth::PageCaller;
use crate::domain::policy::Consent;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::services::reference;
use crate::services::reports::{self, SectionInput};
use crate::web::common::render::non_empty;

/// Blank section slots offered on the form (pages work without JavaScript).
pub(super) const BLANK_SECTIONS: usize = 3;

#[derive(Debug, Default, Serialize)]
pub(super) struct SectionForm {
    pub(super) id: String,
    pub(super) heading: String,
    pub(super) body: String,
    pub(super) consent: String,
}

#[derive(Debug, Default, Serialize)]
pub(super) struct ReportForm {
    pub(super) member_state: String,
    pub(super) title: String,
    pub(super) visit_date: String,
    pub(super) programme: String,
    pub(super) summary: String,
    pub(super) sections: Vec<SectionForm>,
}

impl ReportForm {
    pub(super) fn from_fields(fields: &FormFields) -> Self {
        let mut sections = Vec::new();
        for i in 0..=reports::MAX_SECTIONS {
            let Some(heading) = fields.get(&format!("heading_{i}")) else {
                break;
            };
            sections.push(SectionForm {
                id: fields.text(&format!("section_id_{i}")),
                heading: heading.to_string(),
                body: fields.text(&format!("body_{i}")),
                consent: fields.text(&format!("consent_{i}")),
            });
        }
        ReportForm {
            member_state: fields.text("member_state"),
            title: fields.text("title"),
            visit_date: fields.text("visit_date"),
            programme: fields.text("programme"),
            summary: fields.text("summary"),
            sections,
        }
    }

    pub(super) fn with_blank_slots(mut self) -> Self {
        for _ in 0..BLANK_SECTIONS {
            self.sections.push(SectionForm {
                consent: Consent::Withheld.to_string(),
                ..Default::default()
            });
        }
        self
    }

    /// Sections whose heading is filled in; a blank heading removes the section.
    pub(super) fn section_inputs(&self) -> AppResult<Vec<SectionInput>> {
        self.sections
            .iter()
            .filter(|s| !s.heading.trim().is_empty())
            .map(|s| {
                Ok(SectionInput {
                    id: non_empty(&s.id),
                    heading: s.heading.clone(),
                    body: s.body.clone(),
                    consent: s.consent.parse::<Consent>().map_err(|_| {
                        AppError::invalid(
                            ErrorCode::InvalidField,
                            "consent must be published or withheld",
                        )
                    })?,
                })
            })
            .collect()
    }

    pub(super) fn visit_date(&self) -> AppResult<chrono::NaiveDate> {
        self.visit_date.trim().parse().map_err(|_| {
            AppError::invalid(
                ErrorCode::InvalidField,
                "the visit date must be a date (YYYY-MM-DD)",
            )
        })
    }
}

/// The report form (`report_id` when editing), again with `error` (400) when refused.
pub(super) async fn render_form(
    caller: &PageCaller,
    report_id: Option<&str>,
    form: ReportForm,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let picker = caller.state.state_picker().await?;
    let mut ctx = caller.context();
    ctx.insert("report_id", &report_id);
    ctx.insert("form", &form);
    ctx.insert("states", picker.states_in(caller.lang));
    ctx.insert("programmes", reference::programmes());
    caller.render_form("reports/form.html", ctx, error)
}
