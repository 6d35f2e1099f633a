//! The OpenAPI 3 document, generated from the handlers' annotations.

use std::sync::OnceLock;

use actix_web::{get, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    api_account, api_admin, api_attachments, api_auth, api_documents, api_reports, api_threads,
    health,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Counter-terrorism coordination portal API", version = "1"),
    paths(
        api_auth::login,
        api_auth::logout,
        api_auth::accept_invitation,
        api_auth::me,
        api_account::list_sessions,
        api_account::end_session,
        api_account::change_password,
        api_account::start_totp,
        api_account::confirm_totp,
        api_auth::password_reset,
        api_auth::password_reset_confirm,
        api_reports::list_reports,
        api_reports::create_report,
        api_reports::get_report,
        api_reports::patch_report,
        api_reports::publish_report,
        api_reports::list_needs,
        api_reports::export_needs,
        api_reports::create_need,
        api_reports::get_need,
        api_reports::patch_need,
        api_reports::comment_need,
        api_documents::upload_document,
        api_documents::list_documents,
        api_documents::get_document,
        api_documents::document_content,
        api_documents::add_version,
        api_documents::set_access,
        api_documents::download_log,
        api_threads::list_threads,
        api_threads::create_thread,
        api_threads::get_thread,
        api_threads::reply,
        api_attachments::upload,
        api_attachments::download,
        api_admin::list_users,
        api_admin::invite_user,
        api_admin::patch_user,
        api_admin::resend_invitation,
        api_admin::revoke_invitation,
        api_admin::reset_two_factor,
        api_admin::list_organisations,
        api_admin::create_organisation,
        api_admin::patch_organisation,
        api_admin::list_audit,
        api_admin::export_audit,
        openapi_json,
        health::healthz,
        health::readyz,
    ),
    components(schemas(crate::error::ErrorBody, crate::error::ErrorDetail)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-in, sessions and the current user"),
        (name = "reports", description = "Country-assessment visit reports"),
        (name = "needs", description = "Technical-assistance needs"),
        (name = "documents", description = "Documents shared with chosen organisations"),
        (name = "messages", description = "Restricted message threads between people and organisations"),
        (name = "administration", description = "Accounts, invitations, organisations and the audit log")
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

pub fn document() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        ApiDoc::openapi()
            .to_json()
            .expect("the OpenAPI document serialises")
    })
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", responses((status = 200, description = "OpenAPI 3 document")))]
#[get("/openapi.json")]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(document())
}
