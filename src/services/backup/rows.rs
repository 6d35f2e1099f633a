//! Rows as canonical text, the same on both backends: read in primary-key order (text keys in
//! byte order), each value as text (`1`/`0` for booleans, `YYYY-MM-DD HH:MM:SS.ffffff` for
//! times, lowercase hex for bytes, the shortest exact form of a float), and written back with
//! the column's own SQL type bound. The checksum and the round-trip comparisons use this form.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Binary, Bool, Date, Double, Nullable, Text, Timestamp};
use diesel::sqlite::Sqlite;
use sha2::{Digest, Sha256};

use super::catalog::{Kind, Table};
use super::BackupError;
use crate::db::DbConnection;

/// One row: one value per column of its table, `None` for NULL.
pub type Row = Vec<Option<String>>;

#[derive(QueryableByName)]
struct JsonRow {
    #[diesel(sql_type = Text)]
    row: String,
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn read_expression(conn: &DbConnection, name: &str, kind: Kind) -> String {
    let c = quoted(name);
    match (conn, kind) {
        (DbConnection::Postgresql(_), Kind::Blob) => format!("encode({c}, 'hex')"),
        (DbConnection::Postgresql(_), _) => format!("{c}::text"),
        (DbConnection::Sqlite(_), Kind::Blob) => format!("lower(hex({c}))"),
        (DbConnection::Sqlite(_), Kind::Real) => {
            format!("CASE WHEN {c} IS NULL THEN NULL ELSE printf('%.17g', {c}) END")
        }
        (DbConnection::Sqlite(_), _) => format!("CAST({c} AS TEXT)"),
    }
}

fn select_sql(conn: &DbConnection, table: &Table, limit: usize, offset: usize) -> String {
    let values: Vec<String> = table
        .columns
        .iter()
        .map(|c| read_expression(conn, &c.name, c.kind))
        .collect();
    let order: Vec<String> = table
        .key
        .iter()
        .map(|&i| {
            let c = &table.columns[i];
            match (conn, c.kind) {
                (DbConnection::Postgresql(_), Kind::Text) => {
                    format!("{} COLLATE \"C\"", quoted(&c.name))
                }
                _ => quoted(&c.name),
            }
        })
        .collect();
    let row = match conn {
        DbConnection::Postgresql(_) => {
            format!("CAST(json_build_array({}) AS TEXT)", values.join(", "))
        }
        DbConnection::Sqlite(_) => format!("json_array({})", values.join(", ")),
    };
    format!(
        "SELECT {row} AS row FROM {} ORDER BY {} LIMIT {limit} OFFSET {offset}",
        quoted(&table.name),
        order.join(", ")
    )
}

fn canonical(kind: Kind, value: Option<String>) -> Result<Option<String>, String> {
    let Some(v) = value else { return Ok(None) };
    let bad = |what: &str| format!("{what} {v:?} cannot be read");
    Ok(Some(match kind {
        Kind::Text | Kind::Date => v,
        Kind::Blob => v.to_ascii_lowercase(),
        Kind::Int => v.parse::<i64>().map_err(|_| bad("integer"))?.to_string(),
        Kind::Real => format!("{:?}", v.parse::<f64>().map_err(|_| bad("number"))?),
        Kind::Bool => match v.as_str() {
            "1" | "true" | "t" => "1".into(),
            "0" | "false" | "f" => "0".into(),
            _ => return Err(bad("boolean")),
        },
        Kind::Timestamp => parse_time(&v)
            .ok_or_else(|| bad("time"))?
            .format("%Y-%m-%d %H:%M:%S%.6f")
            .to_string(),
    }))
}

fn parse_time(v: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
}

fn batch_size(table: &Table) -> usize {
    if table.columns.iter().any(|c| c.kind == Kind::Blob) {
        16
    } else {
        500
    }
}

/// Calls `each` with every batch of the table's rows, in key order.
pub fn for_each_batch(
    conn: &mut DbConnection,
    table: &Table,
    mut each: impl FnMut(Vec<Row>) -> Result<(), BackupError>,
) -> Result<(), BackupError> {
    let limit = batch_size(table);
    let mut offset = 0;
    loop {
        let sql = select_sql(conn, table, limit, offset);
        let loaded: Vec<JsonRow> = match conn {
            DbConnection::Postgresql(c) => diesel::sql_query(sql).load(c)?,
            DbConnection::Sqlite(c) => diesel::sql_query(sql).load(c)?,
        };
        let count = loaded.len();
        let mut rows = Vec::with_capacity(count);
        for JsonRow { row } in loaded {
            let values: Vec<Option<String>> = serde_json::from_str(&row)
                .map_err(|e| BackupError::Invalid(format!("{}: {e}", table.name)))?;
            let row = table
                .columns
                .iter()
                .zip(values)
                .map(|(c, v)| canonical(c.kind, v))
                .collect::<Result<Row, String>>()
                .map_err(|e| BackupError::Invalid(format!("{}.{e}", table.name)))?;
            rows.push(row);
        }
        if !rows.is_empty() {
            each(rows)?;
        }
        if count < limit {
            return Ok(());
        }
        offset += count;
    }
}

/// SHA-256 over every table (by name) and its rows (by key), in canonical form.
pub fn digest(conn: &mut DbConnection, tables: &[Table]) -> Result<String, BackupError> {
    let mut sorted: Vec<&Table> = tables.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut hasher = Sha256::new();
    for table in sorted {
        hasher.update(format!("table {}\n", table.name).as_bytes());
        for_each_batch(conn, table, |rows| {
            for row in rows {
                hasher.update(serde_json::to_string(&row).unwrap_or_default().as_bytes());
                hasher.update(b"\n");
            }
            Ok(())
        })?;
    }
    Ok(hex::encode(hasher.finalize()))
}

/// A value with its column's SQL type, ready to bind.
enum Typed {
    Text(Option<String>),
    Int(Option<i64>),
    Real(Option<f64>),
    Bool(Option<bool>),
    Time(Option<NaiveDateTime>),
    Day(Option<NaiveDate>),
    Bytes(Option<Vec<u8>>),
}

fn typed(kind: Kind, value: Option<String>) -> Result<Typed, String> {
    let bad = |v: &str| format!("{v:?} is not a valid {kind:?}");
    Ok(match (kind, value) {
        (Kind::Text, v) => Typed::Text(v),
        (Kind::Int, v) => Typed::Int(v.map(|v| v.parse().map_err(|_| bad(&v))).transpose()?),
        (Kind::Real, v) => Typed::Real(v.map(|v| v.parse().map_err(|_| bad(&v))).transpose()?),
        (Kind::Bool, v) => Typed::Bool(v.map(|v| v == "1")),
        (Kind::Timestamp, v) => Typed::Time(
            v.map(|v| parse_time(&v).ok_or_else(|| bad(&v)))
                .transpose()?,
        ),
        (Kind::Date, v) => Typed::Day(
            v.map(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").map_err(|_| bad(&v)))
                .transpose()?,
        ),
        (Kind::Blob, v) => Typed::Bytes(
            v.map(|v| hex::decode(&v).map_err(|_| bad(&v)))
                .transpose()?,
        ),
    })
}

macro_rules! insert_with {
    ($conn:expr, $db:ty, $sql:expr, $values:expr) => {{
        let mut q = diesel::sql_query($sql).into_boxed::<$db>();
        for v in $values {
            q = match v {
                Typed::Text(x) => q.bind::<Nullable<Text>, _>(x),
                Typed::Int(x) => q.bind::<Nullable<BigInt>, _>(x),
                Typed::Real(x) => q.bind::<Nullable<Double>, _>(x),
                Typed::Bool(x) => q.bind::<Nullable<Bool>, _>(x),
                Typed::Time(x) => q.bind::<Nullable<Timestamp>, _>(x),
                Typed::Day(x) => q.bind::<Nullable<Date>, _>(x),
                Typed::Bytes(x) => q.bind::<Nullable<Binary>, _>(x),
            };
        }
        q.execute($conn)?
    }};
}

/// Inserts the rows (canonical form) into the table, in one statement.
pub fn insert(conn: &mut DbConnection, table: &Table, rows: Vec<Row>) -> Result<(), BackupError> {
    if rows.is_empty() {
        return Ok(());
    }
    let width = table.columns.len();
    let mut n = 0;
    let mut tuples = Vec::with_capacity(rows.len());
    let mut values = Vec::with_capacity(rows.len() * width);
    for row in rows {
        let mut marks = Vec::with_capacity(width);
        for (column, value) in table.columns.iter().zip(row) {
            n += 1;
            marks.push(match conn {
                DbConnection::Postgresql(_) => format!("${n}"),
                DbConnection::Sqlite(_) => "?".to_string(),
            });
            values.push(typed(column.kind, value).map_err(|e| {
                BackupError::Invalid(format!("{}.{}: {e}", table.name, column.name))
            })?);
        }
        tuples.push(format!("({})", marks.join(", ")));
    }
    let columns: Vec<String> = table.columns.iter().map(|c| quoted(&c.name)).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES {}",
        quoted(&table.name),
        columns.join(", "),
        tuples.join(", ")
    );
    match conn {
        DbConnection::Postgresql(c) => insert_with!(c, Pg, sql, values),
        DbConnection::Sqlite(c) => insert_with!(c, Sqlite, sql, values),
    };
    Ok(())
}

/// Copies every row of the table from one database to the other.
pub fn copy(
    from: &mut DbConnection,
    to: &mut DbConnection,
    table: &Table,
) -> Result<u64, BackupError> {
    let mut copied = 0u64;
    for_each_batch(from, table, |rows| {
        copied += rows.len() as u64;
        insert(to, table, rows)
    })?;
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_read_to_the_same_text() {
        assert_eq!(
            canonical(Kind::Bool, Some("true".into())).unwrap(),
            Some("1".into())
        );
        assert_eq!(
            canonical(Kind::Bool, Some("0".into())).unwrap(),
            Some("0".into())
        );
        let pg = canonical(Kind::Timestamp, Some("2026-12-03 07:33:05.1".into())).unwrap();
        let sqlite = canonical(Kind::Timestamp, Some("2026-12-03 07:33:05.100000".into())).unwrap();
        assert_eq!(pg, sqlite);
        let pg = canonical(Kind::Real, Some("0.1".into())).unwrap();
        let sqlite = canonical(Kind::Real, Some("0.10000000000000001".into())).unwrap();
        assert_eq!(pg, sqlite);
        assert_eq!(
            canonical(Kind::Blob, Some("0A".into())).unwrap(),
            Some("0a".into())
        );
        assert!(canonical(Kind::Int, Some("x".into())).is_err());
    }
}
