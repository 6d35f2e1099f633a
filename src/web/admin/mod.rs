//! Administration: accounts, organisations, the audit trail.

pub mod api;
pub mod audit;
pub mod organisations;
pub mod pages;
pub mod users;

area_routes! {
    api: [
        api::list_users, api::invite_user, api::patch_user, api::resend_invitation,
        api::revoke_invitation, api::reset_two_factor, api::list_organisations,
        api::create_organisation, api::patch_organisation, api::export_audit, api::list_audit,
    ],
    pages: [
        pages::index_page, users::users_list_page, users::invite_submit, users::active_submit,
        users::role_submit, users::organisation_submit, users::resend_submit, users::revoke_submit,
        users::two_factor_reset_submit, organisations::organisations_list_page,
        organisations::organisation_create_submit, organisations::organisation_update_submit,
        audit::audit_page, audit::audit_export, audit::audit_verify_page,
        audit::audit_verify_submit,
    ],
}
