//! Lists sorted by a column the reader chose (the HTML list pages' `sort=<column>&dir=asc|desc`).
//!
//! The sort goes into the keyset: a sorted list's cursor holds the sort's column and direction,
//! the last row's value of that column and its id, so the next page continues the same order
//! from `(value, id)`. A cursor made for another sort (or for the list's default order) is a 400
//! `invalid_cursor`, never read as this one's. Without `sort` a list keeps its default order and
//! its default cursor (the API's lists take no sort at all).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{decode_seek_within, encode_seek, invalid_cursor, seek_text, Page, ID_MAX};
use crate::error::{AppError, AppResult, ErrorCode};

/// Sorted cursors carry a title: they may be longer than the API's (at most 300 characters,
/// each up to 4 bytes, in JSON, in base64).
const SORTED_CURSOR_MAX: usize = 2048;
/// The longest text a sorted cursor holds (titles are at most 300 characters).
const TEXT_MAX: usize = 1300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Asc,
    Desc,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Asc => "asc",
            Direction::Desc => "desc",
        }
    }

    /// The other direction: a sorted column's header link flips it.
    pub fn flipped(self) -> Direction {
        match self {
            Direction::Asc => Direction::Desc,
            Direction::Desc => Direction::Asc,
        }
    }
}

/// The kind of value a sort column's cursor holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeekKind {
    Text,
    Number,
    Date,
    Time,
}

/// The last row's value of the sort column.
#[derive(Debug, Clone, PartialEq)]
pub enum SeekValue {
    Text(String),
    Number(i64),
    Date(NaiveDate),
    Time(NaiveDateTime),
}

impl SeekValue {
    fn kind(&self) -> SeekKind {
        match self {
            SeekValue::Text(_) => SeekKind::Text,
            SeekValue::Number(_) => SeekKind::Number,
            SeekValue::Date(_) => SeekKind::Date,
            SeekValue::Time(_) => SeekKind::Time,
        }
    }
}

/// The value as the cursor writes it (times in microseconds, as the default cursors).
#[derive(Serialize, Deserialize)]
enum Wire {
    T(String),
    N(i64),
    D(NaiveDate),
    M(i64),
}

impl From<&SeekValue> for Wire {
    fn from(v: &SeekValue) -> Wire {
        match v {
            SeekValue::Text(t) => Wire::T(t.clone()),
            SeekValue::Number(n) => Wire::N(*n),
            SeekValue::Date(d) => Wire::D(*d),
            SeekValue::Time(t) => Wire::M(t.and_utc().timestamp_micros()),
        }
    }
}

impl TryFrom<Wire> for SeekValue {
    type Error = AppError;
    fn try_from(w: Wire) -> AppResult<SeekValue> {
        use chrono::Datelike;
        Ok(match w {
            Wire::T(t) => SeekValue::Text(seek_text(t, TEXT_MAX)?),
            Wire::N(n) => SeekValue::Number(n),
            Wire::D(d) if (1..=9999).contains(&d.year()) => SeekValue::Date(d),
            Wire::D(_) => return Err(invalid_cursor()),
            Wire::M(micros) => SeekValue::Time(super::seek_time(micros)?),
        })
    }
}

/// Where a sorted page starts: after the row with this value and id.
#[derive(Debug, Clone, PartialEq)]
pub struct Seek {
    pub value: SeekValue,
    pub id: String,
}

impl Seek {
    /// The seek key of a text column (`None` for another kind, which `Sort::decode` refused).
    pub fn text(&self) -> Option<(String, String)> {
        match &self.value {
            SeekValue::Text(t) => Some((t.clone(), self.id.clone())),
            _ => None,
        }
    }

