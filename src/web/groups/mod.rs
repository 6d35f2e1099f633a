//! The Compact's working groups: `/api/v1/working-groups` and the `/groups` pages.

pub mod api;
pub mod pages;

area_routes! {
    api: [
        api::list_groups, api::create_group, api::get_group, api::put_member,
        api::remove_member,
    ],
    pages: [
        pages::list_page, pages::show_page, pages::member_submit, pages::remove_submit,
    ],
}
