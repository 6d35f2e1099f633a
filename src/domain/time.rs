//! Times in the API. The database keeps naive UTC (CONVENTIONS.md); every time the API writes,
//! in JSON and in CSV, is RFC 3339 in UTC with `Z`, to the microsecond (the precision both
//! backends store): `2026-12-01T19:06:44.356066Z`. Response fields use [`UtcTime`]; CSV cells
//! use its `Display`.

use std::borrow::Cow;
use std::fmt;

use chrono::format::{DelayedFormat, StrftimeItems};
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Timelike, Utc};
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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            &self
                .0
                .and_utc()
                .to_rfc3339_opts(SecondsFormat::Micros, true),
        )
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
    }
}
