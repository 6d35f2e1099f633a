//! Implementation plans and their progress.

pub mod api;
pub mod at_risk;
pub mod charts;
pub mod pages;

area_routes! {
    api: [
        api::get_plan,
        api::report_progress,
        api::decide_progress,
        api::plan_iati,
        api::programme_iati,
        api::thematic_areas,
    ],
    pages: [pages::iati_file, pages::show_page, pages::progress_submit, pages::decision_submit],
}
