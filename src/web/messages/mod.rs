//! Restricted message threads and their attachments.

pub mod api;
pub mod attachments;
pub mod files;
pub mod pages;

use actix_web::web::ServiceConfig;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
pub fn api(cfg: &mut ApiConfig) {
    cfg.service(api::list_threads)
        .service(api::create_thread)
        .service(api::get_thread)
        .service(api::reply)
        .service(attachments::upload)
        .service(attachments::download);
}

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::inbox)
        .service(pages::compose)
        .service(pages::compose_submit)
        .service(pages::mail_preference)
        .service(pages::thread)
        .service(pages::reply_submit)
        .service(files::upload_submit)
        .service(files::download);
}
