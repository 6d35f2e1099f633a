//! One toolkit for every list: the cursor codec, the page size, the page and the keyset
//! condition the repositories share.
//!
//! A cursor is the seek key of the last row of the page before (its sort key and id, or the key
//! alone when it is unique), written as JSON and then base64url without padding, as crates.io's
//! `encode_seek`/`decode`. Cursors are opaque to clients: anything but what `next_cursor` said
//! is a 400 `invalid_cursor`, checked before any query runs.

use std::borrow::Cow;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{IntoParams, PartialSchema, ToSchema};

use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};

pub mod sort;
pub(crate) use sort::{keyset_order, sorted_by};
pub use sort::{Direction, Keyset, SeekKind, SeekValue, Sort, SortColumn};

/// What every cursor the server gives looks like (URL-safe, no padding); the OpenAPI document
/// declares it.
pub const CURSOR_PATTERN: &str = "^[A-Za-z0-9_-]*$";
pub const CURSOR_MAX_LENGTH: usize = 512;

/// The 400 of a cursor the server did not give.
pub fn invalid_cursor() -> AppError {
    AppError::invalid(
        ErrorCode::InvalidCursor,
        "the cursor is not one this server gave",
    )
}

/// Every list's cursor looks the same from outside: URL-safe characters, at most 512 of them.
/// Anything else is refused before it is decoded.
pub fn check_cursor_shape(cursor: &str) -> AppResult<()> {
    check_cursor_within(cursor, CURSOR_MAX_LENGTH)
}

fn check_cursor_within(cursor: &str, max: usize) -> AppResult<()> {
    let shaped = cursor.len() <= max
        && cursor
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if shaped {
        Ok(())
    } else {
        Err(invalid_cursor())
    }
}

/// The cursor of a seek key.
pub fn encode_seek<K: Serialize>(key: K) -> String {
    // Seek keys are numbers and strings: serialising them cannot fail.
    let json = serde_json::to_vec(&key).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

/// The seek key of a cursor; `None` (the first page) for no cursor or an empty one.
pub fn decode_seek<K: DeserializeOwned>(cursor: Option<&str>) -> AppResult<Option<K>> {
    decode_seek_within(cursor, CURSOR_MAX_LENGTH)
}

/// `decode_seek` of a cursor of at most `max` characters.
fn decode_seek_within<K: DeserializeOwned>(
    cursor: Option<&str>,
    max: usize,
) -> AppResult<Option<K>> {
    let Some(cursor) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    check_cursor_within(cursor, max)?;
    let json = URL_SAFE_NO_PAD
        .decode(cursor.as_bytes())
        .map_err(|_| invalid_cursor())?;
    serde_json::from_slice(&json)
        .map(Some)
        .map_err(|_| invalid_cursor())
}

/// A text key of a cursor (an id, an e-mail address, a code): never empty, never longer than
/// `max`, no control characters (PostgreSQL refuses NUL in a parameter).
pub fn seek_text(text: String, max: usize) -> AppResult<String> {
    if text.is_empty() || text.len() > max || text.chars().any(char::is_control) {
        return Err(invalid_cursor());
    }
    Ok(text)
}

/// Ids are UUIDs or reference codes, never longer than 64.
const ID_MAX: usize = 64;

/// Cursor times stay within what both backends store (PostgreSQL refuses years past 294276
/// and before 4713 BC); a cursor outside years 1 to 9999 was not given by this server.
fn seek_time(micros: i64) -> AppResult<NaiveDateTime> {
    chrono::DateTime::from_timestamp_micros(micros)
        .map(|t| t.naive_utc())
        .filter(|t| (1..=9999).contains(&t.year()))
        .ok_or_else(invalid_cursor)
}

/// The cursor after a row sorted by `(time, id)`; times to the microsecond (both backends'
/// precision), so the cursor compares equal to the stored row.
pub fn time_seek(at: NaiveDateTime, id: &str) -> String {
    encode_seek((at.and_utc().timestamp_micros(), id))
}

pub fn decode_time_seek(cursor: Option<&str>) -> AppResult<Option<(NaiveDateTime, String)>> {
    decode_seek::<(i64, String)>(cursor)?
        .map(|(micros, id)| Ok((seek_time(micros)?, seek_text(id, ID_MAX)?)))
        .transpose()
}

/// The cursor after a row sorted by `(date, id)`.
pub fn date_seek(date: NaiveDate, id: &str) -> String {
    encode_seek((date, id))
}

pub fn decode_date_seek(cursor: Option<&str>) -> AppResult<Option<(NaiveDate, String)>> {
    decode_seek::<(NaiveDate, String)>(cursor)?
        .map(|(date, id)| {
            if !(1..=9999).contains(&date.year()) {
                return Err(invalid_cursor());
            }
            Ok((date, seek_text(id, ID_MAX)?))
        })
        .transpose()
}

/// How many rows a list gives per page: the `limit` asked for, clamped to `1..=max`, or
/// `default` when none is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize {
    pub default: i64,
    pub max: i64,
}

impl PageSize {
    /// Most lists: 50 rows, at most 100.
    pub const STANDARD: PageSize = PageSize {
        default: 50,
        max: 100,
    };

    pub fn limit(self, requested: Option<i64>) -> i64 {
        requested.unwrap_or(self.default).clamp(1, self.max)
    }
}

