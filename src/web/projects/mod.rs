//! Assistance projects.

pub mod api;
mod forms;
pub mod pages;
mod rows;

area_routes! {
    api: [
        api::list_projects, api::export_projects, api::create_project, api::get_project,
        api::patch_project,
    ],
    pages: [
        pages::list_page, pages::export, pages::new_page, pages::create_submit, pages::show_page,
        pages::edit_page, pages::edit_submit,
    ],
}
