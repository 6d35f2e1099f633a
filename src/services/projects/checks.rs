//! The checks a project passes before anything is written: every code resolved, every bound
//! kept. Creating and editing run the same checks over the whole project.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use super::types::{Budget, NewProject};
use crate::access::projects::{offers_projects, require_offer_for};
use crate::access::Actor;
use crate::db::schema::{organisations, users};
use crate::db::DbConnection;
use crate::domain::values::{OrgKind, ProjectStatus, ProjectVisibility};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::lower;
use crate::repo::models::Organisation;
use crate::repo::projects as repo;
use crate::services::content::{block, line};
use crate::services::reference;

/// The ISO 4217 currencies budgets are given in: the major reserve currencies and those of
/// the donors and recipients the portal serves.
pub const CURRENCIES: &[&str] = &[
    "AED", "ARS", "AUD", "BRL", "CAD", "CHF", "CNY", "COP", "DKK", "DZD", "EGP", "EUR", "GBP",
    "IDR", "INR", "JOD", "JPY", "KES", "KRW", "KWD", "MAD", "MXN", "MYR", "NGN", "NOK", "NZD",
    "PHP", "PKR", "QAR", "RUB", "SAR", "SEK", "SGD", "THB", "TND", "TRY", "USD", "XAF", "XOF",
    "ZAR",
];

const MAX_STATES: usize = 200;
const MAX_LIST: usize = 50;
/// Budgets up to a thousand billion.
const MAX_BUDGET: f64 = 1e12;

/// A project that passed every check.
pub(super) struct Checked {
    pub owner: Organisation,
    pub title: String,
    pub description: String,
    pub programme: Option<String>,
    pub status: ProjectStatus,
    pub visibility: ProjectVisibility,
    pub areas: Vec<String>,
    pub state_ids: Vec<String>,
    pub regions: Vec<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub budget: Option<(i64, String)>,
    pub partner_ids: Vec<String>,
    pub contact_user_id: Option<String>,
}

fn invalid(code: ErrorCode, message: impl Into<String>) -> AppError {
    AppError::invalid(code, message)
}

/// Trimmed, upper-cased (for codes), without duplicates, at most `max`.
fn distinct(values: &[String], upper: bool, field: &str, max: usize) -> AppResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v = if upper {
            v.trim().to_uppercase()
        } else {
            v.trim().to_string()
        };
        if !out.contains(&v) {
            out.push(v);
        }
    }
    if out.len() > max {
        return Err(invalid(
            ErrorCode::InvalidField,
            format!("{field} has at most {max} values"),
        ));
    }
    Ok(out)
}

/// The organisations of these codes, whatever their case (`UN-Women`, `un-women`).
pub(super) fn organisations_by_code(
    conn: &mut DbConnection,
    codes: &[String],
) -> AppResult<Vec<Organisation>> {
    let lowered: Vec<String> = codes.iter().map(|c| c.to_lowercase()).collect();
    Ok(organisations::table
        .filter(lower(organisations::code).eq_any(lowered))
        .select(Organisation::as_select())
        .load(conn)?)
}

/// The organisations of these codes, in the same order; the first unknown one is a 400.
fn organisations_of(
    conn: &mut DbConnection,
    codes: &[String],
    code_error: ErrorCode,
    accept: impl Fn(&Organisation) -> bool,
    what: &str,
) -> AppResult<Vec<Organisation>> {
    let found = organisations_by_code(conn, codes)?;
    codes
        .iter()
        .map(|code| {
            found
                .iter()
                .find(|o| o.code.eq_ignore_ascii_case(code) && accept(o))
                .cloned()
                .ok_or_else(|| invalid(code_error, format!("`{code}` is not {what}")))
        })
        .collect()
}

fn check_dates(starts_on: NaiveDate, ends_on: NaiveDate) -> AppResult<()> {
    for date in [starts_on, ends_on] {
        if !(1990..=2100).contains(&date.year()) {
            return Err(invalid(
                ErrorCode::InvalidDate,
                "project dates are between 1990 and 2100",
            ));
        }
    }
    if ends_on < starts_on {
        return Err(invalid(
            ErrorCode::InvalidPeriod,
            "ends_on comes before starts_on",
        ));
    }
    Ok(())
}

