//! Restricted message threads and their attachments.

pub mod api;
pub mod attachments;
pub mod files;
pub mod pages;
