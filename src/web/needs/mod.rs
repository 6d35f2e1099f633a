//! Technical-assistance needs.

pub mod api;
pub mod pages;

use actix_web::web::ServiceConfig;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
pub fn api(cfg: &mut ApiConfig) {
    cfg.service(api::list_needs)
        .service(api::export_needs)
        .service(api::create_need)
        .service(api::get_need)
        .service(api::patch_need)
        .service(api::comment_need);
}

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::list_page)
        .service(pages::export)
        .service(pages::new_page)
        .service(pages::create_submit)
        .service(pages::show_page)
        .service(pages::comment_submit)
        .service(pages::edit_submit);
}
