//! `/api/v1/search`.

use actix_web::get;
use actix_web::web::Query;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiEntrant;
use crate::error::ErrorBody;
use crate::pagination::PageParams;
use crate::services::search::{self as service, SearchQuery, SearchResults};
use crate::web::common::api::Answer;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// The words to find (at least three letters or digits); a phrase in double quotes.
    pub q: Option<String>,
    /// `report`, `need`, `document`, `thread`, `project`, `activity` or `plan`; all by default.
    pub kind: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

/// Everything the caller may see that matches the words, best first, with counts per kind.
#[utoipa::path(tag = "search", params(SearchParams), security(("bearer" = [])),
    responses((status = 200, body = SearchResults), (status = 400, body = ErrorBody)))]
#[get("/search")]
pub fn search(caller: ApiEntrant, q: Query<SearchParams>) -> Answer {
    let p = q.into_inner();
    let query = SearchQuery {
        text: p.q,
        kind: p.kind,
        page: PageParams::new(p.cursor, p.limit),
    };
    caller.ok(move |conn, user, _| service::search(conn, user, query))
}
