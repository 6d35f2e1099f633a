//! Queries. Every read that depends on who is asking takes the acting user and filters in SQL.

use diesel::QueryResult;

pub mod account_tokens;
pub mod activities;
pub mod attachments;
pub mod audit;
pub mod cached_sql;
pub mod calendar_feeds;
pub mod consultations;
pub mod coordination;
pub mod dashboard;
pub mod data_versions;
pub mod documents;
pub mod files;
pub mod groups;
pub mod login_failures;
pub mod mail_preferences;
pub mod matches;
pub mod messages;
pub mod models;
pub mod needs;
pub mod organisations;
pub mod outbox;
pub mod plans;
pub mod projects;
pub mod reports;
pub mod search;
pub mod search_views;
pub mod sessions;
pub mod suggestions;
pub mod two_factor;
pub mod users;

/// The backend of [`crate::db::DbConnection`], chosen at run time: a list's boxed query is
/// boxed for it.
pub type DbBackend = <crate::db::DbConnection as diesel::Connection>::Backend;

/// The most rows a list's count reads: a page shows "1,000+" past `COUNT_BOUND - 1`.
pub const COUNT_BOUND: i64 = 1001;

/// How many rows a list's filtered, scoped query `ids` (the one its page reads, selecting the
/// rows' ids) holds, counting at most [`COUNT_BOUND`]:
/// `SELECT COUNT(*) FROM (… LIMIT 1001) AS bounded`, so a count among millions costs no more
/// than a thousand rows. Written as its own query node: the multi-backend connection cannot
/// put a boxed query in an `IN` subquery.
pub fn bounded_count<Q>(conn: &mut crate::db::DbConnection, ids: Q) -> QueryResult<i64>
where
    Q: diesel::query_dsl::methods::LimitDsl,
    Q::Output: diesel::query_builder::QueryFragment<DbBackend> + Send,
{
    diesel::RunQueryDsl::get_result(BoundedCount(ids.limit(COUNT_BOUND)), conn)
}

/// `SELECT COUNT(*) FROM (<query>) AS bounded`.
struct BoundedCount<Q>(Q);

impl<Q> diesel::query_builder::QueryId for BoundedCount<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q> diesel::query_builder::Query for BoundedCount<Q> {
    type SqlType = diesel::sql_types::BigInt;
}

impl<Q: diesel::query_builder::QueryFragment<DbBackend>>
    diesel::query_builder::QueryFragment<DbBackend> for BoundedCount<Q>
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DbBackend>,
    ) -> QueryResult<()> {
        out.push_sql("SELECT COUNT(*) FROM (");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(") AS bounded");
        Ok(())
    }
}

impl<Q> diesel::RunQueryDsl<crate::db::DbConnection> for BoundedCount<Q> {}

diesel::define_sql_function!(
    /// SQL `lower()`: organisation codes and e-mail addresses compare in any case.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// `text` with the LIKE wildcards escaped (`\` is the escape character), so it matches
/// literally.
pub fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// A LIKE pattern matching values that contain `text`, ignoring case (compared with `lower`
/// of the column: ILIKE is PostgreSQL's only).
pub fn like_pattern(text: &str) -> String {
    format!("%{}%", escape_like(&text.to_lowercase()))
}

/// A list filter's value as given: trimmed, and `None` when blank.
pub fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Keeps the rows of a boxed query where either column contains `$text` (an `&Option<String>`;
/// blank is no filter, and only its first 200 characters count), ignoring case: the free-text
/// filter of the lists.
macro_rules! containing_text {
    ($q:ident, $text:expr, $first:expr, $second:expr) => {
        if let Some(text) = $crate::repo::given($text) {
            let text: String = text.chars().take(200).collect();
            let pattern = $crate::repo::like_pattern(&text);
            $q = $q.filter(
                $crate::repo::lower($first)
                    .like(pattern.clone())
                    .escape('\\')
                    .or($crate::repo::lower($second).like(pattern).escape('\\')),
            );
        }
    };
}
pub(crate) use containing_text;

/// Keeps the rows of a boxed query where each column equals its value (an `&Option<String>`),
/// for the values that are given (see [`given`]): the equality filters of the lists.
macro_rules! equal_where_given {
    ($q:ident, $($column:expr => $value:expr),+ $(,)?) => {$(
        if let Some(v) = $crate::repo::given($value) {
            $q = $q.filter($column.eq(v.to_string()));
        }
    )+};
}
pub(crate) use equal_where_given;

/// Keeps the rows of a boxed query whose organisation id column is the organisation with the
/// code `$code` (an `&Option<String>`, any case); an unknown code matches nothing.
macro_rules! of_organisation_code {
    ($q:ident, $column:expr, $code:expr) => {
        if let Some(code) = $crate::repo::given($code) {
            use $crate::db::schema::organisations;
            // An alias keeps the subquery apart from an `organisations` the query joins.
            let coded = diesel::alias!(organisations as coded_organisations);
            let ids = coded
                .filter(
                    $crate::repo::lower(coded.field(organisations::code)).eq(code.to_lowercase()),
                )
                .select(coded.field(organisations::id));
            $q = $q.filter($column.eq_any(ids));
        }
    };
}
pub(crate) use of_organisation_code;

/// Narrows a boxed query of rows about one State to what a `ReportScope` grants: all, the
/// State's own rows that pass `$own`, or the rows that pass `$published`; for no scope it
/// returns `$empty` at once.
macro_rules! within_report_scope {
    ($q:ident, $scope:expr, $empty:expr, $state:expr, own: $own:expr, published: $published:expr) => {
        match $scope {
            $crate::access::reports::ReportScope::All => {}
            $crate::access::reports::ReportScope::OwnState(org_id) => {
                $q = $q.filter($state.eq(org_id.clone())).filter($own)
            }
            $crate::access::reports::ReportScope::PublishedSections => $q = $q.filter($published),
            $crate::access::reports::ReportScope::Nothing => return Ok($empty),
        }
    };
}
pub(crate) use within_report_scope;

/// Writes one whole row: `insert NAME: Row => table;` defines `pub fn NAME(conn, row)` that
/// inserts it, `update NAME: Row => table;` one that sets every column of the row with its id.
macro_rules! row_writes {
    ($($kind:ident $name:ident: $row:ty => $table:expr;)+) => {$(
        $crate::repo::row_writes!(@$kind $name, $row, $table);
    )+};
    (@insert $name:ident, $row:ty, $table:expr) => {
        pub fn $name(conn: &mut $crate::db::DbConnection, row: &$row) -> QueryResult<usize> {
            diesel::insert_into($table).values(row).execute(conn)
        }
    };
    (@update $name:ident, $row:ty, $table:expr) => {
        pub fn $name(conn: &mut $crate::db::DbConnection, row: &$row) -> QueryResult<usize> {
            diesel::update($table.find(&row.id)).set(row).execute(conn)
        }
    };
}
pub(crate) use row_writes;

/// Ends the rows that match the filters and are not ended yet: sets the nullable time column
/// `$ended` to `$now`. Returns how many it ended, 0 when another request ended them first (a
/// link used twice, a session signed out twice).
macro_rules! end_open_rows {
    ($conn:expr, $table:expr, $ended:expr, $now:expr, $($filter:expr),+ $(,)?) => {
        diesel::update($table$(.filter($filter))+.filter($ended.is_null()))
            .set($ended.eq($now))
            .execute($conn)
    };
}
pub(crate) use end_open_rows;
