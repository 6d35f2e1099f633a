//! Technical-assistance needs.

pub mod api;
pub mod pages;
pub mod rows;

area_routes! {
    api: [
        api::list_needs, api::export_needs, api::create_need, api::get_need, api::patch_need,
        api::comment_need,
    ],
    pages: [
        pages::list_page, pages::export, pages::new_page, pages::create_submit, pages::show_page,
        pages::comment_submit, pages::edit_submit,
    ],
}
