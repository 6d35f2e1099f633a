//! The administration: who may manage which accounts and organisations, and read the audit
//! log. The services apply these rules and the repositories filter by [`AccountScope`].

use super::{allowed_or, Actor};
use crate::domain::Role;
use crate::error::{AppError, AppResult};

/// What only administrators do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminTask {
    /// The administration's start page.
    Administration,
    AuditLog,
    Organisations,
}

impl AdminTask {
    fn refusal(self) -> &'static str {
        match self {
            AdminTask::Administration => "only administrators administer the portal",
            AdminTask::AuditLog => "only administrators read the audit log",
            AdminTask::Organisations => "only administrators manage organisations",
        }
    }
}

/// Administrators only: anyone else signed in gets 403 `forbidden`, on the API and the pages
/// alike.
pub fn admin_only(actor: &Actor, task: AdminTask) -> AppResult<()> {
    allowed_or(actor.is_admin(), task.refusal())
}

/// An account as these rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Account<'a> {
    pub id: &'a str,
    pub role: Role,
    pub organisation_id: &'a str,
}

/// Which accounts a user may list and manage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountScope {
    /// Administrators: every account.
    All,
    /// Focal points: the accounts of their own organisation.
    Organisation(String),
}

/// Why an invitation is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteDenial {
    /// Coordinators and observers invite nobody.
    NotAllowed,
    /// A focal point invites only into their own organisation.
    OtherOrganisation,
    /// Nobody grants a role above their own; focal points grant focal_point or observer.
    RoleTooHigh,
}

pub fn account_scope(actor: &Actor) -> Option<AccountScope> {
    match actor.role {
        Role::Admin => Some(AccountScope::All),
        Role::FocalPoint => Some(AccountScope::Organisation(actor.organisation_id.clone())),
        Role::Coordinator | Role::Observer => None,
    }
}

/// [`account_scope`] as a refusal: administrators and focal points manage accounts.
pub fn account_managers_only(actor: &Actor) -> AppResult<AccountScope> {
    account_scope(actor).ok_or_else(|| AppError::forbidden("your role cannot manage accounts"))
}

/// Whether the actor may name this organisation code in an invitation, before it is looked up:
/// a focal point learns nothing about other organisations, not even whether a code exists.
pub fn may_invite_into_code(actor: &Actor, code: &str) -> Result<(), InviteDenial> {
    match account_scope(actor) {
        None => Err(InviteDenial::NotAllowed),
        Some(AccountScope::Organisation(_))
            if !code.eq_ignore_ascii_case(&actor.organisation_code) =>
        {
            Err(InviteDenial::OtherOrganisation)
        }
        Some(_) => Ok(()),
    }
}

pub fn may_invite(actor: &Actor, organisation_id: &str, role: Role) -> Result<(), InviteDenial> {
    match actor.role {
        Role::Admin => Ok(()),
        Role::FocalPoint if organisation_id != actor.organisation_id => {
            Err(InviteDenial::OtherOrganisation)
        }
        Role::FocalPoint if role > Role::FocalPoint => Err(InviteDenial::RoleTooHigh),
        Role::FocalPoint => Ok(()),
        Role::Coordinator | Role::Observer => Err(InviteDenial::NotAllowed),
    }
}

/// The roles the actor may grant in their own organisation (what the invite form offers).
pub fn grantable_roles(actor: &Actor) -> Vec<Role> {
    Role::highest_first()
        .filter(|r| may_invite(actor, &actor.organisation_id, *r).is_ok())
        .collect()
}

/// Whether the actor may manage (see in the admin list, activate, deactivate, re-invite) this
/// account. Nobody manages their own account here: an administrator who deactivates or
/// demotes themselves locks the portal.
pub fn manages(actor: &Actor, account: Account<'_>) -> bool {
    if actor.id == account.id {
        return false;
    }
    match actor.role {
        Role::Admin => true,
        Role::FocalPoint => {
            account.organisation_id == actor.organisation_id && account.role <= Role::FocalPoint
        }
        Role::Coordinator | Role::Observer => false,
    }
}

