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
    use crate::access::check_rule;

    #[test]
    fn who_may_comment() {
        check_rule(
            may_comment_on_need,
            &[
                (Role::FocalPoint, OrgKind::MemberState, "ken", "ken", true),
                (Role::FocalPoint, OrgKind::MemberState, "ken", "fra", false),
                (Role::Observer, OrgKind::MemberState, "ken", "ken", false),
                (
                    Role::FocalPoint,
                    OrgKind::CompactEntity,
                    "ken",
                    "ken",
                    false,
                ),
            ],
        );
    }

    #[test]
    fn who_sees_comments() {
        check_rule(
            sees_comments,
            &[
                (Role::Observer, OrgKind::MemberState, "ken", "ken", true),
                (Role::Observer, OrgKind::MemberState, "ken", "fra", false),
                (
                    Role::Coordinator,
                    OrgKind::CoordinatorOffice,
                    "unoct",
                    "fra",
                    true,
                ),
            ],
        );
    }
}
