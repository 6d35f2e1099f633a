//! Who does what where: the matrix, possible overlaps and the 3W export.

pub mod api;
pub mod pages;

area_routes! {
    api: [api::matrix, api::export_3w, api::list_overlaps, api::mark_coordinated],
    pages: [pages::matrix_page, pages::overlaps_page, pages::mark_submit],
}
