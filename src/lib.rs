//! The counter-terrorism coordination portal: everything public so `tests/` can start the
//! real application.

pub mod access;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod demo_activities;
pub mod demo_content;
pub mod demo_matches;
pub mod demo_projects;
pub mod demo_suggestions;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod mail;
pub mod pagination;
pub mod repo;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod templates;
pub mod web;
