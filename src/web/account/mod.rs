//! The signed-in user's own account: password, two-factor, sessions.

pub mod api;
pub mod pages;

use actix_web::web::ServiceConfig;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
pub fn api(cfg: &mut ApiConfig) {
    cfg.service(api::list_sessions)
        .service(api::end_session)
        .service(api::change_password)
        .service(api::start_totp)
        .service(api::confirm_totp);
}

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::account_page)
        .service(pages::password_submit)
        .service(pages::end_session_submit)
        .service(pages::two_factor_page)
        .service(pages::two_factor_submit);
}
