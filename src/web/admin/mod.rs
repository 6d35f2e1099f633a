//! Administration: accounts, organisations, the audit trail.

pub mod account;
pub mod api;
pub mod audit;
pub mod organisations;
pub mod pages;
pub mod users;

area_routes! {
    api: [
        api::list_users, api::invite_user, api::patch_user, api::resend_invitation,
        api::revoke_invitation, api::reset_two_factor, api::end_sessions, api::list_organisations,
        api::create_organisation, api::patch_organisation, api::export_audit, api::list_audit,
    ],
    pages: [
        pages::index_page, users::users_list_page, users::invite_submit, account::account_page_get,
        account::active_submit, account::role_submit, account::organisation_submit,
        account::resend_submit, account::revoke_submit, account::two_factor_reset_submit,
        account::sessions_end_submit, organisations::organisations_list_page,
        organisations::organisation_create_submit, organisations::organisation_page_get,
        organisations::organisation_update_submit, audit::audit_page, audit::audit_export,
        audit::audit_verify_page, audit::audit_verify_submit,
    ],
}
