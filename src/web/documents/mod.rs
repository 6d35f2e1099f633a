//! Documents and their access lists.

pub mod api;
pub mod pages;

area_routes! {
    api: [
        api::upload_document, api::list_documents, api::get_document, api::document_content,
        api::add_version, api::set_access, api::download_log,
    ],
    pages: [
        pages::list_page, pages::new_page, pages::upload_submit, pages::show_page,
        pages::download_page, pages::version_submit, pages::access_submit, pages::downloads_page,
    ],
}
