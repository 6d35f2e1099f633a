//! The service itself: health checks, static assets, the OpenAPI document.

pub mod assets;
pub mod health;
pub mod metrics;
pub mod openapi;
