//! Matches between needs and projects.

pub mod api;
pub mod pages;

area_routes! {
    api: [api::list_matches, api::propose_match, api::get_match, api::patch_match],
    pages: [pages::list_page, pages::propose_submit, pages::move_submit],
}
