//! Use cases: authorise, call repositories in one transaction, return plain results.

pub mod accounts;
pub mod auth;
pub mod mail_queue;
pub mod messaging;
pub mod reference;
