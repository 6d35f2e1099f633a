//! Full-text search over `search_index` (one row per searchable part, kept by triggers). The
//! access rules are inside the query: every row matched must also pass its kind's own scope
//! (the same macros the kind's lists use), so a part the caller may not see is never matched,
//! counted, ranked or quoted. SQLite matches with FTS5 (`search_fts`, ranked row by row),
//! PostgreSQL with `search_document(title, body) @@ search_query(…)` (GIN index, `ts_rank`).

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Double, Text};

use crate::access::activities::ActivityScope;
use crate::access::documents::DocumentScope;
use crate::access::projects::ProjectScope;
use crate::access::reports::ReportScope;
use crate::db::schema::{
    activities, activity_organisers, consultations, document_access, documents, needs, plans,
    projects, reports, search_fts, search_index, threads,
};
use crate::db::DbConnection;
use crate::domain::plans::ConsultationStatus;
use crate::domain::search::{SearchKind, SearchText};
use crate::domain::values::{
    Classification, Consent, NeedVisibility, ProjectVisibility, ReportStatus,
};
use crate::repo::within_report_scope;

/// Everything the caller may see, kind by kind: the scopes of the kinds' own lists.
pub struct SearchScopes {
    pub reports: ReportScope,
    /// The consultations' scope (plans follow their consultation).
    pub plans: ReportScope,
    pub documents: DocumentScope,
    pub projects: ProjectScope,
    pub activities: ActivityScope,
    /// Threads: the caller's own (`visible_thread_ids!`).
    pub user_id: String,
}

/// One matched part: `rank` sorts best first (lower is better on both backends).
#[derive(Debug, Clone, Queryable)]
pub struct Hit {
    pub seq: i64,
    pub kind: SearchKind,
    pub item_id: String,
    pub part_id: String,
    pub rank: f64,
}

/// The keyset position after a hit: (rank, kind, seq).
pub type After = (f64, SearchKind, i64);

/// SQLite's match of the FTS5 query.
macro_rules! fts_match {
    ($text:expr) => {
        sql::<Bool>("search_fts MATCH ").bind::<Text, _>($text.fts5())
    };
    ($text:expr, $kind:expr) => {
        sql::<Bool>("search_fts MATCH ").bind::<Text, _>($text.fts5_of($kind))
    };
}

/// SQLite's rank, from the row alone (`portal_rank`, `db::fts`): the query's words in the
/// title (weighing four times more) and the body, a little less in a long text; negated, so
/// lower is better. Not `bm25`: its inverse document frequency counts every row, those the
/// caller may not see too, so a score (and the order, and the cursor that carries it) would
/// move when a forbidden row holding the words is written.
macro_rules! fts_rank {
    () => {
        sql::<Double>("portal_rank(search_fts)")
    };
}

/// PostgreSQL's match of the tsquery (English and French stems; `search_query` in the
/// migration).
macro_rules! ts_match {
    ($text:expr) => {
        sql::<Bool>("search_document(search_index.title, search_index.body) @@ search_query(")
            .bind::<Text, _>($text.tsquery())
            .sql(")")
    };
}

/// PostgreSQL's rank, negated so that lower is better as on SQLite.
macro_rules! ts_rank {
    ($text:expr) => {
        sql::<Double>(
            "(-ts_rank(search_document(search_index.title, search_index.body), search_query(",
        )
        .bind::<Text, _>($text.tsquery())
        .sql("))::float8)")
    };
}

/// At most this many parts of one kind are ranked, the newest that match and that the caller
/// may see: a query matching more (a word in every need) is ranked among those, and its count
/// says "at least" (`Candidates::more`). Ranking every match of a word common to two million
/// needs would take seconds; people refine their words long before the thousandth result.
pub const MAX_RANKED: i64 = 1_000;

/// The parts of one kind the caller may see that match, newest first, at most [`MAX_RANKED`],
/// each with its `seq` and rank, and whether more match.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    pub ranked: Vec<(i64, f64)>,
    pub more: bool,
}

