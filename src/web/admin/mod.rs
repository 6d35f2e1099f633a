//! Administration: accounts, organisations, the audit trail.

pub mod api;
pub mod audit;
pub mod organisations;
pub mod pages;
pub mod users;

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
        .service(users::users_list_page)
        .service(users::invite_submit)
        .service(users::active_submit)
        .service(users::role_submit)
        .service(users::organisation_submit)
        .service(users::resend_submit)
        .service(users::revoke_submit)
        .service(users::two_factor_reset_submit)
        .service(organisations::organisations_list_page)
        .service(organisations::organisation_create_submit)
        .service(organisations::organisation_update_submit)
        .service(audit::audit_page)
        .service(audit::audit_export)
        .service(audit::audit_verify_page)
        .service(audit::audit_verify_submit);
}
