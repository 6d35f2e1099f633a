//! Signing in and out, invitations and password links.

pub mod api;
pub mod pages;
pub mod reset;

use actix_web::web::ServiceConfig;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
pub fn api(cfg: &mut ApiConfig) {
    cfg.service(api::login)
        .service(api::logout)
        .service(api::accept_invitation)
        .service(api::me)
        .service(api::password_reset)
        .service(api::password_reset_confirm);
}

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::login_page)
        .service(pages::login_submit)
        .service(pages::logout)
        .service(pages::set_password_page)
        .service(pages::set_password_submit)
        .service(reset::request_page)
        .service(reset::request_submit)
        .service(reset::confirm_form)
        .service(reset::confirm_submit);
}
