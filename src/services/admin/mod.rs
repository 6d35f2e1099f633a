//! Administration: creating accounts and their set-password links, managing accounts,
//! invitations, organisations, and searching the audit trail.

pub mod account_creation;
pub mod account_management;
pub mod audit_search;
pub mod invitations;
pub mod organisations;
