//! The CSV exports and their two readers: a program (the API's exports: column ids and codes,
//! stable across languages) and a person (the pages' "Export as CSV": headers, statuses and
//! reference names in the reader's language, for a spreadsheet). One cell rule for both:
//! [`cell`] keeps a spreadsheet from reading a value as a formula.

use crate::i18n;
use crate::l10n::{self, RefList};

/// A text cell, with a leading `'` where a spreadsheet would take it for a formula (OWASP's
/// CSV injection rule).
pub fn cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// Who reads an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Column ids and codes (the API).
    Program,
    /// Words in this language (the pages).
    Person(&'static str),
}

impl Reader {
    /// The header row: each column's id for a program, its message for a person.
    pub fn header(self, columns: &[(&str, &str)]) -> Vec<String> {
        columns
            .iter()
            .map(|(id, key)| match self {
                Reader::Program => id.to_string(),
                Reader::Person(lang) => i18n::text(lang, key),
            })
            .collect()
    }

    /// A coded value (a status, a priority): the code, or the message `{prefix}{code}`.
    pub fn word(self, prefix: &str, code: &str) -> String {
        match self {
            Reader::Program => code.to_string(),
            Reader::Person(lang) => i18n::text(lang, &format!("{prefix}{code}")),
        }
    }

    /// A reference item (a State, a thematic area, a programme): its key, or its name in the
    /// reader's language (the key where the list has no name for it).
    pub fn named(self, list: RefList, key: &str) -> String {
        match self {
            Reader::Program => key.to_string(),
            Reader::Person(lang) => l10n::name(list, key, lang).unwrap_or(key).to_string(),
        }
    }

    /// A yes-or-no value: `true`/`false`, or the reader's words.
    pub fn yes_no(self, value: bool) -> String {
        match self {
            Reader::Program => value.to_string(),
            Reader::Person(lang) => i18n::text(lang, if value { "csv-yes" } else { "csv-no" }),
        }
    }
}
