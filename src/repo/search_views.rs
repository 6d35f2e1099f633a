//! What the search shows of its hits (`repo::search`): snippets and the titles of the objects,
//! read for one page of hits the scoped search returned.

use std::collections::HashMap;

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::search::Hit;
use crate::db::schema::{
    activities, consultations, documents, needs, organisations, plans, projects, reports,
    search_fts, search_index, threads,
};
use crate::db::DbConnection;
use crate::domain::search::SearchKind;
use crate::domain::search::{SearchText, MARK_END, MARK_START};

/// PostgreSQL's snippet, with `<` and `>` as private-use characters (which `snippet_html` turns
/// back), so that its parser does not drop what looks like a tag. (A word inside a file name or
/// an address is found, `search_words`, but not marked: the parser reads the whole token.)
const HEADLINE: &str = "ts_headline('english', \
    translate(search_index.title || ' — ' || search_index.body, '<>', chr(57346) || chr(57347)), \
    search_query(";

/// The snippet of each hit (by `seq`): the matched words between `MARK_START` and `MARK_END`,
/// the text around them unescaped. Only for hits the scoped search returned.
pub fn snippets(
    conn: &mut DbConnection,
    text: &SearchText,
    seqs: &[i64],
) -> QueryResult<HashMap<i64, String>> {
    if seqs.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, String)> = match conn {
        DbConnection::Sqlite(_) => search_fts::table
            .select((
                search_fts::rowid,
                sql::<Text>(&format!(
                    "snippet(search_fts, -1, char({}), char({}), '…', 24)",
                    MARK_START as u32, MARK_END as u32
                )),
            ))
            .filter(sql::<Bool>("search_fts MATCH ").bind::<Text, _>(text.fts5()))
            .filter(search_fts::rowid.eq_any(seqs.to_vec()))
            .load(conn)?,
        DbConnection::Postgresql(_) => {
            let options = format!(
                "StartSel=\"{MARK_START}\", StopSel=\"{MARK_END}\", MaxWords=30, MinWords=12, \
                 MaxFragments=2, FragmentDelimiter=\" … \""
            );
            search_index::table
                .select((
                    search_index::seq,
                    sql::<Text>(HEADLINE)
                        .bind::<Text, _>(text.tsquery())
                        .sql("), ")
                        .bind::<Text, _>(options)
                        .sql(")"),
                ))
                .filter(search_index::seq.eq_any(seqs.to_vec()))
                .load(conn)?
        }
    };
    Ok(rows.into_iter().collect())
}

/// The titles of the objects a page of hits belongs to, by kind and id (a report's title for a
/// hit in one of its sections, a thread's subject for one of its messages, a document's title
/// for a file name, a plan's State and programme for a measure). The ids come from the scoped
/// search.
pub fn object_titles(
    conn: &mut DbConnection,
    hits: &[Hit],
) -> QueryResult<HashMap<(SearchKind, String), String>> {
    let ids_of = |kind: SearchKind| -> Vec<String> {
        let mut ids: Vec<String> = hits
            .iter()
            .filter(|h| h.kind == kind)
            .map(|h| h.item_id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let mut titles = HashMap::new();
    let mut put = |kind: SearchKind, rows: Vec<(String, String)>| {
        for (id, title) in rows {
            titles.insert((kind, id), title);
        }
    };
    macro_rules! titled {
        ($kind:expr, $table:ident, $id:expr, $title:expr) => {
            let ids = ids_of($kind);
            if !ids.is_empty() {
                let rows = $table::table
                    .filter($id.eq_any(ids))
                    .select(($id, $title))
                    .load(conn)?;
                put($kind, rows);
            }
        };
    }
    titled!(SearchKind::Report, reports, reports::id, reports::title);
    titled!(SearchKind::Need, needs, needs::id, needs::title);
    titled!(
        SearchKind::Document,
        documents,
        documents::id,
        documents::title
    );
    titled!(SearchKind::Thread, threads, threads::id, threads::subject);
    titled!(SearchKind::Project, projects, projects::id, projects::title);
    titled!(
        SearchKind::Activity,
        activities,
        activities::id,
        activities::title
    );
    let ids = ids_of(SearchKind::Plan);
    if !ids.is_empty() {
        let rows: Vec<(String, String, String)> = plans::table
            .inner_join(consultations::table.inner_join(organisations::table))
            .filter(plans::id.eq_any(ids))
            .select((plans::id, organisations::name, consultations::programme))
            .load(conn)?;
        put(
            SearchKind::Plan,
            rows.into_iter()
                .map(|(id, state, programme)| (id, format!("{state} · {programme}")))
                .collect(),
        );
    }
    Ok(titles)
}
