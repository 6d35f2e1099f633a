//! Query pieces whose statements stay in Diesel's prepared-statement cache. Diesel prepares
//! anew, on every run, a statement holding raw SQL (`dsl::sql`) or an `IN` list of binds
//! (`eq_any` of a `Vec` or an array), since either could make a new statement text each time;
//! on SQLite that means parsing and planning the whole query again (issue 19: half of an empty
//! `/documents` page, a tenth of the dashboard). These two make the same SQL, but from text of
//! the code itself and from lists of at most [`MAX_CACHED`] values: a bounded number of
//! statement texts, which Diesel then caches by their text.

use std::marker::PhantomData;

use diesel::backend::Backend;
use diesel::expression::{is_aggregate, AppearsOnTable, Expression, SelectableExpression};
use diesel::expression::{TypedExpressionType, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{Bool, HasSqlType, SingleValue};
use diesel::QueryResult;

/// The longest `IN` list kept in the cache: one statement per length up to it.
pub const MAX_CACHED: usize = 8;

/// SQL written in the code (`&'static str`), never built from data.
#[derive(Debug, Clone, Copy)]
pub struct StaticSql<ST> {
    sql: &'static str,
    sql_type: PhantomData<ST>,
}

/// [`diesel::dsl::sql`] for text of the code: the statement it is part of stays cached.
pub fn static_sql<ST>(sql: &'static str) -> StaticSql<ST> {
    StaticSql {
        sql,
        sql_type: PhantomData,
    }
}

impl<ST: TypedExpressionType> Expression for StaticSql<ST> {
    type SqlType = ST;
}

impl<ST, DB: Backend> QueryFragment<DB> for StaticSql<ST> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql(self.sql);
        Ok(())
    }
}

impl<ST> QueryId for StaticSql<ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<QS, ST> SelectableExpression<QS> for StaticSql<ST> where Self: Expression {}

impl<QS, ST> AppearsOnTable<QS> for StaticSql<ST> where Self: Expression {}

impl<ST, GB> ValidGrouping<GB> for StaticSql<ST> {
    type IsAggregate = is_aggregate::Never;
}

/// `column IN (?, …)` over a short list of values (`1 = 0` when it is empty).
#[derive(Debug, Clone)]
pub struct OneOf<C, T> {
    column: C,
    values: Vec<T>,
}

/// `column.eq_any(values)` for a handful of values (the caller's audiences, two statuses): the
/// statement stays cached. A longer list works too, prepared anew each time as with `eq_any`.
pub fn one_of<C, T>(column: C, values: impl IntoIterator<Item = T>) -> OneOf<C, T> {
    OneOf {
        column,
        values: values.into_iter().collect(),
    }
}

impl<C: Expression, T> Expression for OneOf<C, T> {
    type SqlType = Bool;
}

impl<C, T, DB> QueryFragment<DB> for OneOf<C, T>
where
    DB: Backend + HasSqlType<C::SqlType>,
    C: Expression + QueryFragment<DB>,
    C::SqlType: SingleValue,
    T: ToSql<C::SqlType, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        if self.values.len() > MAX_CACHED {
            out.unsafe_to_cache_prepared();
        }
        if self.values.is_empty() {
            out.push_sql("1 = 0");
            return Ok(());
        }
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (");
        for (i, value) in self.values.iter().enumerate() {
            if i > 0 {
                out.push_sql(", ");
            }
            out.push_bind_param::<C::SqlType, T>(value)?;
        }
        out.push_sql(")");
        Ok(())
    }
}

impl<C, T> QueryId for OneOf<C, T> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<QS, C: AppearsOnTable<QS>, T> AppearsOnTable<QS> for OneOf<C, T> where Self: Expression {}

impl<QS, C: SelectableExpression<QS>, T> SelectableExpression<QS> for OneOf<C, T> where
    Self: Expression
{
}

impl<C: ValidGrouping<()>, T> ValidGrouping<()> for OneOf<C, T> {
    type IsAggregate = C::IsAggregate;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::schema::document_access;
    use diesel::connection::SimpleConnection;
    use diesel::sqlite::Sqlite;
    use diesel::{Connection, ExpressionMethods, QueryDsl, RunQueryDsl, SqliteConnection};

    fn granted(conn: &mut SqliteConnection, grantees: &[&str]) -> Vec<String> {
        document_access::table
            .filter(one_of(document_access::grantee, grantees.iter().copied()))
            .select(document_access::document_id)
            .order(document_access::document_id)
            .load(conn)
            .unwrap()
    }

    #[test]
    fn one_of_is_in_and_keeps_the_statement_cacheable_up_to_its_bound() {
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        conn.batch_execute(
            "CREATE TABLE document_access (document_id TEXT, grantee TEXT); \
             INSERT INTO document_access VALUES ('d1', 'a'), ('d2', 'b'), ('d3', 'c');",
        )
        .unwrap();
        assert_eq!(granted(&mut conn, &["a", "c"]), ["d1", "d3"]);
        assert_eq!(granted(&mut conn, &["b"]), ["d2"]);
        assert!(granted(&mut conn, &[]).is_empty());

        let cached = |values: Vec<String>| {
            let q = document_access::table
                .filter(one_of(document_access::grantee, values))
                .select(document_access::document_id)
                .into_boxed::<Sqlite>();
            QueryFragment::<Sqlite>::is_safe_to_cache_prepared(&q, &Sqlite).unwrap()
        };
        let values = |n: usize| (0..n).map(|i| i.to_string()).collect::<Vec<_>>();
        assert!(cached(values(0)) && cached(values(2)) && cached(values(MAX_CACHED)));
        assert!(!cached(values(MAX_CACHED + 1)));
        // What it replaces: diesel's own IN list is never cached.
        let eq_any = document_access::table
            .filter(document_access::grantee.eq_any(values(2)))
            .into_boxed::<Sqlite>();
        assert!(!QueryFragment::<Sqlite>::is_safe_to_cache_prepared(&eq_any, &Sqlite).unwrap());
    }

    #[test]
    fn static_sql_is_written_as_is_and_cached() {
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        let q = diesel::select(static_sql::<diesel::sql_types::BigInt>(
            "CAST(6 * 7 AS BIGINT)",
        ));
        assert!(QueryFragment::<Sqlite>::is_safe_to_cache_prepared(&q, &Sqlite).unwrap());
        assert_eq!(q.get_result::<i64>(&mut conn).unwrap(), 42);
    }
}
