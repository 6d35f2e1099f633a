//! Dates and times in the reader's language: CLDR's medium date pattern of each language, with
//! the month names of chrono's locale data (`unstable-locales`, generated from glibc's, which
//! follow CLDR for these six languages). Times are shown in UTC, the portal's one time zone,
//! on the 24-hour clock every one of these languages uses in official texts.

use chrono::{DateTime, Locale, NaiveDate, Utc};

fn locale(lang: &str) -> Locale {
    match lang {
        "fr" => Locale::fr_FR,
        "es" => Locale::es_ES,
        "ru" => Locale::ru_RU,
        "zh" => Locale::zh_CN,
        "ar" => Locale::ar_EG,
        _ => Locale::en_GB,
    }
}

/// The medium date pattern (CLDR `yMMMd`) of each language, in chrono's notation.
fn pattern(lang: &str) -> &'static str {
    match lang {
        "fr" => "%-d %b %Y",
        "es" => "%-d %b %Y",
        "ru" => "%-d %b %Y г.",
        "zh" => "%Y年%-m月%-d日",
        "ar" => "%-d %B %Y",
        _ => "%-d %b %Y",
    }
}

/// A day as `lang` writes it: `3 Dec 2026`, `3 déc. 2026`, `3 dic 2026`, `3 дек. 2026 г.`,
/// `2026年12月3日`, `3 ديسمبر 2026`.
pub fn format_date(day: NaiveDate, lang: &str) -> String {
    day.format_localized(pattern(lang), locale(lang))
        .to_string()
}

/// A time as `lang` writes it, in UTC: the date, then `HH:MM UTC`.
pub fn format_time(at: DateTime<Utc>, lang: &str) -> String {
    format!(
        "{} {} UTC",
        format_date(at.date_naive(), lang),
        at.format("%H:%M")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_each_language() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(format_date(day, "en"), "3 Dec 2026");
        assert_eq!(format_date(day, "fr"), "3 déc. 2026");
        assert_eq!(format_date(day, "zh"), "2026年12月3日");
        assert_eq!(format_date(day, "ar"), "3 ديسمبر 2026");
        let es = format_date(day, "es");
        assert!(es.starts_with("3 dic"), "{es}");
        let ru = format_date(day, "ru");
        assert!(ru.starts_with("3 дек") && ru.ends_with("2026 г."), "{ru}");
        let at = DateTime::parse_from_rfc3339("2026-12-03T08:05:00Z").unwrap();
        assert_eq!(
            format_time(at.with_timezone(&Utc), "fr"),
            "3 déc. 2026 08:05 UTC"
        );
    }
}
