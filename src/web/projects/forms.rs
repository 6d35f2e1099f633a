//! The project form: what the page shows and reads back (repeated fields for lists).

use crate::web::common::organisations;
use actix_web::HttpResponse;
use chrono::NaiveDate;
use serde::Serialize;

use crate::access::projects::acts_for_any;
use crate::auth::form_fields::FormFields;
use crate::auth::PageCaller;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::projects::{
    Budget, NewProject, ProjectPatch, ProjectStatus, ProjectView, ProjectVisibility, CURRENCIES,
};
use crate::services::reference;
use crate::web::common::render::{non_empty, see_other};

#[derive(Debug, Default, Serialize)]
pub(super) struct ProjectForm {
    pub(super) title: String,
    pub(super) description: String,
    pub(super) organisation: String,
    pub(super) programme: String,
    pub(super) status: String,
    pub(super) visibility: String,
    pub(super) thematic_areas: Vec<String>,
    pub(super) member_states: Vec<String>,
    pub(super) regions: Vec<String>,
    pub(super) starts_on: String,
    pub(super) ends_on: String,
    pub(super) budget_amount: String,
    pub(super) budget_currency: String,
    /// Organisation codes separated by commas.
    pub(super) partners: String,
    pub(super) contact: String,
}

fn bad(code: ErrorCode, message: &str) -> AppError {
    AppError::invalid(code, message)
}

impl ProjectForm {
    pub(super) fn blank() -> Self {
        ProjectForm {
            status: ProjectStatus::Planned.to_string(),
            visibility: ProjectVisibility::Platform.to_string(),
            ..Default::default()
        }
    }

    pub(super) fn from_fields(f: &FormFields) -> Self {
        ProjectForm {
            title: f.text("title"),
            description: f.text("description"),
            organisation: f.text("organisation"),
            programme: f.text("programme"),
            status: f.text("status"),
            visibility: f.text("visibility"),
            thematic_areas: f.all("thematic_areas"),
            member_states: f.all("member_states"),
            regions: f.all("regions"),
            starts_on: f.text("starts_on"),
            ends_on: f.text("ends_on"),
            budget_amount: f.text("budget_amount"),
            budget_currency: f.text("budget_currency"),
            partners: f.text("partners"),
            contact: f.text("contact"),
        }
    }

    pub(super) fn of(v: &ProjectView) -> Self {
        ProjectForm {
            title: v.title.clone(),
            description: v.description.clone(),
            organisation: v.organisation.clone(),
            programme: v.programme.clone().unwrap_or_default(),
            status: v.status.to_string(),
            visibility: v.visibility.to_string(),
            thematic_areas: v.thematic_areas.clone(),
            member_states: v.member_states.clone(),
            regions: v.regions.clone(),
            starts_on: v.starts_on.to_string(),
            ends_on: v.ends_on.to_string(),
            budget_amount: v
                .budget
                .as_ref()
                .map(|b| b.amount.to_string())
                .unwrap_or_default(),
            budget_currency: v
                .budget
                .as_ref()
                .map(|b| b.currency.clone())
                .unwrap_or_default(),
            partners: v.partners.join(", "),
            contact: v
                .contact
                .as_ref()
                .map(|c| c.email.clone())
                .unwrap_or_default(),
        }
    }

    fn date(value: &str, field: &str) -> AppResult<NaiveDate> {
        value.trim().parse().map_err(|_| {
            bad(
                ErrorCode::InvalidDate,
                &format!("{field} must be a date (YYYY-MM-DD)"),
            )
        })
    }

    fn budget(&self) -> AppResult<Option<Budget>> {
        let amount = self.budget_amount.trim();
        if amount.is_empty() {
            return Ok(None);
        }
        let amount = amount
            .replace([' ', '\u{a0}'], "")
            .parse::<f64>()
            .map_err(|_| {
                bad(
                    ErrorCode::InvalidBudget,
                    "the budget amount must be a number",
                )
            })?;
        Ok(Some(Budget {
            amount,
            currency: self.budget_currency.clone(),
        }))
    }

