//! Matches between needs and projects.

pub mod api;
pub mod pages;

use actix_web::web::ServiceConfig;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
pub fn api(cfg: &mut ApiConfig) {
    cfg.service(api::list_matches)
        .service(api::propose_match)
        .service(api::get_match)
        .service(api::patch_match);
}

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::list_page)
        .service(pages::propose_submit)
        .service(pages::move_submit);
}
