//! Thin handlers: extract, call a service, render a page or JSON.

pub mod api_account;
pub mod api_admin;
pub mod api_attachments;
pub mod api_auth;
pub mod api_documents;
pub mod api_reports;
pub mod api_threads;
pub mod assets;
pub mod health;
pub mod messages_files;
pub mod messages_pages;
pub mod openapi;
pub mod pages;
pub mod pages_account;
pub mod pages_admin;
pub mod pages_documents;
pub mod pages_needs;
pub mod pages_reports;
pub mod pages_reset;
pub mod render;
pub mod upload;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(assets::asset)
        .service(
            web::scope("/api/v1")
                .service(api_auth::login)
                .service(api_auth::logout)
                .service(api_auth::accept_invitation)
                .service(api_auth::me)
                .service(api_account::list_sessions)
                .service(api_account::end_session)
                .service(api_account::change_password)
                .service(api_account::start_totp)
                .service(api_account::confirm_totp)
                .service(api_auth::password_reset)
                .service(api_auth::password_reset_confirm)
                .service(api_reports::list_reports)
                .service(api_reports::create_report)
                .service(api_reports::get_report)
                .service(api_reports::patch_report)
                .service(api_reports::publish_report)
                .service(api_reports::list_needs)
                .service(api_reports::export_needs)
                .service(api_reports::create_need)
                .service(api_reports::get_need)
                .service(api_reports::patch_need)
                .service(api_reports::comment_need)
                .service(api_documents::upload_document)
                .service(api_documents::list_documents)
                .service(api_documents::get_document)
                .service(api_documents::document_content)
                .service(api_documents::add_version)
                .service(api_documents::set_access)
                .service(api_documents::download_log)
                .service(api_threads::list_threads)
                .service(api_threads::create_thread)
                .service(api_threads::get_thread)
                .service(api_threads::reply)
                .service(api_attachments::upload)
                .service(api_attachments::download)
                .service(api_admin::list_users)
                .service(api_admin::invite_user)
                .service(api_admin::patch_user)
                .service(api_admin::resend_invitation)
                .service(api_admin::revoke_invitation)
                .service(api_admin::reset_two_factor)
                .service(api_admin::list_organisations)
                .service(api_admin::create_organisation)
                .service(api_admin::patch_organisation)
                .service(api_admin::export_audit)
                .service(api_admin::list_audit)
                .service(openapi::openapi_json),
        )
        .service(pages::login_page)
        .service(pages::login_submit)
        .service(pages::logout)
        .service(pages::dashboard)
        .service(pages::set_password_page)
        .service(pages::set_password_submit)
        .service(pages::change_language)
        .service(pages_account::account_page)
        .service(pages_account::password_submit)
        .service(pages_account::end_session_submit)
        .service(pages_account::two_factor_page)
        .service(pages_account::two_factor_submit)
        .service(pages_reset::request_page)
        .service(pages_reset::request_submit)
        .service(pages_reset::confirm_form)
        .service(pages_reset::confirm_submit)
        .service(pages_reports::list_page)
        .service(pages_reports::new_page)
        .service(pages_reports::create_submit)
        .service(pages_reports::show_page)
        .service(pages_reports::edit_page)
        .service(pages_reports::edit_submit)
        .service(pages_reports::publish_submit)
        .service(pages_needs::list_page)
        .service(pages_needs::export)
        .service(pages_needs::new_page)
        .service(pages_needs::create_submit)
        .service(pages_needs::show_page)
        .service(pages_needs::comment_submit)
        .service(pages_needs::edit_submit)
        .service(pages_documents::list_page)
        .service(pages_documents::new_page)
        .service(pages_documents::upload_submit)
        .service(pages_documents::show_page)
        .service(pages_documents::download_page)
        .service(pages_documents::version_submit)
        .service(pages_documents::access_submit)
        .service(pages_documents::downloads_page)
        .service(messages_pages::inbox)
        .service(messages_pages::compose)
        .service(messages_pages::compose_submit)
        .service(messages_pages::mail_preference)
        .service(messages_pages::thread)
        .service(messages_pages::reply_submit)
        .service(messages_files::upload_submit)
        .service(messages_files::download)
        .service(pages_admin::index_page)
        .service(pages_admin::users_list_page)
        .service(pages_admin::invite_submit)
        .service(pages_admin::active_submit)
        .service(pages_admin::role_submit)
        .service(pages_admin::organisation_submit)
        .service(pages_admin::resend_submit)
        .service(pages_admin::revoke_submit)
        .service(pages_admin::two_factor_reset_submit)
        .service(pages_admin::organisations_list_page)
        .service(pages_admin::organisation_create_submit)
        .service(pages_admin::organisation_update_submit)
        .service(pages_admin::audit_page)
        .service(pages_admin::audit_export)
        .service(pages_admin::audit_verify_page)
        .service(pages_admin::audit_verify_submit);
}
