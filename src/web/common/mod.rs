//! What the areas' handlers share: page rendering, forms, list pieces, CSV, uploads.

pub mod csv;
pub mod forms;
pub mod language;
pub mod lists;
pub mod render;
pub mod responses;
pub mod upload;
