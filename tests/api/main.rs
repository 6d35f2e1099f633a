//! Integration tests: each starts the real server on port 0 with its own database and talks
//! HTTP to it. Run on SQLite by default; set PORTAL_TEST_DATABASE_URL=postgres://… to run the
//! same tests on PostgreSQL.

mod account;
mod activities;
mod activity_pages;
mod admin;
mod admin_refusals;
mod attachments;
mod audit;
mod auth_api;
mod bad_input;
mod browser_credentials;
mod cli;
mod contract;
mod credentials;
mod document_pages;
mod documents;
mod headers;
mod helpers;
mod html_pages;
mod invitations;
mod jwt_forgery;
mod lifecycle;
mod mail_delivery;
mod match_pages;
mod matches;
mod messaging;
mod messaging_limits;
mod messaging_pages;
mod organisation_codes;
mod password_reset;
mod people;
mod project_pages;
mod projects;
mod report_pages;
mod reports;
mod request_logs;
mod requests;
mod resilience;
mod schema_parity;
mod set_password;
mod smtp_server;
mod suggestions;
mod throttling;
mod two_factor;
