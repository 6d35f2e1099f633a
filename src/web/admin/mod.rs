//! Administration: accounts, organisations, the audit trail.

pub mod api;
pub mod pages;

use actix_web::web::ServiceConfig;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
pub fn api(cfg: &mut ApiConfig) {
    cfg.service(api::list_users)
        .service(api::invite_user)
        .service(api::patch_user)
        .service(api::resend_invitation)
        .service(api::revoke_invitation)
        .service(api::reset_two_factor)
        .service(api::list_organisations)
        .service(api::create_organisation)
        .service(api::patch_organisation)
        .service(api::export_audit)
        .service(api::list_audit);
}

/// Its pages.
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::index_page)
        .service(pages::users_list_page)
        .service(pages::invite_submit)
        .service(pages::active_submit)
        .service(pages::role_submit)
        .service(pages::organisation_submit)
        .service(pages::resend_submit)
        .service(pages::revoke_submit)
        .service(pages::two_factor_reset_submit)
        .service(pages::organisations_list_page)
        .service(pages::organisation_create_submit)
        .service(pages::organisation_update_submit)
        .service(pages::audit_page)
        .service(pages::audit_export)
        .service(pages::audit_verify_page)
        .service(pages::audit_verify_submit);
}
