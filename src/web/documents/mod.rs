//! Documents and their access lists.

pub mod api;
pub mod pages;
