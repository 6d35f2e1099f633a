//! Restricted message threads and their attachments.

pub mod api;
pub mod attachments;
pub mod files;
pub mod pages;

area_routes! {
    api: [
        api::list_threads, api::create_thread, api::get_thread, api::reply, attachments::upload,
        attachments::download,
    ],
    pages: [
        pages::inbox, pages::compose, pages::compose_submit, pages::mail_preference, pages::thread,
        pages::reply_submit, files::upload_submit, files::download,
    ],
}
