//! Every "who may" rule of the portal (DESIGN.md, "Access rules"), over one [`Actor`]: the
//! services ask these functions, the handlers ask them for what a page offers, and the
//! repositories apply the scopes in SQL. Default deny: a scope grants; anything not granted is
//! invisible, and invisible looks the same as non-existent (404). A signed-in user refused a
//! request they know of gets 403 `forbidden`.

pub mod account;
pub mod activities;
pub mod admin;
pub mod consultations;
pub mod coordination;
pub mod dashboard;
pub mod documents;
pub mod groups;
pub mod matches;
pub mod messages;
pub mod needs;
pub mod plans;
pub mod projects;
pub mod reports;

use crate::auth::CurrentUser;
use crate::domain::{OrgKind, Role};
use crate::error::{AppError, AppResult};

/// The caller, as the access rules see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    pub role: Role,
    pub organisation_id: String,
    pub organisation_kind: OrgKind,
    pub organisation_code: String,
}

impl Actor {
    pub fn of(user: &CurrentUser) -> Self {
        Actor {
            id: user.id.clone(),
            role: user.role,
            organisation_id: user.organisation_id.clone(),
            organisation_kind: user.organisation_kind,
            organisation_code: user.organisation_code.clone(),
        }
    }

    /// Administrators: the administration, every account and organisation.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Coordinators and administrators (who have a coordinator's content access).
    pub fn is_coordinator(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Coordinator)
    }
}

impl CurrentUser {
    /// The signed-in user as the access rules see them.
    pub fn actor(&self) -> Actor {
        Actor::of(self)
    }
}

/// Ok when `allowed`, else 403 `forbidden` with `refusal` as the message.
pub(crate) fn allowed_or(allowed: bool, refusal: &str) -> AppResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(AppError::forbidden(refusal))
    }
}

#[cfg(test)]
pub(crate) fn actor(role: Role, kind: OrgKind, organisation_id: &str) -> Actor {
    Actor {
        id: format!("{}-{organisation_id}", role),
        role,
        organisation_id: organisation_id.to_string(),
        organisation_kind: kind,
        organisation_code: organisation_id.to_uppercase(),
    }
}

/// Asserts `rule` for each (role, kind, organisation of the actor, argument, expected).
#[cfg(test)]
pub(crate) fn check_rule(
    rule: fn(&Actor, &str) -> bool,
    cases: &[(Role, OrgKind, &str, &str, bool)],
) {
    for &(role, kind, organisation, argument, expected) in cases {
        let who = actor(role, kind, organisation);
        assert_eq!(rule(&who, argument), expected, "{who:?} on {argument}");
    }
}
