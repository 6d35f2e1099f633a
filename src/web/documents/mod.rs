//! Documents and their access lists.

pub mod api;
pub mod pages;

use actix_web::web::ServiceConfig;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
pub fn api(cfg: &mut ApiConfig) {
    cfg.service(api::upload_document)
        .service(api::list_documents)
        .service(api::get_document)
        .service(api::document_content)
        .service(api::add_version)
        .service(api::set_access)
        .service(api::download_log);
}

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::list_page)
        .service(pages::new_page)
        .service(pages::upload_submit)
        .service(pages::show_page)
        .service(pages::download_page)
        .service(pages::version_submit)
        .service(pages::access_submit)
        .service(pages::downloads_page);
}
