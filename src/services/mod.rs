//! Use cases, one module per area (the same names as `web/`): authorise through the access
//! rules, call repositories in one transaction, queue mail and audit entries, return plain
//! results. `audit`, `content`, `files`, `kept`, `mail_queue` and `reference` serve every area.

pub mod account;
pub mod activities;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod consultations;
pub mod content;
pub mod coordination;
pub mod dashboard;
pub mod documents;
pub mod files;
pub mod groups;
pub mod kept;
pub mod mail_queue;
pub mod matches;
pub mod messages;
pub mod needs;
pub mod plans;
pub mod projects;
pub mod reference;
pub mod reports;
pub mod search;
pub mod spreadsheet;
pub mod states;
pub mod suggestions;
