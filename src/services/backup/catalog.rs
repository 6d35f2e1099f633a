//! The tables a backup carries, read from a SQLite schema made by the portal's own migrations
//! (the backup file itself, or a fresh one): their columns, the kind of each (which decides
//! how a value is read and bound on either backend), their keys and the order in which the
//! foreign keys let them be filled.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use diesel::sqlite::SqliteConnection;

/// Tables kept by triggers from others (`need_cells` counts needs, `project_cells` projects):
/// never copied, rebuilt by the triggers as the rows they count are inserted; still part of
/// the checksum.
pub const DERIVED: &[&str] = &["need_cells", "project_cells"];
/// The search index (`search_index`, and on SQLite the FTS5 table over it with its shadow
/// tables): kept by triggers from the rows it indexes, neither copied nor checksummed (its
/// columns differ between the backends); a restore rebuilds it as those rows are inserted.
pub const SEARCH_INDEX: &[&str] = &["search_index"];
/// The server's own bookkeeping, kept by triggers and by each database for itself
/// (`data_versions`: a restore must not take the numbers back, or a server would answer from
/// what it kept for the same number before): never copied, wiped nor checksummed.
pub const OWN_STATE: &[&str] = &["data_versions"];
/// Tables the portal fills by itself on start (reference organisations and groups): a target
/// holding only these is empty.
pub const REFERENCE: &[&str] = &["organisations", "working_groups", "working_group_members"];
/// The backup's own description, in the backup file only.
pub const META_TABLE: &str = "portal_backup";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Real,
    Bool,
    Timestamp,
    Date,
    Blob,
}

impl Kind {
    /// From a column's declared SQLite type (the migrations say `BOOLEAN`, `TIMESTAMP`, ...).
    fn declared(t: &str) -> Kind {
        let t = t.to_ascii_uppercase();
        if t.contains("BOOL") {
            Kind::Bool
        } else if t.contains("TIMESTAMP") || t.contains("DATETIME") {
            Kind::Timestamp
        } else if t == "DATE" {
            Kind::Date
        } else if t.contains("INT") {
            Kind::Int
        } else if t.contains("REAL") || t.contains("DOUB") || t.contains("FLOA") {
            Kind::Real
        } else if t.contains("BLOB") || t.contains("BYTEA") {
            Kind::Blob
        } else {
            Kind::Text
        }
    }
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// The primary key's columns, in key order (all columns when there is none).
    pub key: Vec<usize>,
    /// Tables this one refers to.
    parents: Vec<String>,
}

impl Table {
    pub fn is_derived(&self) -> bool {
        DERIVED.contains(&self.name.as_str())
    }
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct ColumnInfo {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct Parent {
    #[diesel(sql_type = Text)]
    parent: String,
}

/// The portal's tables, parents before children (ties by name), so inserting in this order
/// satisfies every foreign key and deleting in the reverse order does too.
pub fn tables(conn: &mut SqliteConnection) -> QueryResult<Vec<Table>> {
    let names: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master m WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE '\\_\\_%' ESCAPE '\\' AND name <> 'portal_backup' \
         AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND NOT EXISTS (SELECT 1 FROM sqlite_master v \
           WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%' \
           AND substr(m.name, 1, length(v.name) + 1) = v.name || '_') \
         ORDER BY name",
    )
    .load(conn)?;
    let names: Vec<Name> = names
        .into_iter()
        .filter(|n| {
            !SEARCH_INDEX.contains(&n.name.as_str()) && !OWN_STATE.contains(&n.name.as_str())
        })
        .collect();
    let mut found = Vec::with_capacity(names.len());
    for Name { name } in names {
        let info: Vec<ColumnInfo> = diesel::sql_query(
            "SELECT name, type AS kind, pk FROM pragma_table_info(?) ORDER BY cid",
        )
        .bind::<Text, _>(&name)
        .load(conn)?;
        let mut keyed: Vec<(i32, usize)> = info
            .iter()
            .enumerate()
            .filter(|(_, c)| c.pk > 0)
            .map(|(i, c)| (c.pk, i))
            .collect();
        keyed.sort();
        let key = if keyed.is_empty() {
            (0..info.len()).collect()
        } else {
            keyed.into_iter().map(|(_, i)| i).collect()
        };
        let parents: Vec<Parent> = diesel::sql_query(
            "SELECT DISTINCT \"table\" AS parent FROM pragma_foreign_key_list(?)",
        )
        .bind::<Text, _>(&name)
        .load(conn)?;
        found.push(Table {
            columns: info
                .into_iter()
                .map(|c| Column {
                    kind: Kind::declared(&c.kind),
                    name: c.name,
                })
                .collect(),
            key,
            parents: parents
                .into_iter()
                .map(|p| p.parent)
                .filter(|p| *p != name)
                .collect(),
            name,
        });
    }
    Ok(in_dependency_order(found))
}

fn in_dependency_order(mut pending: Vec<Table>) -> Vec<Table> {
    let mut ordered: Vec<Table> = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let ready = pending.iter().position(|t| {
            t.parents.iter().all(|p| {
                ordered.iter().any(|o| &o.name == p) || !pending.iter().any(|q| &q.name == p)
            })
        });
        // A cycle (none today) would leave every table waiting: take the first one.
        let next = pending.remove(ready.unwrap_or(0));
        ordered.push(next);
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_map_to_kinds() {
        assert_eq!(Kind::declared("BOOLEAN"), Kind::Bool);
        assert_eq!(Kind::declared("TIMESTAMP"), Kind::Timestamp);
        assert_eq!(Kind::declared("DATE"), Kind::Date);
        assert_eq!(Kind::declared("BIGINT"), Kind::Int);
        assert_eq!(Kind::declared("REAL"), Kind::Real);
        assert_eq!(Kind::declared("BLOB"), Kind::Blob);
        assert_eq!(Kind::declared("TEXT"), Kind::Text);
    }
}
