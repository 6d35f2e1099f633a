//! `/search`: the results page behind the header's search box.

use actix_web::http::StatusCode;
use actix_web::web::Query;
use actix_web::{get, HttpResponse};
use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::auth::PageCaller;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::services::search::{self, SearchKind, SearchQuery};

#[derive(Debug, Default, Deserialize)]
pub struct SearchPageParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    cursor: String,
}

/// A tab of the results: a kind (or all), its count, its link.
#[derive(Serialize)]
struct Tab {
    kind: String,
    label_key: String,
    count: i64,
    /// More match than counted (`SearchResults::more`).
    more: bool,
    href: String,
    current: bool,
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn link(q: &str, kind: &str, cursor: &str) -> String {
    let mut url = format!("/search?q={}", encode(q));
    if !kind.is_empty() {
        url.push_str(&format!("&kind={}", encode(kind)));
    }
    if !cursor.is_empty() {
        url.push_str(&format!("&cursor={}", encode(cursor)));
    }
    url
}

#[get("/search")]
pub async fn search_page(
    caller: PageCaller,
    params: Query<SearchPageParams>,
) -> AppResult<HttpResponse> {
    let p = params.into_inner();
    let mut ctx = caller.context();
    ctx.insert("q", &p.q);
    ctx.insert("kind", &p.kind);
    ctx.insert("items", &Vec::<search::SearchItem>::new());
    ctx.insert("tabs", &Vec::<Tab>::new());
    ctx.insert("next_url", &"");
    ctx.insert("searched", &false);
    if p.q.trim().is_empty() {
        return caller.render_refused("search/index.html", ctx, None);
    }
    let query = SearchQuery {
        text: Some(p.q.clone()),
        kind: Some(p.kind.clone()),
        page: PageParams::html(&p.cursor),
    };
    let result = caller
        .db(move |conn, user, _| search::search(conn, user, query))
        .await;
    let results = match result {
        Ok(results) => results,
        Err(AppError::BadRequest { code, .. }) => {
            let message = crate::i18n::text(caller.lang, &code.message_key());
            return caller.render_refused(
                "search/index.html",
                ctx,
                Some((StatusCode::BAD_REQUEST, message)),
            );
        }
        Err(other) => return Err(other),
    };
    let total: i64 = results.counts.values().sum();
    let mut tabs = vec![Tab {
        kind: String::new(),
        label_key: "search-all".into(),
        count: total,
        more: !results.more.is_empty(),
        href: link(&p.q, "", ""),
        current: p.kind.is_empty(),
    }];
    for kind in SearchKind::VARIANTS {
        let name = kind.to_string();
        tabs.push(Tab {
            count: results.counts.get(&name).copied().unwrap_or(0),
            more: results.more.contains(kind),
            href: link(&p.q, &name, ""),
            current: p.kind == name,
            label_key: format!("search-kind-{name}"),
            kind: name,
        });
    }
    let next_url = results
        .next_cursor
        .as_deref()
        .map(|c| link(&p.q, &p.kind, c))
        .unwrap_or_default();
    ctx.insert("items", &results.items);
    ctx.insert("tabs", &tabs);
    ctx.insert("next_url", &next_url);
    ctx.insert("searched", &true);
    ctx.insert("more", &!results.more.is_empty());
    caller.render_refused("search/index.html", ctx, None)
}
