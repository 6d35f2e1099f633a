//! Visit reports.

pub mod api;
mod forms;
pub mod pages;
