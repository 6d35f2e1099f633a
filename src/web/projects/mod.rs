//! Assistance projects.

pub mod api;
mod forms;
pub mod pages;

use actix_web::web::ServiceConfig;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
pub fn api(cfg: &mut ApiConfig) {
    cfg.service(api::list_projects)
        .service(api::export_projects)
        .service(api::create_project)
        .service(api::get_project)
        .service(api::patch_project);
}

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::list_page)
        .service(pages::export)
        .service(pages::new_page)
        .service(pages::create_submit)
        .service(pages::show_page)
        .service(pages::edit_page)
        .service(pages::edit_submit);
}