    /// The seek key of a rank (an `INTEGER` expression).
    pub fn number(&self) -> Option<(i32, String)> {
        match self.value {
            SeekValue::Number(n) => Some((i32::try_from(n).ok()?, self.id.clone())),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<(NaiveDate, String)> {
        match self.value {
            SeekValue::Date(d) => Some((d, self.id.clone())),
            _ => None,
        }
    }

    pub fn time(&self) -> Option<(NaiveDateTime, String)> {
        match self.value {
            SeekValue::Time(t) => Some((t, self.id.clone())),
            _ => None,
        }
    }
}

/// The columns a list may be sorted by: each one's name in `sort=` and its cursor value's kind.
pub trait SortColumn: Copy + Eq + std::fmt::Debug + 'static {
    const COLUMNS: &'static [(Self, &'static str, SeekKind)];
    /// The column (and direction) of the list's default order, when the page shows it.
    const DEFAULT: Option<(Self, Direction)> = None;

    fn name(self) -> &'static str {
        Self::entry(self).1
    }

    fn kind(self) -> SeekKind {
        Self::entry(self).2
    }

    fn entry(self) -> (Self, &'static str, SeekKind) {
        *Self::COLUMNS
            .iter()
            .find(|(c, _, _)| *c == self)
            .expect("every sort column is listed in COLUMNS")
    }
}

/// A list's order as the reader chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort<C> {
    pub column: C,
    pub dir: Direction,
}

/// The 400 of an unknown `sort` or `dir`, refused as the lists' other bad filter values.
fn unknown_sort() -> AppError {
    AppError::invalid(
        ErrorCode::InvalidFilter,
        "sort names no sortable column of this list, or dir is not asc or desc",
    )
}

impl<C: SortColumn> Sort<C> {
    /// `sort` and `dir` as the address gives them: a blank `sort` is the list's default order
    /// (`None`), a blank `dir` ascending; an unknown value of either is a 400 `invalid_filter`.
    pub fn parse(sort: &str, dir: &str) -> AppResult<Option<Sort<C>>> {
        let dir = match dir.trim() {
            "" | "asc" => Direction::Asc,
            "desc" => Direction::Desc,
            _ => return Err(unknown_sort()),
        };
        let sort = sort.trim();
        if sort.is_empty() {
            return Ok(None);
        }
        let column = C::COLUMNS
            .iter()
            .find(|(_, name, _)| *name == sort)
            .map(|(c, _, _)| *c)
            .ok_or_else(unknown_sort)?;
        Ok(Some(Sort { column, dir }))
    }

    /// The cursor after a row whose sort column holds `value`.
    pub fn cursor(self, value: &SeekValue, id: &str) -> String {
        encode_seek((self.column.name(), self.dir.name(), Wire::from(value), id))
    }

    /// The seek key of a cursor this sort gave; any other cursor is a 400 `invalid_cursor`.
    pub fn decode(self, cursor: Option<&str>) -> AppResult<Option<Seek>> {
        let Some((name, dir, value, id)) =
            decode_seek_within::<(String, String, Wire, String)>(cursor, SORTED_CURSOR_MAX)?
        else {
            return Ok(None);
        };
        let value = SeekValue::try_from(value)?;
        if name != self.column.name()
            || dir != self.dir.name()
            || value.kind() != self.column.kind()
        {
            return Err(invalid_cursor());
        }
        Ok(Some(Seek {
            value,
            id: seek_text(id, ID_MAX)?,
        }))
    }
}

/// Where a list's page starts: its default order after a default cursor (`K`), or a chosen
/// sort after a sorted cursor.
#[derive(Debug, Clone)]
pub enum Keyset<C, K> {
    Default(Option<K>),
    Sorted(Sort<C>, Option<Seek>),
}

impl<C: SortColumn, K> Keyset<C, K> {
    /// Reads the cursor for the order asked for: the default cursor (`default`, the list's own
    /// decoder) without a sort, a sorted one with it.
    pub fn read(
        sort: Option<Sort<C>>,
        cursor: Option<&str>,
        default: impl FnOnce(Option<&str>) -> AppResult<Option<K>>,
    ) -> AppResult<Keyset<C, K>> {
        Ok(match sort {
            None => Keyset::Default(default(cursor)?),
            Some(sort) => Keyset::Sorted(sort, sort.decode(cursor)?),
        })
    }

    /// The page of rows read with `limit + 1`, its next cursor in the same order: `default`
    /// writes a default cursor, `value` gives a row's value of the sort column and its id.
    pub fn cut<T>(
        &self,
        rows: Vec<T>,
        limit: i64,
        default: impl FnOnce(&T) -> String,
        value: impl FnOnce(&T, C) -> (SeekValue, &str),
    ) -> Page<T> {
        match self {
            Keyset::Default(_) => Page::cut(rows, limit, default),
            Keyset::Sorted(sort, _) => Page::cut(rows, limit, |row| {
                let (v, id) = value(row, sort.column);
                sort.cursor(&v, id)
            }),
        }
    }
}

