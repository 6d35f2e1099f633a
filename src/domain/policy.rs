//! Who may see what (DESIGN.md, "Access rules"), as plain values the queries apply.
//! Default deny: a scope grants; anything not granted is invisible, and invisible looks the
//! same as non-existent.

pub use super::values::{Classification, Consent, NeedVisibility};
use super::{OrgKind, Role};

/// The caller, as the access rules see them.
#[derive(Debug, Clone, Copy)]
pub struct Viewer<'a> {
    pub role: Role,
    pub org_kind: OrgKind,
    pub org_id: &'a str,
}

/// Which visit reports (and sections) a viewer may read.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub fn for_viewer(viewer: Viewer<'_>) -> Self {
        if matches!(viewer.role, Role::Admin | Role::Coordinator) {
            return ReportScope::All;
        }
        match viewer.org_kind {
            OrgKind::MemberState => ReportScope::OwnState(viewer.org_id.to_string()),
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

/// Whether a viewer may comment on a need of `need_state_id`: coordinators, administrators,
/// and the concerned State's focal points.
pub fn may_comment_on_need(viewer: Viewer<'_>, need_state_id: &str) -> bool {
    match viewer.role {
        Role::Admin | Role::Coordinator => true,
        Role::FocalPoint => {
            viewer.org_kind == OrgKind::MemberState && viewer.org_id == need_state_id
        }
        Role::Observer => false,
    }
}

/// Coordinators (and administrators, who have a coordinator's content access) edit and publish.
pub fn may_edit_content(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Coordinator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role, org_kind: OrgKind) -> Viewer<'static> {
        Viewer {
            role,
            org_kind,
            org_id: "org-1",
        }
    }

    #[test]
    fn report_scopes() {
        assert_eq!(
            ReportScope::for_viewer(viewer(Role::Coordinator, OrgKind::CoordinatorOffice)),
            ReportScope::All
        );
        assert_eq!(
            ReportScope::for_viewer(viewer(Role::Admin, OrgKind::CompactEntity)),
            ReportScope::All
        );
        assert_eq!(
            ReportScope::for_viewer(viewer(Role::FocalPoint, OrgKind::MemberState)),
            ReportScope::OwnState("org-1".into())
        );
        assert_eq!(
            ReportScope::for_viewer(viewer(Role::Observer, OrgKind::MemberState)),
            ReportScope::OwnState("org-1".into())
        );
        assert_eq!(
            ReportScope::for_viewer(viewer(Role::FocalPoint, OrgKind::CompactEntity)),
            ReportScope::PublishedSections
        );
        assert_eq!(
            ReportScope::for_viewer(viewer(Role::FocalPoint, OrgKind::CoordinatorOffice)),
            ReportScope::PublishedSections
        );
        assert_eq!(
            ReportScope::for_viewer(viewer(Role::Observer, OrgKind::Observer)),
            ReportScope::Nothing
        );
    }

    #[test]
    fn need_visibility_follows_the_source() {
        use NeedVisibility::*;
        assert_eq!(
            NeedVisibility::from_source(Some(false), Some(Consent::Published)),
            Draft
        );
        assert_eq!(
            NeedVisibility::from_source(Some(false), Some(Consent::Withheld)),
            Draft
        );
        assert_eq!(
            NeedVisibility::from_source(Some(true), Some(Consent::Withheld)),
            Withheld
        );
        assert_eq!(
            NeedVisibility::from_source(Some(true), Some(Consent::Published)),
            Published
        );
        assert_eq!(NeedVisibility::from_source(Some(true), None), Published);
        assert_eq!(NeedVisibility::from_source(None, None), Published);
    }

    #[test]
    fn who_may_comment() {
        let state = Viewer {
            role: Role::FocalPoint,
            org_kind: OrgKind::MemberState,
            org_id: "ken",
        };
        assert!(may_comment_on_need(state, "ken"));
        assert!(!may_comment_on_need(state, "fra"));
        let observer = Viewer {
            role: Role::Observer,
            org_kind: OrgKind::MemberState,
            org_id: "ken",
        };
        assert!(!may_comment_on_need(observer, "ken"));
        let entity = Viewer {
            role: Role::FocalPoint,
            org_kind: OrgKind::CompactEntity,
            org_id: "ken",
        };
        assert!(!may_comment_on_need(entity, "ken"));
    }
}

