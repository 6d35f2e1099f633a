//! Search across everything the caller may see (issue 15): the query's words checked and
//! turned into index terms (`domain::search`), the scoped hits, counts and snippets
//! (`repo::search`), and the results as the API and the page show them.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use crate::access::activities::ActivityScope;
use crate::access::documents::DocumentScope;
use crate::access::projects::ProjectScope;
use crate::access::reports::ReportScope;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
pub use crate::domain::search::SearchKind;
use crate::domain::search::{snippet_html, SearchText};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::{self, PageParams, PageSize};
use crate::repo::search::{self as repo, Hit, SearchScopes};
use crate::repo::search_views;

/// A search as asked: the words, the kind of result (none for all), the page.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: Option<String>,
    pub kind: Option<String>,
    pub page: PageParams,
}

/// One result: what it is, its title, where the words matched (HTML: escaped text, the matched
/// words in `<mark>`), and where to read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchItem {
    pub kind: SearchKind,
    /// The object's id (a report's, when the words matched in one of its sections).
    pub id: String,
    pub title: String,
    /// Escaped HTML; the matched words in `<mark>`.
    pub snippet: String,
    pub url: String,
}

/// A page of results, with how many of each kind match in all (what the caller may see).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchResults {
    pub items: Vec<SearchItem>,
    /// Every kind, with the number of matching parts the caller may see (at most 1,000: see
    /// `more`).
    pub counts: BTreeMap<String, i64>,
    /// The kinds of which more parts match than counted: only the newest 1,000 matching parts
    /// of a kind are counted and ranked (more precise words find the others).
    pub more: Vec<SearchKind>,
    pub next_cursor: Option<String>,
}

/// The 400 of a query with two letters or less.
pub fn too_short() -> AppError {
    AppError::invalid(
        ErrorCode::QueryTooShort,
        "please type at least three letters or digits to search",
    )
}

/// The words of a query, or the polite 400.
pub fn parse_text(text: Option<&str>) -> AppResult<SearchText> {
    SearchText::parse(text.unwrap_or("")).map_err(|_| too_short())
}

/// The kind asked for: none (all), or one of [`SearchKind`]'s names.
pub fn parse_kind(kind: Option<&str>) -> AppResult<Option<SearchKind>> {
    match kind.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(None),
        Some(k) => k.parse().map(Some).map_err(|_| {
            AppError::invalid(
                ErrorCode::InvalidFilter,
                "kind must be one of report, need, document, thread, project, activity, plan",
            )
        }),
    }
}

fn scopes(user: &CurrentUser) -> SearchScopes {
    let actor = user.actor();
    SearchScopes {
        reports: ReportScope::for_actor(&actor),
        plans: crate::access::consultations::scope(&actor),
        documents: DocumentScope::for_actor(&actor),
        projects: ProjectScope::for_actor(&actor),
        activities: ActivityScope::for_actor(&actor),
        user_id: user.id.clone(),
    }
}

fn decode_after(cursor: Option<&str>) -> AppResult<Option<repo::After>> {
    let Some((rank, kind, seq)) = pagination::decode_seek::<(f64, String, i64)>(cursor)? else {
        return Ok(None);
    };
    let kind: SearchKind = kind.parse().map_err(|_| pagination::invalid_cursor())?;
    if !rank.is_finite() {
        return Err(pagination::invalid_cursor());
    }
    Ok(Some((rank, kind, seq)))
}

fn url_of(hit: &Hit) -> String {
    let id = &hit.item_id;
    match hit.kind {
        SearchKind::Report => format!("/reports/{id}"),
        SearchKind::Need => format!("/needs/{id}"),
        SearchKind::Document => format!("/documents/{id}"),
        SearchKind::Thread => format!("/messages/{id}"),
        SearchKind::Project => format!("/projects/{id}"),
        SearchKind::Activity => format!("/activities/{id}"),
        SearchKind::Plan => format!("/plans/{id}"),
    }
}

/// One page of what matches the query among what the caller may see, best first.
pub fn search(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: SearchQuery,
) -> AppResult<SearchResults> {
    let text = parse_text(query.text.as_deref())?;
    let kind = parse_kind(query.kind.as_deref())?;
    let after = decode_after(query.page.cursor())?;
    let limit = query.page.limit(PageSize::STANDARD);
    let scopes = scopes(user);
    let found = repo::candidates(conn, &scopes, &text, None)?;
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    let mut more = Vec::new();
    let mut ranked = Vec::new();
    for (k, candidates) in found {
        counts.insert(
            k.to_string(),
            i64::try_from(candidates.ranked.len()).unwrap_or(i64::MAX),
        );
        if candidates.more {
            more.push(k);
        }
        if kind.map_or(true, |wanted| wanted == k) {
            ranked.extend(candidates.ranked.iter().map(|&(seq, rank)| (k, seq, rank)));
        }
    }
    let hits = repo::ranked(conn, &ranked, after, limit + 1)?;
    let page = pagination::Page::cut(hits, limit, |h| {
        pagination::encode_seek((h.rank, h.kind.to_string(), h.seq))
    });
    let shown: Vec<i64> = page.items.iter().map(|h| h.seq).collect();
    let snippets = search_views::snippets(conn, &text, &shown)?;
    let titles = search_views::object_titles(conn, &page.items)?;
    let items = page
        .items
        .iter()
        .map(|hit| {
            let title = titles
                .get(&(hit.kind, hit.item_id.clone()))
                .cloned()
                .unwrap_or_default();
            SearchItem {
                kind: hit.kind,
                id: hit.item_id.clone(),
                title,
                snippet: snippet_html(snippets.get(&hit.seq).map(String::as_str).unwrap_or("")),
                url: url_of(hit),
            }
        })
        .collect();
    Ok(SearchResults {
        items,
        counts,
        more,
        next_cursor: page.next_cursor,
    })
}
