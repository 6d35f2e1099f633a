//! CSV downloads.

use actix_web::http::header;
use actix_web::HttpResponse;

/// A CSV file to download, never kept by a cache.
pub fn csv_response(name: &str, csv: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(csv)
}
