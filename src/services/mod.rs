//! Use cases: authorise, call repositories in one transaction, return plain results.

pub mod accounts;
pub mod attachments;
pub mod auth;
pub mod mail_queue;
pub mod messaging;
pub mod messaging_views;
pub mod reference;
