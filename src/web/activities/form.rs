//! The activity form: its typed values kept as text (so a refused form shows what was typed),
//! and its saving, which first shows the clash warnings and saves once they are confirmed.

use serde::{Deserialize, Serialize};

use crate::auth::form_fields::FormFields;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::activities::{
    self, date_text, ActivityPatch, ActivityView, Clash, ClashQuestion, NewActivity,
};

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ActivityForm {
    pub title: String,
    pub kind: String,
    pub member_state: String,
    pub region: String,
    pub programme: String,
    pub starts_on: String,
    pub ends_on: String,
    pub description: String,
    pub status: String,
    pub visibility: String,
    /// Partner organisations' codes, separated by commas or spaces.
    pub organisers: String,
    pub project_id: String,
    pub plan_id: String,
    pub working_group: String,
    /// Set when the author has seen the clash warnings and saves anyway.
    pub confirm_clashes: bool,
}

pub enum Outcome {
    Saved(String),
    Clashes(Vec<Clash>),
}

impl ActivityForm {
    pub fn from_fields(f: &FormFields) -> Self {
        ActivityForm {
            title: f.text("title"),
            kind: f.text("kind"),
            member_state: f.text("member_state"),
            region: f.text("region"),
            programme: f.text("programme"),
            starts_on: f.text("starts_on"),
            ends_on: f.text("ends_on"),
            description: f.text("description"),
            status: f.text("status"),
            visibility: f.text("visibility"),
            organisers: f.text("organisers"),
            project_id: f.text("project_id"),
            plan_id: f.text("plan_id"),
            working_group: f.text("working_group"),
            confirm_clashes: f.get("confirm_clashes").is_some(),
        }
    }

    /// The form of an activity being edited (its partners: the organisers but the owner).
    pub fn of(a: &ActivityView) -> Self {
        let partners: Vec<&str> = a
            .organisers
            .iter()
            .map(|o| o.code.as_str())
            .filter(|c| *c != a.organisation)
            .collect();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        ActivityForm {
            title: a.title.clone(),
            kind: a.kind.to_string(),
            member_state: text(&a.member_state),
            region: text(&a.region),
            programme: text(&a.programme),
            starts_on: a.starts_on.to_string(),
            ends_on: a.ends_on.to_string(),
            description: a.description.clone(),
            status: a.status.to_string(),
            visibility: a.visibility.to_string(),
            organisers: partners.join(", "),
            project_id: text(&a.project_id),
            plan_id: text(&a.plan_id),
            working_group: text(&a.working_group),
            confirm_clashes: false,
        }
    }

    fn partners(&self) -> Vec<String> {
        self.organisers
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    }
}

fn parsed<T: std::str::FromStr>(name: &str, value: &str) -> AppResult<T> {
    value
        .trim()
        .parse()
        .map_err(|_| AppError::invalid(ErrorCode::InvalidField, format!("unknown {name}")))
}

fn required_date(name: &str, value: &str) -> AppResult<chrono::NaiveDate> {
    date_text(name, Some(value))?
        .ok_or_else(|| AppError::invalid(ErrorCode::InvalidDate, format!("{name} is required")))
}

/// Saves the form (a new activity when `id` is none) unless it clashes and the clashes are not
/// confirmed yet: then answers them, writing nothing.
pub fn save(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: Option<&str>,
    form: ActivityForm,
) -> AppResult<Outcome> {
    let kind = parsed("kind", &form.kind)?;
    let status = parsed("status", &form.status)?;
    let visibility = parsed("visibility", &form.visibility)?;
    let starts_on = required_date("starts_on", &form.starts_on)?;
    let ends_on = required_date("ends_on", &form.ends_on)?;
    let optional = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    if !form.confirm_clashes {
        let question = ClashQuestion {
            starts_on: Some(form.starts_on.clone()),
            ends_on: Some(form.ends_on.clone()),
            member_state: optional(&form.member_state),
            programme: optional(&form.programme),
            exclude: id.map(str::to_string),
        };
        // The preview checks the dates, State and programme like the save would.
        let clashes = activities::preview_clashes(conn, user, question)?;
        if !clashes.is_empty() {
            return Ok(Outcome::Clashes(clashes));
        }
    }
    let saved = match id {
        None => activities::create(
            conn,
            user,
            ip,
            NewActivity {
                title: form.title.clone(),
                kind,
                starts_on,
                ends_on,
                description: form.description.clone(),
                member_state: optional(&form.member_state),
                region: optional(&form.region),
                programme: optional(&form.programme),
                status: Some(status),
                visibility: Some(visibility),
                organisers: form.partners(),
                project_id: optional(&form.project_id),
                plan_id: optional(&form.plan_id),
                working_group: optional(&form.working_group),
            },
        )?,
        Some(id) => activities::update(
            conn,
            user,
            ip,
            id,
            ActivityPatch {
                title: Some(form.title.clone()),
                description: Some(form.description.clone()),
                kind: Some(kind),
                starts_on: Some(starts_on),
                ends_on: Some(ends_on),
                member_state: Some(form.member_state.clone()),
                region: Some(form.region.clone()),
                programme: Some(form.programme.clone()),
                status: Some(status),
                visibility: Some(visibility),
                organisers: Some(form.partners()),
                project_id: Some(form.project_id.clone()),
                plan_id: Some(form.plan_id.clone()),
                working_group: Some(form.working_group.clone()),
            },
        )?,
    };
    Ok(Outcome::Saved(saved.activity.id))
}
