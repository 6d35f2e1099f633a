//! Matches between needs and projects (DESIGN.md rule 6): a match is visible to whoever may see
//! both its need ([`super::reports::ReportScope`]) and its project
//! ([`super::projects::ProjectScope`]); the repository applies both scopes in SQL. Here: who
//! proposes, who decides, who completes, and what waits for whom.

use super::projects::ProjectScope;
use super::reports::ReportScope;
use super::{allowed_or, needs, projects, Actor};
use crate::domain::values::MatchStatus;
use crate::domain::Role;
use crate::error::AppResult;

/// Which matches an actor may read: those whose need and project they may both see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchScope {
    pub needs: ReportScope,
    pub projects: ProjectScope,
}

impl MatchScope {
    pub fn for_actor(actor: &Actor) -> Self {
        MatchScope {
            needs: ReportScope::for_actor(actor),
            projects: ProjectScope::for_actor(actor),
        }
    }
}

/// A match is proposed by a focal point of the project's organisation or by a coordinator.
pub fn may_propose(actor: &Actor, project_owner_id: &str) -> bool {
    projects::may_offer_for(actor, project_owner_id)
}

/// [`may_propose`] as a refusal.
pub fn require_proposer(actor: &Actor, project_owner_id: &str) -> AppResult<()> {
    allowed_or(
        may_propose(actor, project_owner_id),
        "only focal points of the project's organisation and coordinators propose its matches",
    )
}

/// A proposal is accepted or declined by the concerned State's focal points or a coordinator:
/// the people who also speak for the need in its comments.
pub fn may_decide(actor: &Actor, need_state_id: &str) -> bool {
    needs::may_comment_on_need(actor, need_state_id)
}

/// An accepted match is completed by the project's organisation or a coordinator.
pub fn may_complete(actor: &Actor, project_owner_id: &str) -> bool {
    projects::may_edit(actor, project_owner_id)
}

/// Whether the actor may move a match to `next` (whether the move itself is allowed is
/// [`MatchStatus::may_become`]'s question). Nobody moves a match back to `proposed`.
pub fn may_move_to(
    actor: &Actor,
    next: MatchStatus,
    need_state_id: &str,
    project_owner_id: &str,
) -> bool {
    match next {
        MatchStatus::Accepted | MatchStatus::Declined => may_decide(actor, need_state_id),
        MatchStatus::Completed => may_complete(actor, project_owner_id),
        MatchStatus::Proposed => {
            may_decide(actor, need_state_id) || may_complete(actor, project_owner_id)
        }
    }
}

/// [`may_move_to`] as a refusal.
pub fn require_mover(
    actor: &Actor,
    next: MatchStatus,
    need_state_id: &str,
    project_owner_id: &str,
) -> AppResult<()> {
    allowed_or(
        may_move_to(actor, next, need_state_id, project_owner_id),
        "the concerned State decides on a match, the project's organisation completes it",
    )
}

/// Suggestions (issue 12) are read by whoever may see their subject: the need's suggested
/// projects by whoever sees the need, the project's suggested needs by whoever sees the project,
/// each candidate narrowed by the same two scopes as a match ([`MatchScope`]). Observers see
/// them too: they already see those needs and projects, and a suggestion writes nothing.
/// The project page offers its suggested needs to those who may propose its matches.
pub fn offers_project_suggestions(actor: &Actor, project_owner_id: &str) -> bool {
    may_propose(actor, project_owner_id)
}

/// A suggestion is dismissed by whoever may propose that match or decide on it: a focal point
/// of the project's organisation, of the need's State, or a coordinator.
pub fn may_dismiss(actor: &Actor, need_state_id: &str, project_owner_id: &str) -> bool {
    may_propose(actor, project_owner_id) || may_decide(actor, need_state_id)
}

/// [`may_dismiss`] as a refusal.
pub fn require_dismisser(
    actor: &Actor,
    need_state_id: &str,
    project_owner_id: &str,
) -> AppResult<()> {
    allowed_or(
        may_dismiss(actor, need_state_id, project_owner_id),
        "the project's organisation, the concerned State or a coordinator dismisses a suggestion",
    )
}

/// What waits for an actor (`/matches`, `waiting=me`), among the matches they may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waiting {
    /// Coordinators: every proposal to decide and every accepted match to complete.
    Everything,
    /// A focal point: the proposals for their State's needs, and the answers to their
    /// organisation's proposals (accepted ones wait to be completed).
    For(String),
    /// Observers act on nothing.
    Nothing,
}

impl Waiting {
    pub fn for_actor(actor: &Actor) -> Self {
        match actor.role {
            Role::Admin | Role::Coordinator => Waiting::Everything,
            Role::FocalPoint => Waiting::For(actor.organisation_id.clone()),
            Role::Observer => Waiting::Nothing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{actor, check_rule};
    use crate::domain::OrgKind;

    #[test]
    fn who_decides() {
        check_rule(
            may_decide,
            &[
                (Role::FocalPoint, OrgKind::MemberState, "ken", "ken", true),
                (Role::FocalPoint, OrgKind::MemberState, "fra", "ken", false),
                (Role::Observer, OrgKind::MemberState, "ken", "ken", false),
                (
                    Role::FocalPoint,
                    OrgKind::CompactEntity,
                    "ken",
                    "ken",
                    false,
                ),
                (
                    Role::Coordinator,
                    OrgKind::CoordinatorOffice,
                    "cted",
                    "ken",
                    true,
                ),
            ],
        );
    }

    #[test]
    fn who_proposes_and_completes() {
        for rule in [may_propose, may_complete] {
            check_rule(
                rule,
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
                        "icao",
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
                    (
                        Role::Coordinator,
                        OrgKind::CoordinatorOffice,
                        "cted",
                        "unodc",
                        true,
                    ),
                ],
            );
        }
    }

    #[test]
    fn who_dismisses() {
        let state = actor(Role::FocalPoint, OrgKind::MemberState, "ken");
        let other_state = actor(Role::FocalPoint, OrgKind::MemberState, "fra");
        let entity = actor(Role::FocalPoint, OrgKind::CompactEntity, "unodc");
        let other_entity = actor(Role::FocalPoint, OrgKind::CompactEntity, "icao");
        let coordinator = actor(Role::Coordinator, OrgKind::CoordinatorOffice, "cted");
        let observer = actor(Role::Observer, OrgKind::MemberState, "ken");
        assert!(may_dismiss(&state, "ken", "unodc"));
        assert!(may_dismiss(&entity, "ken", "unodc"));
        assert!(may_dismiss(&coordinator, "ken", "unodc"));
        assert!(!may_dismiss(&other_state, "ken", "unodc"));
        assert!(!may_dismiss(&other_entity, "ken", "unodc"));
        assert!(!may_dismiss(&observer, "ken", "unodc"));
    }

    #[test]
    fn moves_by_target() {
        let state = actor(Role::FocalPoint, OrgKind::MemberState, "ken");
        let entity = actor(Role::FocalPoint, OrgKind::CompactEntity, "unodc");
        assert!(may_move_to(&state, MatchStatus::Accepted, "ken", "unodc"));
        assert!(!may_move_to(&state, MatchStatus::Completed, "ken", "unodc"));
        assert!(may_move_to(&entity, MatchStatus::Completed, "ken", "unodc"));
        assert!(!may_move_to(&entity, MatchStatus::Declined, "ken", "unodc"));
        let observer = actor(Role::Observer, OrgKind::MemberState, "ken");
        assert_eq!(Waiting::for_actor(&observer), Waiting::Nothing);
    }
}
