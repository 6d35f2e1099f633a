//! The dashboard.

pub mod pages;

use actix_web::web::ServiceConfig;

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::dashboard);
}
