//! Needs: their visibility follows the report scope ([`super::reports::ReportScope`]);
//! comments are for coordinators and the concerned State.

use super::Actor;
use crate::domain::{OrgKind, Role};

/// Whether an actor sees the comments on a need of `need_state_id`: coordinators,
/// administrators and the concerned State's users.
pub fn sees_comments(actor: &Actor, need_state_id: &str) -> bool {
    actor.is_coordinator() || actor.organisation_id == need_state_id
}

/// Whether an actor may comment on a need of `need_state_id`: coordinators, administrators,
/// and the concerned State's focal points.
pub fn may_comment_on_need(actor: &Actor, need_state_id: &str) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::FocalPoint => {
            actor.organisation_kind == OrgKind::MemberState
                && actor.organisation_id == need_state_id
        }
        Role::Observer => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::actor;

    #[test]
    fn who_may_comment() {
        let state = actor(Role::FocalPoint, OrgKind::MemberState, "ken");
        assert!(may_comment_on_need(&state, "ken"));
        assert!(!may_comment_on_need(&state, "fra"));
        let observer = actor(Role::Observer, OrgKind::MemberState, "ken");
        assert!(!may_comment_on_need(&observer, "ken"));
        let entity = actor(Role::FocalPoint, OrgKind::CompactEntity, "ken");
        assert!(!may_comment_on_need(&entity, "ken"));
    }

    #[test]
    fn who_sees_comments() {
        let observer = actor(Role::Observer, OrgKind::MemberState, "ken");
        assert!(sees_comments(&observer, "ken"));
        assert!(!sees_comments(&observer, "fra"));
        let coordinator = actor(Role::Coordinator, OrgKind::CoordinatorOffice, "unoct");
        assert!(sees_comments(&coordinator, "fra"));
    }
}