/// Role and organisation changes are for administrators only.
pub fn may_change_role_or_organisation(actor: &Actor) -> bool {
    actor.is_admin()
}

/// Resetting another account's two-factor sign-in is for administrators only.
pub fn may_reset_two_factor(actor: &Actor) -> bool {
    actor.is_admin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::actor;
    use crate::domain::OrgKind;

    fn admin() -> Actor {
        Actor {
            id: "a".into(),
            ..actor(Role::Admin, OrgKind::CoordinatorOffice, "UNOCT")
        }
    }

    fn focal() -> Actor {
        Actor {
            id: "f".into(),
            ..actor(Role::FocalPoint, OrgKind::MemberState, "KEN")
        }
    }

    #[test]
    fn only_administrators() {
        assert!(admin_only(&admin(), AdminTask::AuditLog).is_ok());
        let refused = admin_only(&focal(), AdminTask::AuditLog).unwrap_err();
        assert_eq!(refused.code(), crate::error::ErrorCode::Forbidden);
        assert_eq!(
            refused.public_message(),
            "only administrators read the audit log"
        );
        assert!(account_managers_only(&focal()).is_ok());
        let coordinator = actor(Role::Coordinator, OrgKind::CoordinatorOffice, "UNOCT");
        assert!(account_managers_only(&coordinator).is_err());
    }

    #[test]
    fn invitations() {
        let (admin, focal) = (admin(), focal());
        assert!(may_invite(&admin, "FRA", Role::Admin).is_ok());
        assert!(may_invite(&focal, "KEN", Role::Observer).is_ok());
        assert!(may_invite(&focal, "KEN", Role::FocalPoint).is_ok());
        assert_eq!(
            may_invite(&focal, "KEN", Role::Coordinator),
            Err(InviteDenial::RoleTooHigh)
        );
        assert_eq!(
            may_invite(&focal, "FRA", Role::Observer),
            Err(InviteDenial::OtherOrganisation)
        );
        let coordinator = Actor {
            role: Role::Coordinator,
            ..focal.clone()
        };
        assert_eq!(
            may_invite(&coordinator, "KEN", Role::Observer),
            Err(InviteDenial::NotAllowed)
        );
        assert_eq!(
            may_invite_into_code(&focal, "FRA"),
            Err(InviteDenial::OtherOrganisation)
        );
        assert!(may_invite_into_code(&focal, "KEN").is_ok());
        assert!(may_invite_into_code(&admin, "FRA").is_ok());
        assert_eq!(
            may_invite_into_code(&coordinator, "KEN"),
            Err(InviteDenial::NotAllowed)
        );
        assert_eq!(
            grantable_roles(&focal),
            vec![Role::FocalPoint, Role::Observer]
        );
        assert_eq!(
            grantable_roles(&admin),
            Role::highest_first().collect::<Vec<_>>()
        );
        assert!(grantable_roles(&coordinator).is_empty());
    }

    #[test]
    fn management() {
        let (admin, focal) = (admin(), focal());
        let account = |id, role, org| Account {
            id,
            role,
            organisation_id: org,
        };
        assert!(manages(&admin, account("x", Role::Admin, "FRA")));
        assert!(!manages(&admin, account("a", Role::Admin, "UNOCT")));
        assert!(manages(&focal, account("x", Role::Observer, "KEN")));
        assert!(manages(&focal, account("x", Role::FocalPoint, "KEN")));
        assert!(!manages(&focal, account("x", Role::Coordinator, "KEN")));
        assert!(!manages(&focal, account("x", Role::Observer, "FRA")));
        assert!(!manages(&focal, account("f", Role::FocalPoint, "KEN")));
        assert!(may_reset_two_factor(&admin) && !may_reset_two_factor(&focal));
        assert!(may_change_role_or_organisation(&admin));
        assert!(!may_change_role_or_organisation(&focal));
    }
}
