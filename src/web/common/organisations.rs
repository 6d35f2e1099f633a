//! Organisations typed where a form or a filter wants their codes: the reading of what was
//! typed, a code or a name in any of the six languages. The picker offered beside such a field
//! (a `<datalist>`, which works without JavaScript) is `state::OrganisationPicker`.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::l10n;

/// The active organisations: code and stored name.
pub type Directory = Vec<(String, String)>;

pub fn directory(conn: &mut DbConnection) -> AppResult<Directory> {
    Ok(crate::repo::organisations::directory(conn)?)
}

/// Every name of an organisation: the stored one and the reference names in six languages.
fn names_of<'a>(code: &str, stored: &'a str) -> impl Iterator<Item = &'a str> {
    let reference = l10n::names::organisation_names(code)
        .into_iter()
        .flatten()
        .map(String::as_str);
    std::iter::once(stored).chain(reference)
}

/// The code `entry` stands for: a code (any case) as typed; else the one organisation whose
/// name is the entry (ignoring case); else the one whose name contains it. A name that fits
/// several is a 400 `ambiguous_name`; one that fits none is returned as typed, for the form's
/// own check to refuse as an unknown code.
pub fn resolve(dir: &Directory, entry: &str) -> AppResult<String> {
    let typed = entry.trim();
    let wanted = typed.to_lowercase();
    if wanted.is_empty() || dir.iter().any(|(code, _)| code.eq_ignore_ascii_case(typed)) {
        return Ok(typed.to_string());
    }
    let fitting = |exact: bool| -> Vec<&str> {
        dir.iter()
            .filter(|(code, name)| {
                names_of(code, name).any(|n| {
                    let n = n.to_lowercase();
                    if exact {
                        n == wanted
                    } else {
                        n.contains(&wanted)
                    }
                })
            })
            .map(|(code, _)| code.as_str())
            .collect()
    };
    let mut found = fitting(true);
    if found.is_empty() {
        found = fitting(false);
    }
    match found.as_slice() {
        [] => Ok(typed.to_string()),
        [code] => Ok(code.to_string()),
        several => Err(AppError::invalid(
            ErrorCode::AmbiguousName,
            format!(
                "`{typed}` names {} organisations ({}); give one of their codes",
                several.len(),
                several.join(", ")
            ),
        )),
    }
}

/// A list typed as codes or names separated by commas, semicolons or new lines: the same
/// entries, each as its code, joined with ", ".
pub fn resolve_list(dir: &Directory, text: &str) -> AppResult<String> {
    let codes = text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| resolve(dir, e))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(codes.join(", "))
}

/// Entries of a list field (each possibly several, separated by commas) with every piece that
/// `keep` does not claim read as an organisation: the pieces, each alone.
pub fn resolve_entries(
    dir: &Directory,
    entries: &[String],
    keep: impl Fn(&str) -> bool,
) -> AppResult<Vec<String>> {
    entries
        .iter()
        .flat_map(|e| e.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| {
            if keep(e) {
                Ok(e.to_string())
            } else {
                resolve(dir, e)
            }
        })
        .collect()
}

/// [`resolve_list`] against the active organisations.
pub fn codes_typed(conn: &mut DbConnection, text: &str) -> AppResult<String> {
    if text.trim().is_empty() {
        return Ok(String::new());
    }
    resolve_list(&directory(conn)?, text)
}

/// A list filter's organisation as typed (a code or a name), as its code; none stays none.
pub fn filter_typed(conn: &mut DbConnection, typed: Option<String>) -> AppResult<Option<String>> {
    match typed {
        Some(text) => Ok(Some(resolve(&directory(conn)?, &text)?)),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> Directory {
        [
            ("KEN", "Kenya"),
            ("GIN", "Guinea"),
            ("GNQ", "Equatorial Guinea"),
            ("GNB", "Guinea-Bissau"),
            ("DEU", "Germany"),
            ("UNODC", "United Nations Office on Drugs and Crime"),
        ]
        .into_iter()
        .map(|(c, n)| (c.to_string(), n.to_string()))
        .collect()
    }

    #[test]
    fn codes_and_names_in_any_language_give_the_code() {
        let dir = dir();
        for (typed, code) in [
            ("KEN", "KEN"),
            ("ken", "ken"),
            ("Kenya", "KEN"),
            (" kenya ", "KEN"),
            ("Allemagne", "DEU"),
            ("Германия", "DEU"),
            ("Guinea", "GIN"),
            ("Bissau", "GNB"),
            ("Drugs and Crime", "UNODC"),
            ("Atlantis", "Atlantis"),
        ] {
            assert_eq!(resolve(&dir, typed).unwrap(), code, "{typed}");
        }
        assert_eq!(
            resolve_list(&dir, "Kenya, allemagne;UNODC").unwrap(),
            "KEN, DEU, UNODC"
        );
    }

    #[test]
    fn a_name_that_fits_several_is_refused() {
        let err = resolve(&dir(), "guin").unwrap_err();
        assert_eq!(err.code(), ErrorCode::AmbiguousName);
        assert!(resolve_list(&dir(), "Kenya, guin").is_err());
    }
}