fn check_budget(budget: &Option<Budget>) -> AppResult<Option<(i64, String)>> {
    let Some(budget) = budget else {
        return Ok(None);
    };
    if !budget.amount.is_finite() || budget.amount < 0.0 || budget.amount > MAX_BUDGET {
        return Err(invalid(
            ErrorCode::InvalidBudget,
            "the budget amount is a number from 0 to 1e12",
        ));
    }
    let currency = budget.currency.trim().to_uppercase();
    if !CURRENCIES.contains(&currency.as_str()) {
        return Err(invalid(
            ErrorCode::UnknownCurrency,
            format!("`{currency}` is not an ISO 4217 currency code the portal knows"),
        ));
    }
    Ok(Some(((budget.amount * 100.0).round() as i64, currency)))
}

/// The id of an active account of `owner` named by id or e-mail address.
fn check_contact(
    conn: &mut DbConnection,
    owner: &Organisation,
    contact: Option<&str>,
) -> AppResult<Option<String>> {
    let Some(contact) = contact.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let found: Option<String> = users::table
        .filter(users::organisation_id.eq(&owner.id))
        .filter(users::active.eq(true))
        .filter(
            users::id
                .eq(contact)
                .or(lower(users::email).eq(contact.to_lowercase())),
        )
        .select(users::id)
        .first(conn)
        .optional()?;
    found.map(Some).ok_or_else(|| {
        invalid(
            ErrorCode::UnknownContact,
            "the contact is not an active account of the project's organisation",
        )
    })
}

/// Checks the whole project as `actor` would write it.
pub(super) fn check(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &NewProject,
) -> AppResult<Checked> {
    let title = line("title", &input.title, 300)?;
    let description = block("description", &input.description, 20_000)?;
    let programme = crate::services::content::check_programme(input.programme.as_deref())?;
    check_dates(input.starts_on, input.ends_on)?;
    let budget = check_budget(&input.budget)?;
    let areas = distinct(&input.thematic_areas, false, "thematic_areas", MAX_LIST)?
        .iter()
        .map(|a| reference::known_thematic_area(a))
        .collect::<AppResult<Vec<_>>>()?;
    if areas.is_empty() {
        return Err(invalid(
            ErrorCode::UnknownThematicArea,
            "a project has at least one thematic area",
        ));
    }
    let owner_code = match input.organisation.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => code.to_uppercase(),
        _ => actor.organisation_code.clone(),
    };
    let owner = organisations_of(
        conn,
        &[owner_code],
        ErrorCode::UnknownOrganisation,
        |o| o.active && offers_projects(o.kind),
        "an active organisation that offers projects",
    )?
    .remove(0);
    require_offer_for(actor, &owner.id)?;
    let state_codes = distinct(&input.member_states, true, "member_states", MAX_STATES)?;
    let states = organisations_of(
        conn,
        &state_codes,
        ErrorCode::UnknownMemberState,
        |o| o.kind == OrgKind::MemberState,
        "a Member State code",
    )?;
    let known_regions = repo::regional_groups(conn)?;
    let regions = distinct(&input.regions, false, "regions", MAX_LIST)?;
    if let Some(r) = regions.iter().find(|r| !known_regions.contains(r)) {
        return Err(invalid(
            ErrorCode::InvalidRegionalGroup,
            format!("`{r}` is not a UN regional group"),
        ));
    }
    let partner_codes = distinct(&input.partners, true, "partners", MAX_LIST)?;
    let partners = organisations_of(
        conn,
        &partner_codes,
        ErrorCode::UnknownOrganisation,
        |o| o.id != owner.id,
        "another organisation's code",
    )?;
    let contact_user_id = check_contact(conn, &owner, input.contact.as_deref())?;
    Ok(Checked {
        title,
        description,
        programme,
        status: input.status,
        visibility: input.visibility,
        areas,
        state_ids: states.into_iter().map(|s| s.id).collect(),
        regions,
        starts_on: input.starts_on,
        ends_on: input.ends_on,
        budget,
        partner_ids: partners.into_iter().map(|p| p.id).collect(),
        contact_user_id,
        owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_and_dates() {
        let b = |amount, currency: &str| {
            check_budget(&Some(Budget {
                amount,
                currency: currency.into(),
            }))
        };
        assert_eq!(b(1234.565, "usd").unwrap(), Some((123457, "USD".into())));
        assert!(b(-1.0, "USD").is_err());
        assert!(b(f64::NAN, "USD").is_err());
        assert!(b(10.0, "XYZ").is_err());
        assert_eq!(check_budget(&None).unwrap(), None);
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(check_dates(d(2025, 1, 1), d(2025, 1, 1)).is_ok());
        assert!(check_dates(d(2025, 1, 2), d(2025, 1, 1)).is_err());
        assert!(check_dates(d(1980, 1, 2), d(2025, 1, 1)).is_err());
        let mut sorted = CURRENCIES.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, CURRENCIES, "sorted and distinct");
    }
}