/// Where a list is read from: the `cursor` given (the `next_cursor` of the page before; none or
/// an empty one for the first page) and the `limit` asked for. Every list's query, in the API
/// and on the pages, hands its two parameters over in this one value; the list's service decides
/// what the cursor holds and clamps the limit with its `PageSize`, after its access checks, so a
/// refused caller learns nothing from a bad cursor.
///
/// The API's list parameters are each one struct with `#[serde(deny_unknown_fields)]`, which
/// serde cannot combine with `#[serde(flatten)]` (nor can `serde_urlencoded` read an `i64`
/// through it, and the 400 names every parameter of the list): they declare `cursor` and
/// `limit` themselves and hand them over with `PageParams::new`; a list with no other parameter
/// takes this struct as its query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PageParams {
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 1 to 100; 50 by default.
    pub limit: Option<i64>,
}

impl PageParams {
    pub fn new(cursor: Option<String>, limit: Option<i64>) -> PageParams {
        PageParams { cursor, limit }
    }

    /// A page of an HTML list: the form's cursor (empty on the first page), 50 rows.
    pub fn html(cursor: &str) -> PageParams {
        PageParams {
            cursor: Some(cursor.trim().to_string()).filter(|c| !c.is_empty()),
            limit: Some(PageSize::STANDARD.default),
        }
    }

    pub fn cursor(&self) -> Option<&str> {
        self.cursor.as_deref()
    }

    /// The rows to read, clamped to the list's `size`.
    pub fn limit(&self, size: PageSize) -> i64 {
        size.limit(self.limit)
    }
}

/// One page of a list: `{"items": [...], "next_cursor": ...}`; `next_cursor` is `null` on the
/// last page. Its OpenAPI schema is named after the item type (`PageItem`).
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// The page of rows read with `limit + 1` (one more than the page, to know whether another
    /// follows): the extra row is dropped and the last row kept gives the next cursor.
    pub fn cut(mut rows: Vec<T>, limit: i64, seek: impl FnOnce(&T) -> String) -> Page<T> {
        let limit = usize::try_from(limit).unwrap_or(0);
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(seek)
        } else {
            None
        };
        Page {
            items: rows,
            next_cursor,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

/// An item of a listed page: names its page's OpenAPI schema (`NeedPage` for `Page<NeedView>`),
/// so the document keeps one named component per list.
pub trait PageItem: ToSchema {
    const PAGE: &'static str;
}

/// A list's page type and its OpenAPI name, written once:
/// `page_item!(pub type NeedPage = Page<NeedView>);` declares the alias and names the schema
/// of `Page<NeedView>` `NeedPage` (`impl PageItem for NeedView`).
macro_rules! page_item {
    ($(#[$doc:meta])* pub type $page:ident = Page<$item:ty> $(;)?) => {
        $(#[$doc])*
        pub type $page = $crate::pagination::Page<$item>;
        impl $crate::pagination::PageItem for $item {
            const PAGE: &'static str = stringify!($page);
        }
    };
}
pub(crate) use page_item;

impl<T: PageItem> PartialSchema for Page<T> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .property(
                "items",
                ArrayBuilder::new().items(RefOr::Ref(Ref::from_schema_name(T::name()))),
            )
            .required("items")
            .property(
                "next_cursor",
                ObjectBuilder::new().schema_type(SchemaType::from_iter([Type::String, Type::Null])),
            )
            .into()
    }
}

impl<T: PageItem> ToSchema for Page<T> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed(T::PAGE)
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((T::name().into(), T::schema()));
        T::schemas(schemas);
    }
}

/// The keyset step of a boxed query listed newest first by `(key, id)`: orders it so and, after
/// a cursor, keeps the rows past `(key, id)`: `key < k OR (key = k AND id < id)`, which the
/// `(…, key, id)` indexes serve.
macro_rules! newest_first {
    ($query:ident, $key:expr, $id:expr, $after:expr) => {
        if let Some((key, id)) = $after {
            $query = $query.filter($key.lt(key.to_owned()).or($key.eq(key).and($id.lt(id))));
        }
        $query = $query.order(($key.desc(), $id.desc()));
    };
}
pub(crate) use newest_first;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeks_round_trip_and_reject_garbage() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let c = date_seek(d, "abc");
        assert_eq!(decode_date_seek(Some(&c)).unwrap(), Some((d, "abc".into())));
        let t = crate::domain::time::now();
        let c = time_seek(t, "xyz");
        assert_eq!(decode_time_seek(Some(&c)).unwrap(), Some((t, "xyz".into())));
        assert_eq!(
            decode_seek::<i64>(Some(&encode_seek(42))).unwrap(),
            Some(42)
        );
        assert!(decode_date_seek(Some("!!!")).is_err());
        assert!(decode_time_seek(Some(&date_seek(d, "x"))).is_err());
        assert!(decode_time_seek(Some(&encode_seek((i64::MAX, "x")))).is_err());
        assert!(decode_time_seek(Some(&encode_seek((0, "")))).is_err());
        assert!(decode_date_seek(Some(&encode_seek(("99999-01-01", "x")))).is_err());
        assert!(decode_seek::<String>(Some(&"A".repeat(513))).is_err());
        assert_eq!(decode_date_seek(None).unwrap(), None);
        assert_eq!(decode_date_seek(Some("")).unwrap(), None);
    }

    #[test]
    fn the_page_size_is_clamped_and_the_page_cut() {
        assert_eq!(PageSize::STANDARD.limit(None), 50);
        assert_eq!(PageSize::STANDARD.limit(Some(0)), 1);
        assert_eq!(PageSize::STANDARD.limit(Some(-7)), 1);
        assert_eq!(PageSize::STANDARD.limit(Some(1000)), 100);
        let page = Page::cut(vec![1, 2, 3], 2, |n| encode_seek(n));
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next_cursor, Some(encode_seek(2)));
        let last = Page::cut(vec![1, 2], 2, |n| encode_seek(n));
        assert_eq!(last.next_cursor, None);
    }
}
