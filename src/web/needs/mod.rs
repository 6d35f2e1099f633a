//! Technical-assistance needs.

pub mod api;
pub mod pages;
