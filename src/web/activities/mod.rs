//! The shared activity calendar: activities, clash warnings, `/calendar` and the forms.

pub mod api;
mod calendar;
mod form;
pub mod pages;

area_routes! {
    api: [
        api::list_activities, api::create_activity, api::activity_clashes, api::get_activity,
        api::patch_activity, api::activity_versions,
    ],
    pages: [
        pages::calendar_page, pages::new_page, pages::create_submit, pages::show_page,
        pages::edit_page, pages::edit_submit,
    ],
}
