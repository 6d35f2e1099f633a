//! Queries. Every read that depends on who is asking takes the acting user and filters in SQL.

pub mod account_tokens;
pub mod attachments;
pub mod audit;
pub mod documents;
pub mod files;
pub mod login_failures;
pub mod mail_preferences;
pub mod models;
pub mod needs;
pub mod organisations;
pub mod outbox;
pub mod reports;
pub mod sessions;
pub mod threads;
pub mod two_factor;
pub mod user_admin;
pub mod users;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);
