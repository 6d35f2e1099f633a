//! Search across everything the caller may see (issue 15): `/api/v1/search` and `/search`.

pub mod api;
pub mod pages;

area_routes! {
    api: [api::search],
    pages: [pages::search_page],
}
