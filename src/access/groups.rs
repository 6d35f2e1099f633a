//! Working groups (DESIGN.md rule 9): every signed-in user sees the groups and their members;
//! coordinators and administrators create groups; coordinators, administrators and the focal
//! points of a group's chair organisation manage its membership. What a group grants (its
//! documents and threads) is applied in SQL by the documents' and threads' own scopes.

use super::{allowed_or, Actor};
use crate::domain::Role;
use crate::error::AppResult;

/// Coordinators and administrators add working groups.
pub fn may_create_group(actor: &Actor) -> bool {
    actor.is_coordinator()
}

/// [`may_create_group`] as a refusal.
pub fn require_group_creator(actor: &Actor) -> AppResult<()> {
    allowed_or(
        may_create_group(actor),
        "only coordinators add working groups",
    )
}

/// Whether the actor manages the membership of a group whose chair organisations are
/// `chair_ids`: coordinators, administrators, and the chair's focal points.
pub fn may_manage_members(actor: &Actor, chair_ids: &[String]) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::FocalPoint => chair_ids.contains(&actor.organisation_id),
        Role::Observer => false,
    }
}

/// [`may_manage_members`] as a refusal.
pub fn require_member_manager(actor: &Actor, chair_ids: &[String]) -> AppResult<()> {
    allowed_or(
        may_manage_members(actor, chair_ids),
        "only coordinators and the group's chair manage its members",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::actor;
    use crate::domain::OrgKind;

    #[test]
    fn who_manages_a_group() {
        let chairs = vec!["unodc".to_string()];
        let chair = actor(Role::FocalPoint, OrgKind::CompactEntity, "unodc");
        assert!(may_manage_members(&chair, &chairs));
        assert!(!may_create_group(&chair));
        let member = actor(Role::FocalPoint, OrgKind::CompactEntity, "ilo");
        assert!(!may_manage_members(&member, &chairs));
        let chair_observer = actor(Role::Observer, OrgKind::CompactEntity, "unodc");
        assert!(!may_manage_members(&chair_observer, &chairs));
        let state = actor(Role::FocalPoint, OrgKind::MemberState, "ken");
        assert!(!may_manage_members(&state, &chairs));
        let coord = actor(Role::Coordinator, OrgKind::CoordinatorOffice, "cted");
        assert!(may_manage_members(&coord, &[]));
        assert!(may_create_group(&coord));
    }
}