/// The keyset step of a boxed query sorted by `(key, id)` in `dir` (a `Direction`): orders it
/// so and, after a seek key `(k, i)` (an `Option`), keeps the rows past it; descending is
/// `newest_first!`'s step. The `(…, key, id)` indexes serve both directions.
macro_rules! sorted_by {
    ($query:ident, $key:expr, $id:expr, $dir:expr, $after:expr) => {
        match $dir {
            $crate::pagination::Direction::Asc => {
                if let Some((key, id)) = $after {
                    $query =
                        $query.filter($key.gt(key.to_owned()).or($key.eq(key).and($id.gt(id))));
                }
                $query = $query.order(($key.asc(), $id.asc()));
            }
            $crate::pagination::Direction::Desc => {
                $crate::pagination::newest_first!($query, $key, $id, $after);
            }
        }
    };
}
pub(crate) use sorted_by;

/// The order step of a list's boxed query `$q` for its `Keyset`: the default order, newest
/// first by `$default` and `$id`, or the chosen sort: each arm names a column, its key
/// expression and its cursor value's kind (a `Seek` accessor: `text`, `number`, `date`, `time`).
macro_rules! keyset_order {
    ($q:ident, $keyset:expr, $id:expr, default: $default:expr,
     $($column:pat => $key:expr, $kind:ident;)+) => {
        match $keyset {
            $crate::pagination::Keyset::Default(after) => {
                $crate::pagination::newest_first!($q, $default, $id, after.clone());
            }
            $crate::pagination::Keyset::Sorted(sort, after) => {
                let after = after.as_ref();
                match sort.column {
                    $($column => {
                        let after = after.and_then($crate::pagination::sort::Seek::$kind);
                        $crate::pagination::sorted_by!($q, $key, $id, sort.dir, after)
                    })+
                }
            }
        }
    };
}
pub(crate) use keyset_order;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Col {
        Title,
        Day,
    }

    impl SortColumn for Col {
        const COLUMNS: &'static [(Col, &'static str, SeekKind)] = &[
            (Col::Title, "title", SeekKind::Text),
            (Col::Day, "day", SeekKind::Date),
        ];
    }

    #[test]
    fn sorts_parse_and_refuse_unknown_values() {
        assert_eq!(Sort::<Col>::parse("", "").unwrap(), None);
        let s = Sort::<Col>::parse("title", "").unwrap().unwrap();
        assert_eq!((s.column, s.dir), (Col::Title, Direction::Asc));
        let s = Sort::<Col>::parse(" day ", "desc").unwrap().unwrap();
        assert_eq!((s.column, s.dir), (Col::Day, Direction::Desc));
        assert!(Sort::<Col>::parse("owner", "asc").is_err());
        assert!(Sort::<Col>::parse("title", "up").is_err());
        assert_eq!(Sort::<Col>::parse("", "desc").unwrap(), None);
        assert!(Sort::<Col>::parse("", "down").is_err());
    }

    #[test]
    fn a_cursor_is_read_by_its_own_sort_only() {
        let title = Sort::<Col>::parse("title", "asc").unwrap().unwrap();
        let c = title.cursor(&SeekValue::Text("Été".into()), "id-1");
        let seek = title.decode(Some(&c)).unwrap().unwrap();
        assert_eq!(seek.text(), Some(("Été".into(), "id-1".into())));
        let desc = Sort::<Col>::parse("title", "desc").unwrap().unwrap();
        assert!(desc.decode(Some(&c)).is_err());
        let day = Sort::<Col>::parse("day", "asc").unwrap().unwrap();
        assert!(day.decode(Some(&c)).is_err());
        // A default cursor is not a sorted one.
        let default = super::super::time_seek(crate::domain::time::now(), "x");
        assert!(title.decode(Some(&default)).is_err());
        let forged = encode_seek(("day", "asc", Wire::T("x".into()), "i"));
        assert!(day.decode(Some(&forged)).is_err());
    }
}
