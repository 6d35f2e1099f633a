//! Administration: accounts, organisations, the audit trail.

pub mod api;
pub mod audit;
pub mod organisations;
pub mod pages;
pub mod users;
