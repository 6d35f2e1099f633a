//! Who reports and validates progress on an implementation plan (DESIGN.md rule 7), and who
//! sees values not validated yet. Reading the plan itself is the consultation's scope
//! ([`super::consultations::scope`]).

use super::{allowed_or, Actor};
use crate::domain::{OrgKind, Role};
use crate::error::AppResult;

/// Coordinators, administrators, and the focal points of the concerned State.
pub fn may_report_progress(actor: &Actor, plan_state_id: &str) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::FocalPoint => {
            actor.organisation_kind == OrgKind::MemberState
                && actor.organisation_id == plan_state_id
        }
        Role::Observer => false,
    }
}

/// [`may_report_progress`] as a refusal.
pub fn require_reporter(actor: &Actor, plan_state_id: &str) -> AppResult<()> {
    allowed_or(
        may_report_progress(actor, plan_state_id),
        "only the concerned State's focal points and coordinators report progress",
    )
}

/// Coordinators (and administrators) validate or return reported values.
pub fn may_validate_progress(actor: &Actor) -> bool {
    actor.is_coordinator()
}

/// [`may_validate_progress`] as a refusal.
pub fn require_validator(actor: &Actor) -> AppResult<()> {
    allowed_or(
        may_validate_progress(actor),
        "only coordinators validate progress",
    )
}

/// Values waiting for validation or returned are seen by coordinators and the concerned
/// State's users; everyone else who sees the plan sees its validated values only.
pub fn sees_unvalidated_values(actor: &Actor, plan_state_id: &str) -> bool {
    actor.is_coordinator() || actor.organisation_id == plan_state_id
}

/// Whose plans the dashboard's "measures at risk" covers, always inside the consultation
/// scope: coordinators every plan; a Member State's users their State's plans; a Compact
/// entity (or a coordinator office's non-coordinators) the plans of the programmes it takes
/// part in: those it leads (`led`, from the reference programmes) and the consultations that
/// list it among their participants; observer organisations none.
#[derive(Debug, Clone, PartialEq)]
pub enum AtRiskFocus {
    Every,
    State(String),
    Programmes { led: Vec<String>, code: String },
    Nothing,
}

pub fn at_risk_focus(actor: &Actor, led: Vec<String>) -> AtRiskFocus {
    if actor.is_coordinator() {
        return AtRiskFocus::Every;
    }
    match actor.organisation_kind {
        OrgKind::MemberState => AtRiskFocus::State(actor.organisation_id.clone()),
        OrgKind::CompactEntity | OrgKind::CoordinatorOffice => AtRiskFocus::Programmes {
            led,
            code: actor.organisation_code.clone(),
        },
        OrgKind::Observer => AtRiskFocus::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::check_rule;

    #[test]
    fn who_reports_progress() {
        check_rule(
            may_report_progress,
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
    fn who_sees_unvalidated_values() {
        check_rule(
            sees_unvalidated_values,
            &[
                (Role::Observer, OrgKind::MemberState, "ken", "ken", true),
                (
                    Role::FocalPoint,
                    OrgKind::CompactEntity,
                    "unodc",
                    "ken",
                    false,
                ),
                (
                    Role::Admin,
                    OrgKind::CoordinatorOffice,
                    "unoct",
                    "ken",
                    true,
                ),
            ],
        );
    }

    #[test]
    fn who_validates() {
        let focal = crate::access::actor(Role::FocalPoint, OrgKind::MemberState, "ken");
        assert!(require_validator(&focal).is_err());
        let coordinator = crate::access::actor(Role::Coordinator, OrgKind::CoordinatorOffice, "c");
        assert!(require_validator(&coordinator).is_ok());
    }
}
