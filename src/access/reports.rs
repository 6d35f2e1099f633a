//! Visit reports and their sections; the same scope filters the needs drawn from them.

use super::{allowed_or, Actor};
use crate::domain::OrgKind;
use crate::error::AppResult;

/// Which visit reports (and sections) an actor may read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReportScope {
    /// Coordinators and administrators: every report, drafts and withheld sections included.
    All,
    /// A Member State's users: the published reports about their own State, all sections.
    OwnState(String),
    /// Compact entities and coordinator offices: published reports, published sections only.
    PublishedSections,
    /// Everyone else (other States, observer organisations).
    Nothing,
}

impl ReportScope {
    pub fn for_actor(actor: &Actor) -> Self {
        if actor.is_coordinator() {
            return ReportScope::All;
        }
        match actor.organisation_kind {
            OrgKind::MemberState => ReportScope::OwnState(actor.organisation_id.clone()),
            OrgKind::CompactEntity | OrgKind::CoordinatorOffice => ReportScope::PublishedSections,
            OrgKind::Observer => ReportScope::Nothing,
        }
    }

    pub fn sees_drafts(&self) -> bool {
        matches!(self, ReportScope::All)
    }

    pub fn sees_withheld_sections(&self) -> bool {
        matches!(self, ReportScope::All | ReportScope::OwnState(_))
    }
}

/// Coordinators (and administrators, who have a coordinator's content access) edit and publish
/// reports and needs, and see a report's versions and readers.
pub fn may_edit_content(actor: &Actor) -> bool {
    actor.is_coordinator()
}

/// [`may_edit_content`] as a refusal.
pub fn require_editor(actor: &Actor) -> AppResult<()> {
    allowed_or(may_edit_content(actor), "only coordinators may do this")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::actor;
    use crate::domain::Role;

    fn scope(role: Role, kind: OrgKind) -> ReportScope {
        ReportScope::for_actor(&actor(role, kind, "org-1"))
    }

    #[test]
    fn report_scopes() {
        assert_eq!(
            scope(Role::Coordinator, OrgKind::CoordinatorOffice),
            ReportScope::All
        );
        assert_eq!(scope(Role::Admin, OrgKind::CompactEntity), ReportScope::All);
        assert_eq!(
            scope(Role::FocalPoint, OrgKind::MemberState),
            ReportScope::OwnState("org-1".into())
        );
        assert_eq!(
            scope(Role::Observer, OrgKind::MemberState),
            ReportScope::OwnState("org-1".into())
        );
        assert_eq!(
            scope(Role::FocalPoint, OrgKind::CompactEntity),
            ReportScope::PublishedSections
        );
        assert_eq!(
            scope(Role::FocalPoint, OrgKind::CoordinatorOffice),
            ReportScope::PublishedSections
        );
        assert_eq!(
            scope(Role::Observer, OrgKind::Observer),
            ReportScope::Nothing
        );
    }

    #[test]
    fn editors() {
        assert!(require_editor(&actor(Role::Admin, OrgKind::CoordinatorOffice, "u")).is_ok());
        assert!(require_editor(&actor(Role::FocalPoint, OrgKind::MemberState, "k")).is_err());
    }
}
