//! What the areas' handlers share: JSON answers, page rendering, forms, list pieces, CSV, uploads
//! and downloads.

pub mod api;
pub mod chrome;
pub mod csv;
pub mod files;
pub mod forms;
pub mod language;
pub mod lists;
pub mod organisations;
pub mod render;
pub mod responses;
pub mod rows;
pub mod upload;
