//! Full-text search over `search_index` (one row per searchable part, kept by triggers). The
//! access rules are inside the query: every row matched must also pass its kind's own scope
//! (the same macros the kind's lists use), so a part the caller may not see is never matched,
//! counted, ranked or quoted. SQLite matches with FTS5 (`search_fts`, ranked row by row),
//! PostgreSQL with `search_document(title, body) @@ search_query(…)` (GIN index, `ts_rank`).

use diesel::dsl::{count_star, sql};
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
}

/// SQLite's rank, from the row alone: how many times the terms match in the title (weighing
/// four times more) and the body, counted with `highlight()`'s markers, a little less in a
/// long text; negated, so lower is better. Not `bm25`: its inverse document frequency counts
/// every row, those the caller may not see too, so a score (and the order, and the cursor
/// that carries it) would move when a forbidden row holding the words is written.
macro_rules! fts_rank {
    () => {
        sql::<Double>(
            "(-(4.0 * (length(highlight(search_fts, 0, char(57344), '')) - length(search_fts.title)) \
             + (length(highlight(search_fts, 1, char(57344), '')) - length(search_fts.body))) \
             / (1.0 + (length(search_fts.title) + length(search_fts.body)) / 2000.0))",
        )
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

/// Keeps what comes after the cursor in a boxed hits query of one kind, orders it best first
/// and loads a page.
macro_rules! page_of_hits {
    ($q:ident, $rank:expr, $after:expr, $limit:expr, $conn:expr) => {{
        if let Some((rank, kind, seq)) = $after {
            $q = $q.filter(
                $rank.gt(rank).or($rank.eq(rank).and(
                    search_index::kind
                        .gt(kind)
                        .or(search_index::kind.eq(kind).and(search_index::seq.gt(seq))),
                )),
            );
        }
        $q.order(($rank.asc(), search_index::seq.asc()))
            .limit($limit)
            .load::<Hit>($conn)
    }};
}

/// The two queries of one kind, on each backend: a page of its hits after the cursor, and how
/// many there are. `join` joins the kind's table to `search_index` (on `item_id`), `scope`
/// narrows the boxed query `$q` with the kind's own scope macro (a scope that grants nothing
/// returns `Default::default()`: no hit, a count of 0).
macro_rules! searched_kind {
    (
        $(#[$doc:meta])*
        $hits:ident, $count:ident, $kind:expr, $scope_ty:ty,
        join: [$($join:tt)*],
        scope: |$q:ident, $s:ident| $apply:block
    ) => {
        $(#[$doc])*
        fn $hits(
            conn: &mut DbConnection,
            $s: &$scope_ty,
            text: &SearchText,
            after: Option<After>,
            limit: i64,
        ) -> QueryResult<Vec<Hit>> {
            let columns = (
                search_index::seq,
                search_index::kind,
                search_index::item_id,
                search_index::part_id,
            );
            let (seq, kind, item, part) = columns;
            if matches!(conn, DbConnection::Sqlite(_)) {
                let mut $q = search_fts::table
                    .inner_join(search_index::table)
                    $($join)*
                    .filter(search_index::kind.eq($kind))
                    .filter(fts_match!(text))
                    .select((seq, kind, item, part, fts_rank!()))
                    .into_boxed();
                $apply
                page_of_hits!($q, fts_rank!(), after, limit, conn)
            } else {
                let mut $q = search_index::table
                    $($join)*
                    .filter(search_index::kind.eq($kind))
                    .filter(ts_match!(text))
                    .select((seq, kind, item, part, ts_rank!(text)))
                    .into_boxed();
                $apply
                page_of_hits!($q, ts_rank!(text), after, limit, conn)
            }
        }

        fn $count(conn: &mut DbConnection, $s: &$scope_ty, text: &SearchText) -> QueryResult<i64> {
            if matches!(conn, DbConnection::Sqlite(_)) {
                let mut $q = search_fts::table
                    .inner_join(search_index::table)
                    $($join)*
                    .filter(search_index::kind.eq($kind))
                    .filter(fts_match!(text))
                    .select(count_star())
                    .into_boxed();
                $apply
                $q.first(conn)
            } else {
                let mut $q = search_index::table
                    $($join)*
                    .filter(search_index::kind.eq($kind))
                    .filter(ts_match!(text))
                    .select(count_star())
                    .into_boxed();
                $apply
                $q.first(conn)
            }
        }
    };
}

searched_kind! {
    /// Reports: the report's scope (`repo::reports::scoped!`); a withheld section's row only
    /// for those who see withheld sections.
    report_hits, report_count, SearchKind::Report, ReportScope,
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
    need_hits, need_count, SearchKind::Need, ReportScope,
    join: [.inner_join(needs::table.on(needs::id.eq(search_index::item_id)))],
    scope: |q, scope| {
        crate::repo::needs::scoped!(q, scope, Default::default());
    }
}

searched_kind! {
    /// Documents: `repo::documents::readable!`.
    document_hits, document_count, SearchKind::Document, DocumentScope,
    join: [.inner_join(documents::table.on(documents::id.eq(search_index::item_id)))],
    scope: |q, scope| {
        crate::repo::documents::readable!(q, scope);
    }
}

searched_kind! {
    /// Threads: the caller's own (`repo::messages::visible_thread_ids!`).
    thread_hits, thread_count, SearchKind::Thread, str,
    join: [.inner_join(threads::table.on(threads::id.eq(search_index::item_id)))],
    scope: |q, user_id| {
        q = q.filter(
            threads::id.eq_any(crate::repo::messages::visible_thread_ids!(user_id.to_string())),
        );
    }
}

searched_kind! {
    /// Projects: `repo::projects::scoped!`.
    project_hits, project_count, SearchKind::Project, ProjectScope,
    join: [.inner_join(projects::table.on(projects::id.eq(search_index::item_id)))],
    scope: |q, scope| {
        crate::repo::projects::scoped!(q, scope);
    }
}

searched_kind! {
    /// Activities: `repo::activities::scoped!`.
    activity_hits, activity_count, SearchKind::Activity, ActivityScope,
    join: [.inner_join(activities::table.on(activities::id.eq(search_index::item_id)))],
    scope: |q, scope| {
        crate::repo::activities::scoped!(q, scope);
    }
}

searched_kind! {
    /// Plans and their measures: their consultation's scope (`repo::consultations::scoped!`).
    plan_hits, plan_count, SearchKind::Plan, ReportScope,
    join: [
        .inner_join(plans::table.on(plans::id.eq(search_index::item_id)))
        .inner_join(consultations::table.on(consultations::id.eq(plans::consultation_id)))
    ],
    scope: |q, scope| {
        crate::repo::consultations::scoped!(q, scope, Default::default());
    }
}

fn kind_order(kind: SearchKind) -> &'static str {
    kind.into()
}

/// One page of the parts matching `text` that the caller may see, best first (rank, then kind
/// and `seq` as the database orders them), of one kind or all: each kind's page after the
/// cursor, merged.
pub fn hits(
    conn: &mut DbConnection,
    scopes: &SearchScopes,
    text: &SearchText,
    kind: Option<SearchKind>,
    after: Option<After>,
    limit: i64,
) -> QueryResult<Vec<Hit>> {
    let mut all = Vec::new();
    for k in <SearchKind as strum::VariantArray>::VARIANTS {
        if kind.is_some_and(|wanted| wanted != *k) {
            continue;
        }
        let found = match k {
            SearchKind::Report => report_hits(conn, &scopes.reports, text, after, limit)?,
            SearchKind::Need => need_hits(conn, &scopes.reports, text, after, limit)?,
            SearchKind::Document => document_hits(conn, &scopes.documents, text, after, limit)?,
            SearchKind::Thread => thread_hits(conn, &scopes.user_id, text, after, limit)?,
            SearchKind::Project => project_hits(conn, &scopes.projects, text, after, limit)?,
            SearchKind::Activity => activity_hits(conn, &scopes.activities, text, after, limit)?,
            SearchKind::Plan => plan_hits(conn, &scopes.plans, text, after, limit)?,
        };
        all.extend(found);
    }
    all.sort_by(|a, b| {
        a.rank
            .total_cmp(&b.rank)
            .then_with(|| kind_order(a.kind).cmp(kind_order(b.kind)))
            .then_with(|| a.seq.cmp(&b.seq))
    });
    all.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(all)
}

/// How many parts of each kind match `text` among those the caller may see.
pub fn counts(
    conn: &mut DbConnection,
    scopes: &SearchScopes,
    text: &SearchText,
) -> QueryResult<Vec<(SearchKind, i64)>> {
    Ok(vec![
        (
            SearchKind::Report,
            report_count(conn, &scopes.reports, text)?,
        ),
        (SearchKind::Need, need_count(conn, &scopes.reports, text)?),
        (
            SearchKind::Document,
            document_count(conn, &scopes.documents, text)?,
        ),
        (
            SearchKind::Thread,
            thread_count(conn, &scopes.user_id, text)?,
        ),
        (
            SearchKind::Project,
            project_count(conn, &scopes.projects, text)?,
        ),
        (
            SearchKind::Activity,
            activity_count(conn, &scopes.activities, text)?,
        ),
        (SearchKind::Plan, plan_count(conn, &scopes.plans, text)?),
    ])
}
