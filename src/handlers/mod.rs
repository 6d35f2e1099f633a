//! Thin handlers: extract, call a service, render a page or JSON.

pub mod api_attachments;
pub mod api_auth;
pub mod api_threads;
pub mod assets;
pub mod health;
pub mod messages_files;
pub mod messages_pages;
pub mod openapi;
pub mod pages;
pub mod render;
pub mod uploads;

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
                .service(api_threads::list_threads)
                .service(api_threads::create_thread)
                .service(api_threads::get_thread)
                .service(api_threads::reply)
                .service(api_attachments::upload)
                .service(api_attachments::download)
                .service(openapi::openapi_json),
        )
        .service(pages::login_page)
        .service(pages::login_submit)
        .service(pages::logout)
        .service(pages::dashboard)
        .service(pages::set_password_page)
        .service(pages::set_password_submit)
        .service(pages::change_language)
        .service(messages_pages::inbox)
        .service(messages_pages::compose)
        .service(messages_pages::compose_submit)
        .service(messages_pages::mail_preference)
        .service(messages_pages::thread)
        .service(messages_pages::reply_submit)
        .service(messages_files::upload_submit)
        .service(messages_files::download);
}
