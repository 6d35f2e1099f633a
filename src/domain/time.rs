//! Times in the API. The database keeps naive UTC (CONVENTIONS.md); every time the API writes,
//! in JSON and in CSV, is RFC 3339 in UTC with `Z`, to the microsecond (the precision both
//! backends store): `2026-12-01T19:06:44.356066Z`. Response fields use [`UtcTime`]; CSV cells
//! use its `Display`.

use std::borrow::Cow;
use std::fmt;

use chrono::format::{DelayedFormat, StrftimeItems};
use chrono::{DateTime, Datelike, NaiveDateTime, SecondsFormat, Timelike, Utc};
use serde::{Serialize, Serializer};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::RefOr;

/// Now, in naive UTC to the microsecond: the precision both backends store, so a time written
/// and read back (or put in a cursor) compares equal to the one computed here.
pub fn now() -> NaiveDateTime {
    let now = Utc::now().naive_utc();
    now.with_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now)
}

/// A moment, stored as naive UTC, written as RFC 3339 with `Z` (OpenAPI `format: date-time`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcTime(pub NaiveDateTime);

impl UtcTime {
    pub fn naive(self) -> NaiveDateTime {
        self.0
    }

    /// For pages that show a shorter form (`%Y-%m-%d %H:%M`), like chrono's own `format`.
    pub fn format<'a>(&self, fmt: &'a str) -> DelayedFormat<StrftimeItems<'a>> {
        self.0.format(fmt)
    }
}

impl From<NaiveDateTime> for UtcTime {
    fn from(t: NaiveDateTime) -> Self {
        UtcTime(t)
    }
}

impl From<DateTime<Utc>> for UtcTime {
    fn from(t: DateTime<Utc>) -> Self {
        UtcTime(t.naive_utc())
    }
}

impl fmt::Display for UtcTime {
    /// Written digit by digit into a buffer on the stack: a JSON list writes two times a row,
    /// and chrono's RFC 3339 writer allocates a string for each. Years outside 0–9999 and leap
    /// seconds, which no stored time has, go through chrono.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        let (year, nanos) = (t.year(), t.nanosecond());
        if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
            return f.write_str(&t.and_utc().to_rfc3339_opts(SecondsFormat::Micros, true));
        }
        let mut buf = *b"0000-00-00T00:00:00.000000Z";
        let mut put = |at: usize, width: usize, mut value: u32| {
            for i in (at..at + width).rev() {
                buf[i] = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        put(0, 4, year as u32);
        put(5, 2, t.month());
        put(8, 2, t.day());
        put(11, 2, t.hour());
        put(14, 2, t.minute());
        put(17, 2, t.second());
        put(20, 6, nanos / 1_000);
        f.write_str(std::str::from_utf8(&buf).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for UtcTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl utoipa::PartialSchema for UtcTime {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .description(Some("RFC 3339, in UTC (`Z`), to the microsecond"))
            .examples(["2026-12-01T19:06:44.356066Z"])
            .into()
    }
}

impl utoipa::ToSchema for UtcTime {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("UtcTime")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn writes_rfc3339_with_z_to_the_microsecond() {
        let t = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_micro_opt(19, 6, 44, 356_066)
            .unwrap();
        assert_eq!(
            serde_json::to_string(&UtcTime(t)).unwrap(),
            "\"2026-12-01T19:06:44.356066Z\""
        );
        let whole = NaiveDate::from_ymd_opt(2026, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap();
        assert_eq!(UtcTime(whole).to_string(), "2026-01-02T03:04:05.000000Z");
        let parsed = DateTime::parse_from_rfc3339(&UtcTime(t).to_string()).unwrap();
        assert_eq!(parsed.naive_utc(), t);
        // The same as chrono's own writer, at the edges of the fast path and beyond them.
        for (y, mo, d, h, mi, s, micro) in [
            (0, 1, 1, 0, 0, 0, 0),
            (9999, 12, 31, 23, 59, 59, 999_999),
            (10_000, 1, 1, 0, 0, 0, 1),
            (-1, 6, 15, 12, 30, 30, 500_000),
            (2024, 2, 29, 7, 8, 9, 10),
        ] {
            let t = NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_micro_opt(h, mi, s, micro)
                .unwrap();
            assert_eq!(
                UtcTime(t).to_string(),
                t.and_utc().to_rfc3339_opts(SecondsFormat::Micros, true)
            );
        }
    }
}
