//! Who does what where (DESIGN.md rules 2 and 6): the matrix, the coverage figures and the 3W
//! export count only the needs the needs scope grants and the projects the projects scope
//! grants; a possible overlap names only projects the viewer sees, and is marked
//! "coordinated" by a coordinator or a focal point of either project's organisation.

use super::projects::ProjectScope;
use super::reports::ReportScope;
use super::{allowed_or, Actor};
use crate::domain::Role;
use crate::error::AppResult;

/// What the coordination views count: needs as the needs list shows them (a withheld
/// section's need only for coordinators and its own State), projects as the projects list
/// shows them (`compact` ones only for entities, coordinator offices and coordinators).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CoordinationScope {
    pub needs: ReportScope,
    pub projects: ProjectScope,
}

impl CoordinationScope {
    pub fn for_actor(actor: &Actor) -> Self {
        CoordinationScope {
            needs: ReportScope::for_actor(actor),
            projects: ProjectScope::for_actor(actor),
        }
    }
}

/// Whether the dashboard shows the actor the uncovered needs by region and area: whoever sees
/// needs at all (each figure counts only what they see).
pub fn sees_coverage(actor: &Actor) -> bool {
    ReportScope::for_actor(actor) != ReportScope::Nothing
}

/// Whether the actor may mark the pair of projects owned by `owner_a` and `owner_b` as
/// coordinated: coordinators and administrators, and focal points of either organisation
/// (the two who have to talk); observers never.
pub fn may_mark_coordinated(actor: &Actor, owner_a: &str, owner_b: &str) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::FocalPoint => actor.organisation_id == owner_a || actor.organisation_id == owner_b,
        Role::Observer => false,
    }
}

/// [`may_mark_coordinated`] as a refusal.
pub fn require_mark_coordinated(actor: &Actor, owner_a: &str, owner_b: &str) -> AppResult<()> {
    allowed_or(
        may_mark_coordinated(actor, owner_a, owner_b),
        "only coordinators and focal points of either organisation mark an overlap coordinated",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::actor;
    use crate::domain::OrgKind;

    #[test]
    fn who_marks_an_overlap_coordinated() {
        let cases = [
            (Role::FocalPoint, OrgKind::CompactEntity, "unodc", true),
            (Role::FocalPoint, OrgKind::CompactEntity, "icao", true),
            (Role::FocalPoint, OrgKind::CompactEntity, "unicri", false),
            (Role::FocalPoint, OrgKind::MemberState, "ken", false),
            (Role::Observer, OrgKind::CompactEntity, "unodc", false),
            (Role::Coordinator, OrgKind::CoordinatorOffice, "cted", true),
            (Role::Admin, OrgKind::CoordinatorOffice, "unoct", true),
        ];
        for (role, kind, org, expected) in cases {
            let who = actor(role, kind, org);
            assert_eq!(
                may_mark_coordinated(&who, "unodc", "icao"),
                expected,
                "{who:?}"
            );
        }
    }

    #[test]
    fn coverage_is_for_whoever_sees_needs() {
        assert!(sees_coverage(&actor(
            Role::FocalPoint,
            OrgKind::MemberState,
            "ken"
        )));
        assert!(!sees_coverage(&actor(
            Role::Observer,
            OrgKind::Observer,
            "ipu"
        )));
    }
}
