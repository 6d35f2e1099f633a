//! Who may manage which accounts and organisations. Plain rules over roles and organisation
//! ids; the services apply them and the repositories filter by them.

use super::{OrgKind, Role};

/// The acting user as these rules see them.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub id: &'a str,
    pub role: Role,
    pub organisation_id: &'a str,
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

pub fn account_scope(actor: Actor<'_>) -> Option<AccountScope> {
    match actor.role {
        Role::Admin => Some(AccountScope::All),
        Role::FocalPoint => Some(AccountScope::Organisation(
            actor.organisation_id.to_string(),
        )),
        Role::Coordinator | Role::Observer => None,
    }
}

pub fn may_invite(actor: Actor<'_>, organisation_id: &str, role: Role) -> Result<(), InviteDenial> {
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

/// Whether the actor may manage (see in the admin list, activate, deactivate, re-invite) this
/// account. Nobody manages their own account here: an administrator who deactivates or
/// demotes themselves locks the portal.
pub fn manages(actor: Actor<'_>, account: Account<'_>) -> bool {
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
pub fn may_change_role_or_organisation(actor: Actor<'_>) -> bool {
    actor.role == Role::Admin
}

/// Resetting another account's two-factor sign-in is for administrators only.
pub fn may_reset_two_factor(actor: Actor<'_>) -> bool {
    actor.role == Role::Admin
}

/// Organisation codes: 2 to 12 of A–Z and 0–9; a Member State's is its ISO alpha-3 code.
pub fn check_organisation_code(code: &str, kind: OrgKind) -> Result<(), &'static str> {
    let valid = (2..=12).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !valid {
        return Err("a code is 2 to 12 capital letters or digits");
    }
    if kind == OrgKind::MemberState
        && !(code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()))
    {
        return Err("a Member State's code is its three-letter ISO 3166 alpha-3 code");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADMIN: Actor = Actor {
        id: "a",
        role: Role::Admin,
        organisation_id: "UNOCT",
    };
    const FOCAL: Actor = Actor {
        id: "f",
        role: Role::FocalPoint,
        organisation_id: "KEN",
    };

    #[test]
    fn invitations() {
        assert!(may_invite(ADMIN, "FRA", Role::Admin).is_ok());
        assert!(may_invite(FOCAL, "KEN", Role::Observer).is_ok());
        assert!(may_invite(FOCAL, "KEN", Role::FocalPoint).is_ok());
        assert_eq!(
            may_invite(FOCAL, "KEN", Role::Coordinator),
            Err(InviteDenial::RoleTooHigh)
        );
        assert_eq!(
            may_invite(FOCAL, "FRA", Role::Observer),
            Err(InviteDenial::OtherOrganisation)
        );
        let coordinator = Actor {
            role: Role::Coordinator,
            ..FOCAL
        };
        assert_eq!(
            may_invite(coordinator, "KEN", Role::Observer),
            Err(InviteDenial::NotAllowed)
        );
    }

    #[test]
    fn management() {
        let account = |id, role, org| Account {
            id,
            role,
            organisation_id: org,
        };
        assert!(manages(ADMIN, account("x", Role::Admin, "FRA")));
        assert!(!manages(ADMIN, account("a", Role::Admin, "UNOCT")));
        assert!(manages(FOCAL, account("x", Role::Observer, "KEN")));
        assert!(manages(FOCAL, account("x", Role::FocalPoint, "KEN")));
        assert!(!manages(FOCAL, account("x", Role::Coordinator, "KEN")));
        assert!(!manages(FOCAL, account("x", Role::Observer, "FRA")));
        assert!(!manages(FOCAL, account("f", Role::FocalPoint, "KEN")));
    }

    #[test]
    fn codes() {
        assert!(check_organisation_code("KEN", OrgKind::MemberState).is_ok());
        assert!(check_organisation_code("UNODC", OrgKind::CompactEntity).is_ok());
        assert!(check_organisation_code("G20", OrgKind::Observer).is_ok());
        assert!(check_organisation_code("KENY", OrgKind::MemberState).is_err());
        assert!(check_organisation_code("K3N", OrgKind::MemberState).is_err());
        assert!(check_organisation_code("ken", OrgKind::CompactEntity).is_err());
        assert!(check_organisation_code("A", OrgKind::CompactEntity).is_err());
        assert!(check_organisation_code("UN-OCT", OrgKind::CompactEntity).is_err());
        assert!(check_organisation_code("' OR 1=1", OrgKind::CompactEntity).is_err());
    }
}