    fn partner_codes(&self) -> Vec<String> {
        self.partners
            .split([',', ';', ' '])
            .filter_map(non_empty)
            .collect()
    }

    /// The owner and partners as codes, typed by code or by name (an ambiguous name is a 400
    /// `ambiguous_name`).
    pub(super) fn read_names(&mut self, dir: &organisations::Directory) -> AppResult<()> {
        self.organisation = organisations::resolve(dir, &self.organisation)?;
        self.partners = organisations::resolve_list(dir, &self.partners)?;
        Ok(())
    }

    /// The form as a new project.
    pub(super) fn new_project(&self) -> AppResult<NewProject> {
        Ok(NewProject {
            title: self.title.clone(),
            description: self.description.clone(),
            organisation: non_empty(&self.organisation),
            programme: non_empty(&self.programme),
            status: self
                .status
                .parse()
                .map_err(|_| bad(ErrorCode::InvalidField, "unknown status"))?,
            thematic_areas: self.thematic_areas.clone(),
            member_states: self.member_states.clone(),
            regions: self.regions.clone(),
            starts_on: Self::date(&self.starts_on, "starts_on")?,
            ends_on: Self::date(&self.ends_on, "ends_on")?,
            budget: self.budget()?,
            partners: self.partner_codes(),
            contact: non_empty(&self.contact),
            visibility: self
                .visibility
                .parse()
                .map_err(|_| bad(ErrorCode::InvalidField, "unknown visibility"))?,
        })
    }

    /// The form as a patch that sets every field (an empty organisation keeps the owner).
    pub(super) fn patch(&self) -> AppResult<ProjectPatch> {
        let p = self.new_project()?;
        Ok(ProjectPatch {
            title: Some(p.title),
            description: Some(p.description),
            organisation: p.organisation,
            programme: Some(p.programme),
            status: Some(p.status),
            thematic_areas: Some(p.thematic_areas),
            member_states: Some(p.member_states),
            regions: Some(p.regions),
            starts_on: Some(p.starts_on),
            ends_on: Some(p.ends_on),
            budget: Some(p.budget),
            partners: Some(p.partners),
            contact: Some(p.contact),
            visibility: Some(p.visibility),
        })
    }
}

/// The project form, new (`project_id` None) or editing; 400 with `error` when a post was refused.
pub(super) async fn render_form(
    caller: &PageCaller,
    project_id: Option<&str>,
    form: ProjectForm,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let picker = caller.state.state_picker().await?;
    let mut ctx = caller.context();
    ctx.insert("project_id", &project_id);
    ctx.insert("form", &form);
    ctx.insert("states", picker.states_in(caller.lang));
    ctx.insert("groups", &picker.groups);
    ctx.insert("areas", reference::thematic_areas());
    ctx.insert("programmes", reference::programmes());
    ctx.insert("currencies", CURRENCIES);
    ctx.insert("statuses", <ProjectStatus as strum::VariantArray>::VARIANTS);
    let visibilities = <ProjectVisibility as strum::VariantArray>::VARIANTS;
    ctx.insert("visibilities", visibilities);
    ctx.insert("acts_for_any", &acts_for_any(&caller.actor));
    caller.insert_organisation_picker(&mut ctx).await?;
    caller.render_form("projects/form.html", ctx, error)
}

/// After a form post: the project's page, or the form again (400) with what was typed and why
/// it was refused (a bad value, a status that cannot follow).
pub(super) async fn saved_or_form(
    caller: &PageCaller,
    project_id: Option<&str>,
    form: ProjectForm,
    result: AppResult<ProjectView>,
) -> AppResult<HttpResponse> {
    match result {
        Ok(view) => Ok(see_other(format!("/projects/{}", view.id))),
        // What was refused, in the reader's words (the service's own are for the API).
        Err(err @ AppError::BadRequest { .. }) => {
            let message = crate::i18n::text(caller.lang, &err.code().message_key());
            render_form(caller, project_id, form, Some(message)).await
        }
        Err(AppError::Conflict(_)) => {
            let message = crate::i18n::text(caller.lang, "project-status-refused");
            render_form(caller, project_id, form, Some(message)).await
        }
        Err(other) => Err(other),
    }
}
