//! The stylesheet and icon, compiled in; no CDN.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

use crate::error::AppError;

const ASSETS: &[(&str, &str, &str)] = &[
    (
        "portal.css",
        "text/css; charset=utf-8",
        include_str!("../../../assets/portal.css"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_str!("../../../assets/favicon.svg"),
    ),
];

#[get("/assets/{name}")]
pub async fn asset(name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let (_, content_type, body) = ASSETS
        .iter()
        .find(|(n, _, _)| *n == name.as_str())
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, *content_type))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(*body))
}
