//! Use cases: authorise, call repositories in one transaction, return plain results.

pub mod account;
pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod audit_log;
pub mod auth;
pub mod content;
pub mod documents;
pub mod files;
pub mod invitations;
pub mod mail_queue;
pub mod messaging;
pub mod messaging_views;
pub mod needs;
pub mod organisations_admin;
pub mod password_reset;
pub mod reference;
pub mod reports;
pub mod two_factor;
pub mod user_management;
