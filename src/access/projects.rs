//! Assistance projects (DESIGN.md rule 6): who sees them and who offers and edits them.

use super::{allowed_or, Actor};
use crate::domain::{OrgKind, Role};
use crate::error::AppResult;

/// Which projects an actor may read; the repository applies it in SQL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProjectScope {
    /// Coordinators, administrators, Compact entities and coordinator offices: `platform` and
    /// `compact` projects alike.
    All,
    /// Member States and observers: `platform` projects, and their own organisation's (a State
    /// acting as donor keeps seeing what it offered).
    PlatformOrOwn(String),
}

impl ProjectScope {
    pub fn for_actor(actor: &Actor) -> Self {
        if actor.is_coordinator() {
            return ProjectScope::All;
        }
        match actor.organisation_kind {
            OrgKind::CompactEntity | OrgKind::CoordinatorOffice => ProjectScope::All,
            OrgKind::MemberState | OrgKind::Observer => {
                ProjectScope::PlatformOrOwn(actor.organisation_id.clone())
            }
        }
    }
}

/// Whether an organisation of this kind offers projects: Compact entities, coordinator offices
/// and Member States acting as donors; observer organisations do not.
pub fn offers_projects(kind: OrgKind) -> bool {
    kind != OrgKind::Observer
}

/// Whether the actor may offer a project in the name of the organisation `owner_id`:
/// coordinators for any organisation, focal points for their own; observers never.
pub fn may_offer_for(actor: &Actor, owner_id: &str) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::FocalPoint => {
            offers_projects(actor.organisation_kind) && actor.organisation_id == owner_id
        }
        Role::Observer => false,
    }
}

/// Whether the actor may offer projects at all (what the pages offer).
pub fn may_offer(actor: &Actor) -> bool {
    may_offer_for(actor, &actor.organisation_id)
}

/// [`may_offer_for`] as a refusal.
pub fn require_offer_for(actor: &Actor, owner_id: &str) -> AppResult<()> {
    allowed_or(
        may_offer_for(actor, owner_id),
        "only focal points of the organisation and coordinators offer its projects",
    )
}

/// Coordinators offer and edit projects in the name of any organisation (the `organisation`
/// field); everyone else in their own.
pub fn acts_for_any(actor: &Actor) -> bool {
    actor.is_coordinator()
}

/// A project is edited by its organisation's focal points and by coordinators.
pub fn may_edit(actor: &Actor, owner_id: &str) -> bool {
    may_offer_for(actor, owner_id)
}

/// [`may_edit`] as a refusal.
pub fn require_editor(actor: &Actor, owner_id: &str) -> AppResult<()> {
    allowed_or(
        may_edit(actor, owner_id),
        "only focal points of the project's organisation and coordinators edit it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{actor, check_rule};

    #[test]
    fn scopes() {
        let scope = |role, kind| ProjectScope::for_actor(&actor(role, kind, "org-1"));
        assert_eq!(
            scope(Role::FocalPoint, OrgKind::CompactEntity),
            ProjectScope::All
        );
        assert_eq!(
            scope(Role::Observer, OrgKind::CoordinatorOffice),
            ProjectScope::All
        );
        assert_eq!(scope(Role::Admin, OrgKind::MemberState), ProjectScope::All);
        assert_eq!(
            scope(Role::FocalPoint, OrgKind::MemberState),
            ProjectScope::PlatformOrOwn("org-1".into())
        );
        assert_eq!(
            scope(Role::Observer, OrgKind::Observer),
            ProjectScope::PlatformOrOwn("org-1".into())
        );
    }

    #[test]
    fn who_offers_and_edits() {
        check_rule(
            may_offer_for,
            &[
                (
                    Role::FocalPoint,
                    OrgKind::CompactEntity,
                    "unodc",
                    "unodc",
                    true,
                ),
                (
                    Role::FocalPoint,
                    OrgKind::CompactEntity,
                    "unodc",
                    "icao",
                    false,
                ),
                (Role::FocalPoint, OrgKind::MemberState, "fra", "fra", true),
                (
                    Role::FocalPoint,
                    OrgKind::CoordinatorOffice,
                    "cted",
                    "cted",
                    true,
                ),
                (Role::FocalPoint, OrgKind::Observer, "ipu", "ipu", false),
                (
                    Role::Observer,
                    OrgKind::CompactEntity,
                    "unodc",
                    "unodc",
                    false,
                ),
                (
                    Role::Coordinator,
                    OrgKind::CoordinatorOffice,
                    "cted",
                    "icao",
                    true,
                ),
                (
                    Role::Admin,
                    OrgKind::CoordinatorOffice,
                    "unoct",
                    "fra",
                    true,
                ),
            ],
        );
        check_rule(
            may_edit,
            &[
                (
                    Role::FocalPoint,
                    OrgKind::CompactEntity,
                    "unodc",
                    "unodc",
                    true,
                ),
                (
                    Role::FocalPoint,
                    OrgKind::MemberState,
                    "ken",
                    "unodc",
                    false,
                ),
                (
                    Role::Observer,
                    OrgKind::CompactEntity,
                    "unodc",
                    "unodc",
                    false,
                ),
            ],
        );
    }
}
