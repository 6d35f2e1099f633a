//! Visit reports.

pub mod api;
mod forms;
pub mod pages;
mod sections;

area_routes! {
    api: [
        api::list_reports, api::create_report, api::get_report, api::patch_report,
        api::publish_report,
    ],
    pages: [
        pages::list_page, pages::new_page, pages::create_submit, pages::show_page,
        pages::edit_page, pages::edit_submit, pages::publish_submit,
    ],
}