impl Candidates {
    fn cut(mut ranked: Vec<(i64, f64)>) -> Candidates {
        let more = ranked.len() > usize::try_from(MAX_RANKED).unwrap_or(usize::MAX);
        ranked.truncate(usize::try_from(MAX_RANKED).unwrap_or(usize::MAX));
        Candidates { ranked, more }
    }
}

/// The candidates of one kind, on each backend: the newest parts matching `text` that pass
/// the kind's scope, each ranked in the same query (the match is read once, and only as far
/// as the limit: ranking apart, by `seq`, made SQLite read every match of a common word). `join` joins the kind's table to `search_index` (on `item_id`), `scope`
/// narrows the boxed query `$q` with the kind's own scope macro (a scope that grants nothing
/// returns `Default::default()`: no candidate). SQLite walks the FTS5 index newest first
/// (`rowid` descending, which FTS5 reads in that order) and stops at the limit.
macro_rules! searched_kind {
    (
        $(#[$doc:meta])*
        $name:ident, $kind:expr, $scope_ty:ty,
        join: [$($join:tt)*],
        scope: |$q:ident, $s:ident| $apply:block
    ) => {
        $(#[$doc])*
        fn $name(
            conn: &mut DbConnection,
            $s: &$scope_ty,
            text: &SearchText,
        ) -> QueryResult<Candidates> {
            let ranked = if matches!(conn, DbConnection::Sqlite(_)) {
                let mut $q = search_fts::table
                    .inner_join(search_index::table)
                    $($join)*
                    .filter(search_index::kind.eq($kind))
                    .filter(fts_match!(text, $kind))
                    .select((search_fts::rowid, fts_rank!()))
                    .order(search_fts::rowid.desc())
                    .limit(MAX_RANKED + 1)
                    .into_boxed();
                $apply
                $q.load::<(i64, f64)>(conn)?
            } else {
                let mut $q = search_index::table
                    $($join)*
                    .filter(search_index::kind.eq($kind))
                    .filter(ts_match!(text))
                    .select((search_index::seq, ts_rank!(text)))
                    .order(search_index::seq.desc())
                    .limit(MAX_RANKED + 1)
                    .into_boxed();
                $apply
                $q.load::<(i64, f64)>(conn)?
            };
            Ok(Candidates::cut(ranked))
        }
    };
}

searched_kind! {
    /// Reports: the report's scope (`repo::reports::scoped!`); a withheld section's row only
    /// for those who see withheld sections.
    report_candidates, SearchKind::Report, ReportScope,
    join: [.inner_join(reports::table.on(reports::id.eq(search_index::item_id)))],
    scope: |q, scope| {
        crate::repo::reports::scoped!(q, scope, Default::default());
        if !scope.sees_withheld_sections() {
            q = q.filter(search_index::withheld.eq(false));
        }
    }
}

searched_kind! {
    /// Needs: the needs scope (a need from a withheld section is withheld).
    need_candidates, SearchKind::Need, ReportScope,
    join: [.inner_join(needs::table.on(needs::id.eq(search_index::item_id)))],
    scope: |q, scope| {
        crate::repo::needs::scoped!(q, scope, Default::default());
    }
}

searched_kind! {
    /// Documents: `repo::documents::readable!`.
    document_candidates, SearchKind::Document, DocumentScope,
    join: [.inner_join(documents::table.on(documents::id.eq(search_index::item_id)))],
    scope: |q, scope| {
        crate::repo::documents::readable!(q, scope);
    }
}

searched_kind! {
    /// Threads: the caller's own (`repo::messages::visible_thread_ids!`).
    thread_candidates, SearchKind::Thread, str,
    join: [.inner_join(threads::table.on(threads::id.eq(search_index::item_id)))],
    scope: |q, user_id| {
        q = q.filter(
            threads::id.eq_any(crate::repo::messages::visible_thread_ids!(user_id.to_string())),
        );
    }
}

searched_kind! {
    /// Projects: `repo::projects::scoped!`.
    project_candidates, SearchKind::Project, ProjectScope,
    join: [.inner_join(projects::table.on(projects::id.eq(search_index::item_id)))],
    scope: |q, scope| {
        crate::repo::projects::scoped!(q, scope);
    }
}

searched_kind! {
    /// Activities: `repo::activities::scoped!`.
    activity_candidates, SearchKind::Activity, ActivityScope,
    join: [.inner_join(activities::table.on(activities::id.eq(search_index::item_id)))],
    scope: |q, scope| {
        crate::repo::activities::scoped!(q, scope);
    }
}

searched_kind! {
    /// Plans and their measures: their consultation's scope (`repo::consultations::scoped!`).
    plan_candidates, SearchKind::Plan, ReportScope,
    join: [
        .inner_join(plans::table.on(plans::id.eq(search_index::item_id)))
        .inner_join(consultations::table.on(consultations::id.eq(plans::consultation_id)))
    ],
    scope: |q, scope| {
        crate::repo::consultations::scoped!(q, scope, Default::default());
    }
}

/// What each kind holds for the query among what the caller may see (every kind, or one).
pub fn candidates(
    conn: &mut DbConnection,
    scopes: &SearchScopes,
    text: &SearchText,
    kind: Option<SearchKind>,
) -> QueryResult<Vec<(SearchKind, Candidates)>> {
    let mut all = Vec::new();
    for k in <SearchKind as strum::VariantArray>::VARIANTS {
        if kind.is_some_and(|wanted| wanted != *k) {
            continue;
        }
        let found = match k {
            SearchKind::Report => report_candidates(conn, &scopes.reports, text)?,
            SearchKind::Need => need_candidates(conn, &scopes.reports, text)?,
            SearchKind::Document => document_candidates(conn, &scopes.documents, text)?,
            SearchKind::Thread => thread_candidates(conn, &scopes.user_id, text)?,
            SearchKind::Project => project_candidates(conn, &scopes.projects, text)?,
            SearchKind::Activity => activity_candidates(conn, &scopes.activities, text)?,
            SearchKind::Plan => plan_candidates(conn, &scopes.plans, text)?,
        };
        all.push((*k, found));
    }
    Ok(all)
}

/// One page of the candidates (from [`candidates`]: scoped and ranked already), best first:
/// rank, then kind and `seq` (the cursor's order), after the cursor; each hit read by its
/// `seq`.
pub fn ranked(
    conn: &mut DbConnection,
    candidates: &[(SearchKind, i64, f64)],
    after: Option<After>,
    limit: i64,
) -> QueryResult<Vec<Hit>> {
    let order = |a: &(SearchKind, i64, f64), b: &(SearchKind, i64, f64)| {
        a.2.total_cmp(&b.2)
            .then_with(|| <&str>::from(a.0).cmp(<&str>::from(b.0)))
            .then(a.1.cmp(&b.1))
    };
    let mut page: Vec<(SearchKind, i64, f64)> = candidates
        .iter()
        .filter(|c| {
            after.as_ref().map_or(true, |(rank, kind, seq)| {
                order(c, &(*kind, *seq, *rank)) == std::cmp::Ordering::Greater
            })
        })
        .copied()
        .collect();
    page.sort_by(order);
    page.truncate(usize::try_from(limit).unwrap_or(0));
    if page.is_empty() {
        return Ok(Vec::new());
    }
    let parts: std::collections::HashMap<i64, (String, String)> = search_index::table
        .filter(search_index::seq.eq_any(page.iter().map(|c| c.1).collect::<Vec<_>>()))
        .select((
            search_index::seq,
            search_index::item_id,
            search_index::part_id,
        ))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(seq, item, part)| (seq, (item, part)))
        .collect();
    Ok(page
        .into_iter()
        .filter_map(|(kind, seq, rank)| {
            let (item_id, part_id) = parts.get(&seq)?.clone();
            Some(Hit {
                seq,
                kind,
                item_id,
                part_id,
                rank,
            })
        })
        .collect())
}
