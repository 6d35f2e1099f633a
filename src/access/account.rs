//! The caller's own account.

use crate::domain::Role;

/// Whether the account must have two-factor before it may use the portal: administrators and
/// coordinators always, anyone else when their organisation requires it.
pub fn two_factor_required(role: Role, organisation_requires: bool) -> bool {
    matches!(role, Role::Admin | Role::Coordinator) || organisation_requires
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_needs_two_factor() {
        assert!(two_factor_required(Role::Admin, false));
        assert!(two_factor_required(Role::Coordinator, false));
        assert!(!two_factor_required(Role::FocalPoint, false));
        assert!(two_factor_required(Role::Observer, true));
    }
}
