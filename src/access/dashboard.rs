//! What the dashboard shows whom (issue 15), and which State's page a user lands on. The
//! dashboard and the States' pages are views over the other rules: each block reads through
//! the scope of its own area, so they never show what the object's own page would not.

use super::Actor;
use crate::domain::OrgKind;

/// The dashboard a user gets: what waits for them depends on what they act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DashboardRole {
    /// Coordinators and administrators: coverage, drafts, values to validate, overlaps.
    Coordinator,
    /// A Member State's users: their State's needs, decisions, activities.
    State,
    /// Compact entities and coordinator offices: their proposals, needs near their projects,
    /// overlaps, their activities.
    Entity,
    /// Observer organisations: messages and documents only.
    Reader,
}

impl DashboardRole {
    pub fn for_actor(actor: &Actor) -> Self {
        if actor.is_coordinator() {
            return DashboardRole::Coordinator;
        }
        match actor.organisation_kind {
            OrgKind::MemberState => DashboardRole::State,
            OrgKind::CompactEntity | OrgKind::CoordinatorOffice => DashboardRole::Entity,
            OrgKind::Observer => DashboardRole::Reader,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            DashboardRole::Coordinator => "coordinator",
            DashboardRole::State => "state",
            DashboardRole::Entity => "entity",
            DashboardRole::Reader => "reader",
        }
    }
}

/// The State whose page is the user's own (a Member State's users): linked from their
/// dashboard and the navigation.
pub fn own_state(actor: &Actor) -> Option<&str> {
    (actor.organisation_kind == OrgKind::MemberState).then_some(actor.organisation_code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::actor;
    use crate::domain::Role;

    #[test]
    fn dashboards_by_role_and_kind() {
        let cases = [
            (
                Role::Coordinator,
                OrgKind::CoordinatorOffice,
                DashboardRole::Coordinator,
            ),
            (
                Role::Admin,
                OrgKind::CompactEntity,
                DashboardRole::Coordinator,
            ),
            (Role::FocalPoint, OrgKind::MemberState, DashboardRole::State),
            (Role::Observer, OrgKind::MemberState, DashboardRole::State),
            (
                Role::FocalPoint,
                OrgKind::CompactEntity,
                DashboardRole::Entity,
            ),
            (
                Role::FocalPoint,
                OrgKind::CoordinatorOffice,
                DashboardRole::Entity,
            ),
            (Role::Observer, OrgKind::Observer, DashboardRole::Reader),
        ];
        for (role, kind, expected) in cases {
            assert_eq!(DashboardRole::for_actor(&actor(role, kind, "o")), expected);
        }
        assert_eq!(
            own_state(&actor(Role::FocalPoint, OrgKind::MemberState, "ken")),
            Some("KEN")
        );
        assert_eq!(
            own_state(&actor(Role::FocalPoint, OrgKind::CompactEntity, "unodc")),
            None
        );
    }
}
