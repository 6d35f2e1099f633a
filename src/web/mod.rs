//! The HTTP layer, one folder per area (`api.rs` for JSON under `/api/v1`, `pages.rs` for HTML,
//! `routes` below registering every route), `common/` for what the areas share and
//! `system/` for health, assets and the OpenAPI document. Handlers are thin: extract, call a
//! service, render JSON or a page.

/// Marks a form struct with a `csrf_token` field as CSRF-protected (`auth::csrf::CsrfForm`);
/// `signed_out` for the forms a signed-out browser posts (sign-in, password links, language).
macro_rules! csrf_protected {
    ($t:ty) => {
        impl $crate::auth::csrf::CsrfProtected for $t {
            fn csrf_token(&self) -> &str {
                &self.csrf_token
            }
        }
    };
    ($t:ty, signed_out) => {
        impl $crate::auth::csrf::CsrfProtected for $t {
            fn csrf_token(&self) -> &str {
                &self.csrf_token
            }
            const SIGNED_OUT: bool = true;
        }
    };
}

pub mod account;
pub mod admin;
pub mod auth;
pub mod common;
pub mod dashboard;
pub mod documents;
pub mod messages;
pub mod needs;
pub mod reports;
pub mod system;

use actix_web::web;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Every route of the application, for `App::configure`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    routes(&mut ApiConfig::new(cfg));
}

/// Every route of the application, in one table, area by area. The API is one scope (actix does
/// not fall through from one scope to another of the same prefix). A handler given
/// to `ApiConfig::service` (the API, health) must carry its `#[utoipa::path]`, and its path item
/// goes into the OpenAPI document (`system::openapi`, which collects it from here) under the
/// route's own path and method; the rest (`map`) is left out of the document.
pub fn routes(cfg: &mut ApiConfig) {
    cfg.service(system::health::healthz)
        .service(system::health::readyz)
        .map(|cfg| cfg.service(system::assets::asset))
        .service(
            utoipa_actix_web::scope("/api/v1")
                .service(auth::api::login)
                .service(auth::api::logout)
                .service(auth::api::accept_invitation)
                .service(auth::api::me)
                .service(auth::api::password_reset)
                .service(auth::api::password_reset_confirm)
                .service(account::api::list_sessions)
                .service(account::api::end_session)
                .service(account::api::change_password)
                .service(account::api::start_totp)
                .service(account::api::confirm_totp)
                .service(reports::api::list_reports)
                .service(reports::api::create_report)
                .service(reports::api::get_report)
                .service(reports::api::patch_report)
                .service(reports::api::publish_report)
                .service(needs::api::list_needs)
                .service(needs::api::export_needs)
                .service(needs::api::create_need)
                .service(needs::api::get_need)
                .service(needs::api::patch_need)
                .service(needs::api::comment_need)
                .service(documents::api::upload_document)
                .service(documents::api::list_documents)
                .service(documents::api::get_document)
                .service(documents::api::document_content)
                .service(documents::api::add_version)
                .service(documents::api::set_access)
                .service(documents::api::download_log)
                .service(messages::api::list_threads)
                .service(messages::api::create_thread)
                .service(messages::api::get_thread)
                .service(messages::api::reply)
                .service(messages::attachments::upload)
                .service(messages::attachments::download)
                .service(admin::api::list_users)
                .service(admin::api::invite_user)
                .service(admin::api::patch_user)
                .service(admin::api::resend_invitation)
                .service(admin::api::revoke_invitation)
                .service(admin::api::reset_two_factor)
                .service(admin::api::list_organisations)
                .service(admin::api::create_organisation)
                .service(admin::api::patch_organisation)
                .service(admin::api::export_audit)
                .service(admin::api::list_audit)
                .service(system::openapi::openapi_json),
        )
        .map(|cfg| {
            cfg.service(auth::pages::login_page)
                .service(auth::pages::login_submit)
                .service(auth::pages::logout)
                .service(auth::pages::set_password_page)
                .service(auth::pages::set_password_submit)
                .service(auth::reset::request_page)
                .service(auth::reset::request_submit)
                .service(auth::reset::confirm_form)
                .service(auth::reset::confirm_submit)
                .service(dashboard::pages::dashboard)
                .service(common::language::change_language)
                .service(account::pages::account_page)
                .service(account::pages::password_submit)
                .service(account::pages::end_session_submit)
                .service(account::pages::two_factor_page)
                .service(account::pages::two_factor_submit)
                .service(reports::pages::list_page)
                .service(reports::pages::new_page)
                .service(reports::pages::create_submit)
                .service(reports::pages::show_page)
                .service(reports::pages::edit_page)
                .service(reports::pages::edit_submit)
                .service(reports::pages::publish_submit)
                .service(needs::pages::list_page)
                .service(needs::pages::export)
                .service(needs::pages::new_page)
                .service(needs::pages::create_submit)
                .service(needs::pages::show_page)
                .service(needs::pages::comment_submit)
                .service(needs::pages::edit_submit)
                .service(documents::pages::list_page)
                .service(documents::pages::new_page)
                .service(documents::pages::upload_submit)
                .service(documents::pages::show_page)
                .service(documents::pages::download_page)
                .service(documents::pages::version_submit)
                .service(documents::pages::access_submit)
                .service(documents::pages::downloads_page)
                .service(messages::pages::inbox)
                .service(messages::pages::compose)
                .service(messages::pages::compose_submit)
                .service(messages::pages::mail_preference)
                .service(messages::pages::thread)
                .service(messages::pages::reply_submit)
                .service(messages::files::upload_submit)
                .service(messages::files::download)
                .service(admin::pages::index_page)
                .service(admin::users::users_list_page)
                .service(admin::users::invite_submit)
                .service(admin::users::active_submit)
                .service(admin::users::role_submit)
                .service(admin::users::organisation_submit)
                .service(admin::users::resend_submit)
                .service(admin::users::revoke_submit)
                .service(admin::users::two_factor_reset_submit)
                .service(admin::organisations::organisations_list_page)
                .service(admin::organisations::organisation_create_submit)
                .service(admin::organisations::organisation_update_submit)
                .service(admin::audit::audit_page)
                .service(admin::audit::audit_export)
                .service(admin::audit::audit_verify_page)
                .service(admin::audit::audit_verify_submit)
        });
}
