//! The consultation form: its fields and its measures as numbered fieldsets (pages work
//! without JavaScript: blank slots are offered, and "add a measure" posts the form back with
//! one more).

use actix_web::HttpResponse;
use serde::Serialize;

use crate::auth::form_fields::FormFields;
use crate::auth::PageCaller;
use crate::domain::plans::MeasureKind;
use crate::domain::values::Consent;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::consultations::{BaselineInput, MeasureInput, NewConsultation, MAX_MEASURES};
use crate::services::plans::MeasureView;
use crate::services::reference;

/// Blank measure slots offered on a new form.
const BLANK_MEASURES: usize = 2;

#[derive(Debug, Default, Serialize)]
pub(super) struct MeasureForm {
    requirement: String,
    recommendation: String,
    areas: Vec<String>,
    indicator: String,
    unit: String,
    measure: String,
    ascending: String,
    baseline: String,
    baseline_on: String,
    target: String,
    due_on: String,
    responsible: String,
}

#[derive(Debug, Default, Serialize)]
pub(super) struct ConsultationForm {
    member_state: String,
    programme: String,
    held_on: String,
    consent: String,
    situation: String,
    gaps: String,
    obstacles: String,
    ongoing_actions: String,
    participants: String,
    measures: Vec<MeasureForm>,
}

fn codes(text: &str) -> Vec<String> {
    text.split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

fn date(field: &str, text: &str) -> AppResult<chrono::NaiveDate> {
    text.trim().parse().map_err(|_| {
        AppError::invalid(
            ErrorCode::InvalidDate,
            format!("{field} must be a date (YYYY-MM-DD)"),
        )
    })
}

/// A value as typed: a number when it reads as one for a numeric measure (the service refuses
/// anything else for those), text otherwise.
fn value(kind: MeasureKind, text: &str) -> serde_json::Value {
    match text.trim().replace(',', ".").parse::<f64>() {
        Ok(n) if kind.is_numeric() && n.is_finite() => serde_json::json!(n),
        _ => serde_json::Value::String(text.trim().to_string()),
    }
}

impl MeasureForm {
    /// The measure as the API takes it.
    pub(super) fn input(&self) -> AppResult<MeasureInput> {
        let kind = self
            .measure
            .parse::<MeasureKind>()
            .map_err(|_| AppError::invalid(ErrorCode::InvalidField, "unknown kind of measure"))?;
        Ok(MeasureInput {
            requirement: self.requirement.clone(),
            recommendation: self.recommendation.clone(),
            assistance_areas: self.areas.clone(),
            indicator: self.indicator.clone(),
            unit: self.unit.clone(),
            measure: kind,
            ascending: self.ascending != "false",
            baseline: BaselineInput {
                value: value(kind, &self.baseline),
                on: date("the baseline's date", &self.baseline_on)?,
            },
            target: value(kind, &self.target),
            due_on: date("the due date", &self.due_on)?,
            responsible: codes(&self.responsible),
        })
    }

    /// A stored measure, as its edit form shows it.
    pub(super) fn of_view(m: &MeasureView) -> Self {
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        MeasureForm {
            requirement: m.requirement.clone(),
            recommendation: m.recommendation.clone(),
            areas: m.assistance_areas.clone(),
            indicator: m.indicator.clone(),
            unit: m.unit.clone(),
            measure: m.measure.to_string(),
            ascending: m.ascending.to_string(),
            baseline: text(&m.baseline.value),
            baseline_on: m.baseline.on.to_string(),
            target: text(&m.target),
            due_on: m.due_on.to_string(),
            responsible: m.responsible.join(", "),
        }
    }

    /// A blank measure (a number, higher is better).
    pub(super) fn blank() -> Self {
        MeasureForm {
            measure: MeasureKind::Unit.to_string(),
            ascending: "true".into(),
            ..Default::default()
        }
    }

    /// The first measure of a posted form (the edit forms carry one, numbered 0).
    pub(super) fn first_of(fields: &FormFields) -> Self {
        ConsultationForm::from_fields(fields)
            .measures
            .into_iter()
            .next()
            .unwrap_or_default()
    }
}

impl ConsultationForm {
    pub(super) fn blank() -> Self {
        ConsultationForm {
            consent: Consent::Withheld.to_string(),
            ..Default::default()
        }
        .with_blank_slots(BLANK_MEASURES)
    }

    pub(super) fn from_fields(fields: &FormFields) -> Self {
        let mut measures = Vec::new();
        for i in 0..MAX_MEASURES {
            let Some(requirement) = fields.get(&format!("requirement_{i}")) else {
                break;
            };
            let f = |name: &str| fields.text(&format!("{name}_{i}"));
            measures.push(MeasureForm {
                requirement: requirement.to_string(),
                recommendation: f("recommendation"),
                areas: fields.all(&format!("areas_{i}")),
                indicator: f("indicator"),
                unit: f("unit"),
                measure: f("measure"),
                ascending: f("ascending"),
                baseline: f("baseline"),
                baseline_on: f("baseline_on"),
                target: f("target"),
                due_on: f("due_on"),
                responsible: f("responsible"),
            });
        }
        ConsultationForm {
            member_state: fields.text("member_state"),
            programme: fields.text("programme"),
            held_on: fields.text("held_on"),
            consent: fields.text("consent"),
            situation: fields.text("situation"),
            gaps: fields.text("gaps"),
            obstacles: fields.text("obstacles"),
            ongoing_actions: fields.text("ongoing_actions"),
            participants: fields.text("participants"),
            measures,
        }
    }

    pub(super) fn with_blank_slots(mut self, n: usize) -> Self {
        for _ in 0..n {
            if self.measures.len() >= MAX_MEASURES {
                break;
            }
            self.measures.push(MeasureForm::blank());
        }
        self
    }

    /// The consultation as the API takes it; measures with a blank requirement are left out.
    pub(super) fn input(&self) -> AppResult<NewConsultation> {
        let consent = self.consent.parse::<Consent>().map_err(|_| {
            AppError::invalid(
                ErrorCode::InvalidField,
                "consent must be published or withheld",
            )
        })?;
        let measures = self
            .measures
            .iter()
            .filter(|m| !m.requirement.trim().is_empty())
            .map(MeasureForm::input)
            .collect::<AppResult<Vec<_>>>()?;
        Ok(NewConsultation {
            member_state: self.member_state.clone(),
            programme: self.programme.clone(),
            held_on: date("the consultation's date", &self.held_on)?,
            situation: self.situation.clone(),
            gaps: self.gaps.clone(),
            obstacles: self.obstacles.clone(),
            ongoing_actions: self.ongoing_actions.clone(),
            participants: codes(&self.participants),
            consent,
            measures,
        })
    }
}

/// The consultation form, again with `error` (400) when refused.
pub(super) async fn render_form(
    caller: &PageCaller,
    form: ConsultationForm,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let picker = caller.state.state_picker().await?;
    let mut ctx = caller.context();
    ctx.insert("form", &form);
    ctx.insert("states", picker.states_in(caller.lang));
    ctx.insert("programmes", reference::programmes());
    ctx.insert("areas", reference::thematic_areas());
    ctx.insert("kinds", &["unit", "percentage", "qualitative"]);
    caller.render_form("consultations/form.html", ctx, error)
}
