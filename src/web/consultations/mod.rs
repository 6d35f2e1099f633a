//! Capacity consultations.

pub mod api;
mod forms;
pub mod pages;

area_routes! {
    api: [
        api::list_consultations, api::create_consultation, api::get_consultation,
        api::publish_consultation, api::add_measure, api::update_measure, api::remove_measure,
    ],
    pages: [
        pages::list_page, pages::new_page, pages::create_submit, pages::show_page,
        pages::publish_submit, pages::add_measure_submit, pages::update_measure_submit,
        pages::remove_measure_submit,
    ],
}
