//! Suggestions: projects for a need, needs for a project, and dismissals. The lists are shown
//! on the need and project pages; here the JSON routes and the dismissal form's target.

pub mod api;
pub mod pages;

area_routes! {
    api: [api::need_suggestions, api::project_suggestions, api::dismiss_suggestion],
    pages: [pages::dismiss_submit],
}
