//! The shared activity calendar: activities and clash warnings.

pub mod api;

/// Its JSON routes, inside `/api/v1` (the pages follow with the calendar).
pub fn api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::list_activities)
        .service(api::create_activity)
        .service(api::activity_clashes)
        .service(api::get_activity)
        .service(api::patch_activity)
        .service(api::activity_versions);
}
