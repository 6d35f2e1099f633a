//! A project as the list's row and the project page show it: its thematic areas and regions
//! named in the reader's language (the reference lists' names, as the forms name them), its
//! dates and status in the reader's words, written here rather than by Tera calls a cell.

use serde::Serialize;

use crate::domain::values::ProjectVisibility;
use crate::l10n::{self, RefList};
use crate::services::projects::{AppliesBy, ProjectStatus, ProjectView};
use crate::web::common::render::labels;

/// Names of `values` in `list`, in `lang` (a value without one as it is), joined by `sep`.
fn named(values: &[String], list: RefList, lang: &str, sep: &str) -> String {
    values
        .iter()
        .map(|v| l10n::name(list, v, lang).unwrap_or(v))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A project's thematic areas and regions in the reader's language (the project page's).
#[derive(Serialize)]
pub struct ProjectNames {
    pub areas: String,
    pub regions: String,
}

impl ProjectNames {
    pub fn new(p: &ProjectView, lang: &str) -> Self {
        ProjectNames {
            areas: named(&p.thematic_areas, RefList::ThematicArea, lang, "; "),
            regions: named(&p.regions, RefList::RegionalGroup, lang, ", "),
        }
    }
}

#[derive(Serialize)]
pub struct ProjectRow<'a> {
    id: &'a str,
    title: &'a str,
    compact: bool,
    organisation: &'a str,
    global: bool,
    member_states: String,
    #[serde(flatten)]
    names: ProjectNames,
    applies_by: Option<AppliesBy>,
    starts_on: String,
    ends_on: String,
    status_label: String,
}

/// The rows of a page of projects in `lang`.
pub fn project_rows<'a>(items: &'a [ProjectView], lang: &str) -> Vec<ProjectRow<'a>> {
    let statuses = labels::<ProjectStatus>(lang, "project-status-");
    items
        .iter()
        .map(|p| {
            let status: &'static str = p.status.into();
            ProjectRow {
                id: &p.id,
                title: &p.title,
                compact: p.visibility == ProjectVisibility::Compact,
                organisation: &p.organisation,
                global: p.global,
                member_states: p.member_states.join(", "),
                names: ProjectNames::new(p, lang),
                applies_by: p.applies_by,
                starts_on: l10n::format_date(p.starts_on, lang),
                ends_on: l10n::format_date(p.ends_on, lang),
                status_label: statuses.get(status).cloned().unwrap_or_default(),
            }
        })
        .collect()
}
