//! Documents: what an actor reads (owner, access list, audiences) and who manages them.

use super::{allowed_or, Actor};
use crate::domain::{OrgKind, Role};
use crate::error::AppResult;

/// What an actor may read among documents: those their organisation owns, those whose access
/// list names one of `grantees` (their organisation id or an audience they belong to), and,
/// for coordinators, every document that is not confidential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentScope {
    pub org_id: String,
    pub grantees: Vec<String>,
    pub reads_unlisted_non_confidential: bool,
}

impl DocumentScope {
    pub fn for_actor(actor: &Actor) -> Self {
        let mut grantees = vec![actor.organisation_id.clone()];
        match actor.organisation_kind {
            OrgKind::MemberState => grantees.push("all_member_states".into()),
            OrgKind::CompactEntity => grantees.push("all_compact_entities".into()),
            OrgKind::CoordinatorOffice => {
                grantees.push("all_compact_entities".into());
                grantees.push("coordinators".into());
            }
            OrgKind::Observer => {}
        }
        let coordinator = actor.is_coordinator();
        if coordinator && !grantees.iter().any(|g| g == "coordinators") {
            grantees.push("coordinators".into());
        }
        DocumentScope {
            org_id: actor.organisation_id.clone(),
            grantees,
            reads_unlisted_non_confidential: coordinator,
        }
    }
}

/// Who may change a readable document's access list or add versions: focal points of the
/// owner organisation, coordinators and administrators.
pub fn may_manage_document(actor: &Actor, owner_org_id: &str) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::FocalPoint => actor.organisation_id == owner_org_id,
        Role::Observer => false,
    }
}

/// Observers only read.
pub fn may_upload_documents(actor: &Actor) -> bool {
    !matches!(actor.role, Role::Observer)
}

/// [`may_upload_documents`] as a refusal: the upload handlers ask before they receive a byte.
pub fn require_uploader(actor: &Actor) -> AppResult<()> {
    allowed_or(
        may_upload_documents(actor),
        "observers cannot upload documents",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{actor, check_rule};

    #[test]
    fn document_scopes() {
        let entity =
            DocumentScope::for_actor(&actor(Role::FocalPoint, OrgKind::CompactEntity, "u"));
        assert_eq!(entity.grantees, vec!["u", "all_compact_entities"]);
        assert!(!entity.reads_unlisted_non_confidential);
        let coord =
            DocumentScope::for_actor(&actor(Role::Coordinator, OrgKind::CoordinatorOffice, "c"));
        assert!(coord.reads_unlisted_non_confidential);
        assert_eq!(
            coord
                .grantees
                .iter()
                .filter(|g| *g == "coordinators")
                .count(),
            1
        );
        let state_obs = DocumentScope::for_actor(&actor(Role::Observer, OrgKind::MemberState, "k"));
        assert_eq!(state_obs.grantees, vec!["k", "all_member_states"]);
        let observer_org = DocumentScope::for_actor(&actor(Role::Observer, OrgKind::Observer, "i"));
        assert_eq!(observer_org.grantees, vec!["i"]);
    }

    #[test]
    fn managing() {
        check_rule(
            may_manage_document,
            &[
                (Role::FocalPoint, OrgKind::CompactEntity, "u", "u", true),
                (Role::FocalPoint, OrgKind::CompactEntity, "u", "x", false),
                (Role::Observer, OrgKind::CompactEntity, "u", "u", false),
            ],
        );
        let obs = actor(Role::Observer, OrgKind::CompactEntity, "u");
        assert!(!may_upload_documents(&obs));
        let fp = actor(Role::FocalPoint, OrgKind::CompactEntity, "u");
        assert!(require_uploader(&fp).is_ok());
    }
}
