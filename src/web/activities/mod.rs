//! The shared activity calendar: activities, clash warnings, `/calendar` and the forms, and the
//! calendar files (personal feeds, one activity's `.ics`).

pub mod api;
mod calendar;
pub mod feed;
mod form;
pub mod pages;

area_routes! {
    api: [
        api::list_activities, api::create_activity, api::activity_clashes, api::get_activity,
        api::patch_activity, api::activity_versions, feed::create_feed, feed::feed_status,
        feed::revoke_feed,
    ],
    pages: [
        pages::calendar_page, feed::feed_page, feed::feed_submit, feed::feed_revoke_submit,
        feed::feed_file, pages::new_page, pages::create_submit, feed::event_file,
        pages::show_page, pages::edit_page, pages::edit_submit,
    ],
}
