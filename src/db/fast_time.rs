//! Reading stored times without Diesel's SQLite parser: SQLite keeps a timestamp as text, and
//! Diesel parses it with chrono's `parse_from_str`, which reads its format string again for
//! every value (about 3,000 instructions a time: 14 % of `GET /api/v1/needs`, two times a
//! row). The text Diesel writes (`YYYY-MM-DD HH:MM:SS.ffffff`) is read here digit by digit;
//! anything else goes to Diesel's own parser, and PostgreSQL's binary times to Diesel as well.
//!
//! Used with `#[diesel(deserialize_as = FastTime)]` on a list's time fields, and
//! `FastDate` on its dates (`YYYY-MM-DD`, which Diesel parses with `%F` the same way).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::deserialize::{self, FromSql};
use diesel::sql_types::{Date, Timestamp};

use super::{MultiBackend, MultiRawValue};

/// A stored time, read as [`parse`] reads it.
#[derive(Debug, Clone, Copy, diesel::deserialize::FromSqlRow)]
pub struct FastTime(pub NaiveDateTime);

impl From<FastTime> for NaiveDateTime {
    fn from(t: FastTime) -> Self {
        t.0
    }
}

impl FromSql<Timestamp, MultiBackend> for FastTime {
    fn from_sql(value: MultiRawValue<'_>) -> deserialize::Result<Self> {
        match value {
            MultiRawValue::Sqlite(mut raw) => match parse(raw.read_text()) {
                Some(t) => Ok(FastTime(t)),
                None => {
                    <NaiveDateTime as FromSql<Timestamp, diesel::sqlite::Sqlite>>::from_sql(raw)
                        .map(FastTime)
                }
            },
            other => other.from_sql::<NaiveDateTime, Timestamp>().map(FastTime),
        }
    }
}

/// A stored date, read as [`parse_date`] reads it.
#[derive(Debug, Clone, Copy, diesel::deserialize::FromSqlRow)]
pub struct FastDate(pub NaiveDate);

impl From<FastDate> for NaiveDate {
    fn from(d: FastDate) -> Self {
        d.0
    }
}

impl FromSql<Date, MultiBackend> for FastDate {
    fn from_sql(value: MultiRawValue<'_>) -> deserialize::Result<Self> {
        match value {
            MultiRawValue::Sqlite(mut raw) => match parse_date(raw.read_text()) {
                Some(d) => Ok(FastDate(d)),
                None => <NaiveDate as FromSql<Date, diesel::sqlite::Sqlite>>::from_sql(raw)
                    .map(FastDate),
            },
            other => other.from_sql::<NaiveDate, Date>().map(FastDate),
        }
    }
}

/// The digits of `part` as a number; `None` if any is not a digit.
fn digits(part: &[u8]) -> Option<u32> {
    part.iter().try_fold(0u32, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD`; `None` for any other text, and for a day that does not exist.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// `YYYY-MM-DD HH:MM:SS` with an optional fraction of up to nine digits (a `T` for the space
/// too); `None` for any other text, and for a day or time that does not exist.
pub fn parse(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b' ' | b'T')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            digits(fraction)? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    parse_date(&text[..10])?.and_hms_nano_opt(
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
        nanos,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_diesel_writes_as_chrono_does_and_leaves_the_rest_to_it() {
        let stored = NaiveDate::from_ymd_opt(2026, 12, 5)
            .unwrap()
            .and_hms_micro_opt(3, 55, 12, 123_456)
            .unwrap();
        // Diesel writes `%F %T%.f`.
        let written = stored.format("%F %T%.f").to_string();
        assert_eq!(parse(&written), Some(stored));
        for text in [
            "2026-12-05 03:55:12",
            "2026-12-05 03:55:12.1",
            "2026-12-05T03:55:12.123456789",
            "0001-01-01 00:00:00.000001",
            "2024-02-29 23:59:59.999999",
        ] {
            let chrono = NaiveDateTime::parse_from_str(&text.replace('T', " "), "%F %T%.f").ok();
            assert_eq!(parse(text), chrono, "{text}");
            assert!(chrono.is_some(), "{text}");
        }
        for text in [
            "",
            "2026-12-05",
            "2026-12-05 03:55",
            "2026-02-30 00:00:00",
            "2026-12-05 24:00:00",
            "2026-12-05 03:55:12.",
            "2026-12-05 03:55:12.1234567890",
            "2026-12-05 03:55:12+01:00",
            "2026-12-05 03:55:12Z",
            "2026-1a-05 03:55:12",
            "2461.5",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn reads_dates_as_chrono_does() {
        for text in ["2026-12-05", "0001-01-01", "2024-02-29", "9999-12-31"] {
            let chrono = NaiveDate::parse_from_str(text, "%F").ok();
            assert_eq!(parse_date(text), chrono, "{text}");
            assert!(chrono.is_some(), "{text}");
        }
        for text in [
            "",
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-12-5",
            "2026-12-05 00:00:00",
            "2026/12/05",
            "+2026-12-05",
            "2026-1a-05",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
