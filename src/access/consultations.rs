//! Capacity consultations and their plans (DESIGN.md rule 7) follow the State's consent like a
//! report: the same [`ReportScope`], applied in SQL by `repo::consultations` with
//! `within_report_scope!` (drafts for coordinators; the concerned State every published one;
//! Compact entities and coordinator offices the published ones with consent `published`;
//! other States and observer organisations nothing).

use super::reports::ReportScope;
use super::Actor;

/// Which consultations (and plans, and the needs drawn from them) an actor may read.
pub fn scope(actor: &Actor) -> ReportScope {
    ReportScope::for_actor(actor)
}

/// Coordinators (and administrators) create and publish consultations.
pub use super::reports::{may_edit_content, require_editor};
