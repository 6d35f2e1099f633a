//! A page per Member State (`/states/{code}`) and the index of States (`/states`).

pub mod pages;

use actix_web::web::ServiceConfig;

/// Its pages (`/states/mine` before `/states/{code}`).
pub fn pages(cfg: &mut ServiceConfig) {
    cfg.service(pages::index)
        .service(pages::own_state)
        .service(pages::show);
}
