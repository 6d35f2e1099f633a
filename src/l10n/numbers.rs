//! Numbers and file sizes in the reader's language (CLDR decimal symbols and grouping, through
//! `icu_decimal`). Digits stay Latin in every language, Arabic included (`-u-nu-latn`): the
//! figures the portal shows are read beside codes, dates and documents that use them.

use std::collections::HashMap;
use std::str::FromStr;

use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;

thread_local! {
    /// One formatter per language and thread (ICU4X's formatters are not `Sync`).
    static FORMATTERS: HashMap<&'static str, DecimalFormatter> = crate::i18n::SUPPORTED
        .iter()
        .map(|lang| {
            let locale = icu_locale_core::Locale::from_str(&format!("{lang}-u-nu-latn"))
                .expect("the supported languages are valid locales");
            let formatter = DecimalFormatter::try_new((&locale).into(), Default::default())
                .expect("compiled data covers the supported languages");
            (*lang, formatter)
        })
        .collect();
}

/// `d` as `lang` writes it (English for a language the portal does not speak).
fn format_decimal(d: &Decimal, lang: &str) -> String {
    FORMATTERS.with(|all| {
        let formatter = all.get(lang).unwrap_or_else(|| &all["en"]);
        formatter.format(d).to_string()
    })
}

/// `n` with at most `max_fraction` decimals (trailing zeros dropped), as `lang` writes it:
/// `1,234.5` in English, `1 234,5` in French, `1.234,5` in Spanish.
pub fn format_number(n: f64, lang: &str, max_fraction: u8) -> String {
    if !n.is_finite() {
        return n.to_string();
    }
    let rounded = format!("{n:.prec$}", prec = max_fraction as usize);
    let trimmed = if rounded.contains('.') {
        rounded.trim_end_matches('0').trim_end_matches('.')
    } else {
        &rounded
    };
    let trimmed = if trimmed == "-0" { "0" } else { trimmed };
    match Decimal::from_str(trimmed) {
        Ok(d) => format_decimal(&d, lang),
        Err(_) => trimmed.to_string(),
    }
}

/// A count (whole number) as `lang` writes it.
pub fn format_count(n: i64, lang: &str) -> String {
    format_decimal(&Decimal::from(n), lang)
}

/// A size in bytes with the unit the reader knows (powers of 1024; one decimal from KB on).
pub fn format_file_size(bytes: u64, lang: &str) -> String {
    const UNITS: [&str; 4] = ["bytes", "kb", "mb", "gb"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let figure = if unit == 0 {
        format_count(bytes as i64, lang)
    } else {
        format_number(value, lang, 1)
    };
    crate::i18n::text_with(
        lang,
        &format!("size-{}", UNITS[unit]),
        &[("size", figure.into()), ("count", (bytes as f64).into())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(format_number(1234567.5, "en", 2), "1,234,567.5");
        assert_eq!(
            format_number(1234567.5, "fr", 2),
            "1\u{202f}234\u{202f}567,5"
        );
        assert_eq!(format_number(1234567.5, "es", 2), "1.234.567,5");
        assert_eq!(format_number(1234567.5, "ru", 2), "1\u{a0}234\u{a0}567,5");
        assert_eq!(format_number(1234567.5, "zh", 2), "1,234,567.5");
        assert_eq!(format_number(1234567.5, "ar", 2), "1,234,567.5");
        assert_eq!(format_number(2.0, "fr", 2), "2");
        assert_eq!(format_number(-0.001, "en", 2), "0");
        assert_eq!(format_number(0.126, "fr", 2), "0,13");
        assert_eq!(format_count(12000, "de"), "12,000");
    }
}
