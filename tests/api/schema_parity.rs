//! The SQLite and PostgreSQL migrations must produce the same tables and columns.

use std::collections::BTreeSet;

use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};
use portal::config::DatabaseUrl;
use portal::db::{self, DbConnection};

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

fn columns(conn: &mut DbConnection) -> BTreeSet<(String, String)> {
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m \
             JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations' \
             AND m.name NOT LIKE 'search_fts%'"
        }
        DbConnection::Postgresql(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'"
        }
    };
    diesel::sql_query(sql)
        .load::<Column>(conn)
        .unwrap()
        .into_iter()
        .map(|c| (c.table_name, c.column_name))
        .collect()
}

#[test]
fn both_backends_have_the_same_tables_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite_url =
        DatabaseUrl::Sqlite(dir.path().join("parity.db").to_string_lossy().into_owned());
    let mut sqlite = db::establish(&sqlite_url).unwrap();
    db::run_migrations(&mut sqlite).unwrap();
    let sqlite_columns = columns(&mut sqlite);
    assert!(sqlite_columns.contains(&("users".into(), "email".into())));

    let (pg_url, cleanup) = crate::helpers::fresh_database(dir.path());
    if !pg_url.is_postgres() {
        // Runs on the PostgreSQL pass of the suite (PORTAL_TEST_DATABASE_URL); .ci/run makes
        // that pass mandatory.
        eprintln!("schema parity: PORTAL_TEST_DATABASE_URL unset; compared on the PostgreSQL run");
        return;
    }
    let mut pg = db::establish(&pg_url).unwrap();
    db::run_migrations(&mut pg).unwrap();
    let pg_columns = columns(&mut pg);
    drop(pg);
    if let Some((admin, name)) = cleanup {
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        let mut conn = diesel::pg::PgConnection::establish(&admin).unwrap();
        conn.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .unwrap();
    }
    let only_sqlite: Vec<_> = sqlite_columns.difference(&pg_columns).collect();
    let only_pg: Vec<_> = pg_columns.difference(&sqlite_columns).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "only in SQLite: {only_sqlite:?}; only in PostgreSQL: {only_pg:?}"
    );
}
