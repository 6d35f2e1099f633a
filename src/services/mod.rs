//! Use cases: authorise, call repositories in one transaction, return plain results.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod content;
pub mod documents;
pub mod files;
pub mod needs;
pub mod reference;
pub mod reports;
