//! Visit reports.

pub mod api;
mod forms;
pub mod pages;

use actix_web::web::ServiceConfig;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
pub fn api(cfg: &mut ApiConfig) {
    cfg.service(api::list_reports)
        .service(api::create_report)
        .service(api::get_report)
        .service(api::patch_report)
        .service(api::publish_report);
}

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::list_page)
        .service(pages::new_page)
        .service(pages::create_submit)
        .service(pages::show_page)
        .service(pages::edit_page)
        .service(pages::edit_submit)
        .service(pages::publish_submit);
}
