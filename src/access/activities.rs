//! Activities of the shared calendar (DESIGN.md rule 8): who sees one, who writes one.
//!
//! `organisers` means the organising organisations only: a coordinator or administrator whose
//! office does not organise it does not see it either (the rule names no exception, and default
//! deny). Everything else is open to coordinators and administrators as to an entity.

use super::{allowed_or, Actor};
use crate::domain::values::ActivityVisibility;
use crate::domain::{OrgKind, Role};
use crate::error::AppResult;

/// Which activities an actor may see, applied in SQL by `repo::activities`: those whose
/// visibility is in `visibilities`, and any activity `organisation_id` organises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityScope {
    pub organisation_id: String,
    pub visibilities: Vec<ActivityVisibility>,
}

impl ActivityScope {
    pub fn for_actor(actor: &Actor) -> Self {
        let compact = actor.is_coordinator()
            || matches!(
                actor.organisation_kind,
                OrgKind::CompactEntity | OrgKind::CoordinatorOffice
            );
        let visibilities = if compact {
            vec![ActivityVisibility::Platform, ActivityVisibility::Compact]
        } else {
            vec![ActivityVisibility::Platform]
        };
        ActivityScope {
            organisation_id: actor.organisation_id.clone(),
            visibilities,
        }
    }
}

/// Focal points (who organise for their organisation), coordinators and administrators create
/// activities; observers never write.
pub fn may_create(actor: &Actor) -> bool {
    matches!(
        actor.role,
        Role::FocalPoint | Role::Coordinator | Role::Admin
    )
}

/// [`may_create`] as a refusal.
pub fn require_creator(actor: &Actor) -> AppResult<()> {
    allowed_or(
        may_create(actor),
        "only focal points and coordinators write activities",
    )
}

/// Whether an actor may edit an activity organised by `organiser_ids` (which they can see):
/// coordinators and administrators, and focal points of an organising organisation.
pub fn may_edit(actor: &Actor, organiser_ids: &[String]) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::FocalPoint => organiser_ids.contains(&actor.organisation_id),
        Role::Observer => false,
    }
}

/// [`may_edit`] as a refusal.
pub fn require_editor(actor: &Actor, organiser_ids: &[String]) -> AppResult<()> {
    allowed_or(
        may_edit(actor, organiser_ids),
        "only the organisers' focal points and coordinators edit an activity",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::actor;

    #[test]
    fn scopes_follow_the_organisation_kind() {
        use ActivityVisibility::*;
        let state = ActivityScope::for_actor(&actor(Role::FocalPoint, OrgKind::MemberState, "k"));
        assert_eq!(state.visibilities, vec![Platform]);
        let entity = ActivityScope::for_actor(&actor(Role::Observer, OrgKind::CompactEntity, "u"));
        assert_eq!(entity.visibilities, vec![Platform, Compact]);
        let obs = ActivityScope::for_actor(&actor(Role::FocalPoint, OrgKind::Observer, "i"));
        assert_eq!(obs.visibilities, vec![Platform]);
        let coord = ActivityScope::for_actor(&actor(Role::Coordinator, OrgKind::MemberState, "c"));
        assert!(!coord.visibilities.contains(&Organisers));
    }

    #[test]
    fn who_writes() {
        let organisers = vec!["unodc".to_string()];
        let fp = actor(Role::FocalPoint, OrgKind::CompactEntity, "unodc");
        assert!(may_edit(&fp, &organisers));
        let other = actor(Role::FocalPoint, OrgKind::CompactEntity, "ilo");
        assert!(!may_edit(&other, &organisers));
        let obs = actor(Role::Observer, OrgKind::CompactEntity, "unodc");
        assert!(!may_edit(&obs, &organisers));
        assert!(!may_create(&obs));
        let coord = actor(Role::Coordinator, OrgKind::CoordinatorOffice, "cted");
        assert!(may_edit(&coord, &organisers));
    }
}
