//! Signing in and out, invitations and password links.

pub mod api;
pub mod pages;
pub mod reset;

area_routes! {
    api: [
        api::login, api::logout, api::accept_invitation, api::me, api::password_reset,
        api::password_reset_confirm,
    ],
    pages: [
        pages::login_page, pages::login_submit, pages::code_page, pages::code_submit, pages::logout, pages::set_password_page,
        pages::set_password_submit, reset::request_page, reset::request_submit,
        reset::confirm_form, reset::confirm_submit,
    ],
}