/// Audience names an access list may hold besides organisations.
pub const AUDIENCES: [&str; 3] = ["all_compact_entities", "all_member_states", "coordinators"];

/// What a viewer may read among documents: those their organisation owns, those whose access
/// list names one of `grantees` (their organisation id or an audience they belong to), and,
/// for coordinators, every document that is not confidential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentScope {
    pub org_id: String,
    pub grantees: Vec<String>,
    pub reads_unlisted_non_confidential: bool,
}

impl DocumentScope {
    pub fn for_viewer(viewer: Viewer<'_>) -> Self {
        let mut grantees = vec![viewer.org_id.to_string()];
        match viewer.org_kind {
            OrgKind::MemberState => grantees.push("all_member_states".into()),
            OrgKind::CompactEntity => grantees.push("all_compact_entities".into()),
            OrgKind::CoordinatorOffice => {
                grantees.push("all_compact_entities".into());
                grantees.push("coordinators".into());
            }
            OrgKind::Observer => {}
        }
        let coordinator = matches!(viewer.role, Role::Admin | Role::Coordinator);
        if coordinator && !grantees.iter().any(|g| g == "coordinators") {
            grantees.push("coordinators".into());
        }
        DocumentScope {
            org_id: viewer.org_id.to_string(),
            grantees,
            reads_unlisted_non_confidential: coordinator,
        }
    }
}

/// Who may change a readable document's access list or add versions: focal points of the
/// owner organisation, coordinators and administrators.
pub fn may_manage_document(viewer: Viewer<'_>, owner_org_id: &str) -> bool {
    match viewer.role {
        Role::Admin | Role::Coordinator => true,
        Role::FocalPoint => viewer.org_id == owner_org_id,
        Role::Observer => false,
    }
}

/// Observers only read.
pub fn may_upload_documents(role: Role) -> bool {
    !matches!(role, Role::Observer)
}

#[cfg(test)]
mod document_tests {
    use super::*;

    #[test]
    fn document_scopes() {
        let entity = DocumentScope::for_viewer(Viewer {
            role: Role::FocalPoint,
            org_kind: OrgKind::CompactEntity,
            org_id: "u",
        });
        assert_eq!(entity.grantees, vec!["u", "all_compact_entities"]);
        assert!(!entity.reads_unlisted_non_confidential);
        let coord = DocumentScope::for_viewer(Viewer {
            role: Role::Coordinator,
            org_kind: OrgKind::CoordinatorOffice,
            org_id: "c",
        });
        assert!(coord.reads_unlisted_non_confidential);
        assert_eq!(
            coord
                .grantees
                .iter()
                .filter(|g| *g == "coordinators")
                .count(),
            1
        );
        let state_obs = DocumentScope::for_viewer(Viewer {
            role: Role::Observer,
            org_kind: OrgKind::MemberState,
            org_id: "k",
        });
        assert_eq!(state_obs.grantees, vec!["k", "all_member_states"]);
        let observer_org = DocumentScope::for_viewer(Viewer {
            role: Role::Observer,
            org_kind: OrgKind::Observer,
            org_id: "i",
        });
        assert_eq!(observer_org.grantees, vec!["i"]);
    }

    #[test]
    fn managing() {
        let fp = Viewer {
            role: Role::FocalPoint,
            org_kind: OrgKind::CompactEntity,
            org_id: "u",
        };
        assert!(may_manage_document(fp, "u"));
        assert!(!may_manage_document(fp, "x"));
        let obs = Viewer {
            role: Role::Observer,
            org_kind: OrgKind::CompactEntity,
            org_id: "u",
        };
        assert!(!may_manage_document(obs, "u"));
    }
}
