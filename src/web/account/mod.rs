//! The signed-in user's own account: password, two-factor, sessions.

pub mod api;
pub mod pages;

area_routes! {
    api: [
        api::list_sessions, api::end_session, api::change_password, api::start_totp,
        api::confirm_totp, api::regenerate_recovery_codes,
    ],
    pages: [
        pages::account_page, pages::password_submit, pages::end_session_submit,
        pages::two_factor_page, pages::two_factor_submit, pages::recovery_codes_submit,
    ],
}
