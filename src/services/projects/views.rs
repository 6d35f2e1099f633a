//! A project as it is shown (with its children's codes) and as it is edited (its input).

use super::types::{AppliesBy, Budget, ContactView, NewProject, ProjectPatch, ProjectView};
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::repo::projects::{self as repo, ForState, Project};

/// The views of these projects, with their children loaded in one batch; `state` (a list
/// filtered on a State) says why each counts for it.
pub(super) fn views_of(
    conn: &mut DbConnection,
    rows: Vec<Project>,
    state: Option<&ForState>,
) -> AppResult<Vec<ProjectView>> {
    let mut c = repo::children(conn, &rows)?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let states = c.states.remove(&p.id).unwrap_or_default();
            let regions = c.regions.remove(&p.id).unwrap_or_default();
            let applies_by = state.map(|s| {
                if states.iter().any(|(code, _, _)| code == &s.code) {
                    AppliesBy::State
                } else if s
                    .regional_group
                    .as_ref()
                    .is_some_and(|g| regions.contains(g))
                {
                    AppliesBy::Region
                } else {
                    AppliesBy::Global
                }
            });
            let (organisation, organisation_name) =
                c.owners.get(&p.owner_org_id).cloned().unwrap_or_default();
            let contact = p.contact_user_id.as_ref().and_then(|id| {
                c.contacts.get(id).map(|(name, email)| ContactView {
                    id: id.clone(),
                    name: name.clone(),
                    email: email.clone(),
                })
            });
            ProjectView {
                organisation,
                organisation_name,
                owner_id: p.owner_org_id,
                programme: p.programme,
                status: p.status,
                iati_status: p.status.iati_code(),
                visibility: p.visibility,
                thematic_areas: c.areas.remove(&p.id).unwrap_or_default(),
                member_states: states.into_iter().map(|(code, _, _)| code).collect(),
                regions,
                global: p.is_global,
                starts_on: p.starts_on,
                ends_on: p.ends_on,
                budget: p
                    .budget_cents
                    .zip(p.currency)
                    .map(|(cents, currency)| Budget {
                        amount: cents as f64 / 100.0,
                        currency,
                    }),
                partners: c.partners.remove(&p.id).unwrap_or_default(),
                contact,
                version: p.version,
                created_at: p.created_at.into(),
                updated_at: p.updated_at.into(),
                applies_by,
                id: p.id,
                title: p.title,
                description: p.description,
            }
        })
        .collect())
}

/// The project as an input that would create it again.
pub(super) fn input_of(v: &ProjectView) -> NewProject {
    NewProject {
        title: v.title.clone(),
        description: v.description.clone(),
        // Codes upper-cased as a patch gives them, so an unchanged code is no change.
        organisation: Some(v.organisation.to_uppercase()),
        programme: v.programme.clone(),
        status: v.status,
        thematic_areas: v.thematic_areas.clone(),
        member_states: v.member_states.clone(),
        regions: v.regions.clone(),
        starts_on: v.starts_on,
        ends_on: v.ends_on,
        budget: v.budget.clone(),
        partners: {
            let mut codes: Vec<String> = v.partners.iter().map(|p| p.to_uppercase()).collect();
            codes.sort();
            codes
        },
        contact: v.contact.as_ref().map(|c| c.id.clone()),
        visibility: v.visibility,
    }
}

/// Sets `$field` from the patch when given and different; records its name.
macro_rules! patch_fields {
    ($input:ident, $patch:ident, $changes:ident, $($field:ident),+ $(,)?) => {$(
        if let Some(value) = $patch.$field {
            if value != $input.$field {
                $input.$field = value;
                $changes.push(stringify!($field));
            }
        }
    )+};
}

/// Trimmed (upper-cased for codes), sorted and without duplicates: lists compare as the
/// stored ones do.
fn normalised(list: Option<Vec<String>>, upper: bool) -> Option<Vec<String>> {
    list.map(|l| {
        let mut l: Vec<String> = l
            .iter()
            .map(|v| {
                if upper {
                    v.trim().to_uppercase()
                } else {
                    v.trim().to_string()
                }
            })
            .collect();
        l.sort();
        l.dedup();
        l
    })
}

fn blank_is_none(value: Option<Option<String>>) -> Option<Option<String>> {
    value.map(|v| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()))
}

/// The input after the patch, and the names of the fields it changes.
pub(super) fn patched(
    current: &NewProject,
    mut patch: ProjectPatch,
) -> (NewProject, Vec<&'static str>) {
    let mut input = current.clone();
    let mut changes = Vec::new();
    if let Some(code) = patch.organisation.take().map(|o| o.trim().to_uppercase()) {
        if input.organisation.as_deref() != Some(code.as_str()) {
            input.organisation = Some(code);
            changes.push("organisation");
        }
    }
    patch.title = patch.title.map(|t| t.trim().to_string());
    patch.description = patch.description.map(|d| d.trim().to_string());
    if let Some(Some(budget)) = patch.budget.as_mut() {
        budget.currency = budget.currency.trim().to_uppercase();
    }
    patch.programme = blank_is_none(patch.programme);
    patch.contact = blank_is_none(patch.contact);
    patch.thematic_areas = normalised(patch.thematic_areas, false);
    patch.member_states = normalised(patch.member_states, true);
    patch.regions = normalised(patch.regions, false);
    patch.partners = normalised(patch.partners, true);
    patch_fields!(
        input,
        patch,
        changes,
        title,
        description,
        programme,
        status,
        thematic_areas,
        member_states,
        regions,
        starts_on,
        ends_on,
        budget,
        partners,
        contact,
        visibility,
    );
    (input, changes)
}
