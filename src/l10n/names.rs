//! Names of reference data in the reader's language, one function for every list: Member
//! States (`reference/member_states_names.csv`, by alpha-3 code) and the lists of
//! `reference/names.csv` (Compact entities by acronym, programmes and working groups by code,
//! thematic areas and regional groups by the English name the data stores). A language that
//! lacks a name shows the English one; a key no list knows has no name (`None`), and the
//! caller shows what it has (the organisation's stored name, the code).

use std::collections::HashMap;
use std::sync::OnceLock;

const STATES: &str = include_str!("../../reference/member_states_names.csv");
const OTHERS: &str = include_str!("../../reference/names.csv");
/// The columns of both files after their keys.
const COLUMNS: [&str; 6] = ["en", "fr", "es", "ru", "zh", "ar"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumString, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum RefList {
    State,
    Entity,
    Programme,
    ThematicArea,
    WorkingGroup,
    RegionalGroup,
}

type Names = HashMap<(RefList, String), [String; 6]>;

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut all = Names::new();
        let mut read = |text: &str, list: Option<RefList>| {
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let header = reader
                .headers()
                .expect("reference names have a header")
                .clone();
            let column = |lang: &str| header.iter().position(|h| h == lang);
            let at: Vec<Option<usize>> = COLUMNS.iter().map(|l| column(l)).collect();
            for record in reader.records() {
                let record = record.expect("reference names are well-formed (tested)");
                let (list, key) = match list {
                    Some(list) => (list, record[0].to_ascii_uppercase()),
                    None => match record[0].parse() {
                        Ok(list) => (list, record[1].to_string()),
                        Err(_) => continue,
                    },
                };
                let cell = |i: usize| {
                    at[i]
                        .and_then(|c| record.get(c))
                        .map(str::trim)
                        .unwrap_or("")
                        .to_string()
                };
                let english = cell(0);
                let row = std::array::from_fn(|i| match cell(i) {
                    s if s.is_empty() => english.clone(),
                    s => s,
                });
                all.insert((list, key), row);
            }
        };
        read(STATES, Some(RefList::State));
        read(OTHERS, None);
        all
    })
}

/// The name of `key` in `list`, in `lang` (English where that language lacks it).
pub fn name(list: RefList, key: &str, lang: &str) -> Option<&'static str> {
    let key = match list {
        RefList::State => key.to_ascii_uppercase(),
        _ => key.to_string(),
    };
    let row = names().get(&(list, key))?;
    let column = COLUMNS.iter().position(|l| *l == lang).unwrap_or(0);
    Some(row[column].as_str())
}

/// An organisation's name by its code: a Member State's or a Compact entity's from the
/// reference lists; `None` for an organisation added by an administrator.
pub fn organisation_name(code: &str, lang: &str) -> Option<&'static str> {
    name(RefList::State, code, lang).or_else(|| name(RefList::Entity, code, lang))
}

/// A Member State's or Compact entity's name in each of the six languages.
pub fn organisation_names(code: &str) -> Option<&'static [String; 6]> {
    let names = names();
    names
        .get(&(RefList::State, code.to_ascii_uppercase()))
        .or_else(|| names.get(&(RefList::Entity, code.to_string())))
}

/// The codes of the Member States and Compact entities whose name, in any of the six
/// languages, contains `text` (ignoring case): a search by name finds "Allemagne" and
/// "Германия" as well as "Germany".
pub fn organisation_codes_named(text: &str) -> Vec<String> {
    let text = text.to_lowercase();
    if text.is_empty() {
        return Vec::new();
    }
    let mut codes: Vec<String> = names()
        .iter()
        .filter(|((list, _), _)| matches!(list, RefList::State | RefList::Entity))
        .filter(|(_, row)| row.iter().any(|n| n.to_lowercase().contains(&text)))
        .map(|((_, key), _)| key.clone())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::reference;

    #[test]
    fn every_reference_item_has_a_name_in_every_language() {
        for org in reference::reference_organisations() {
            for lang in crate::i18n::SUPPORTED {
                assert!(organisation_name(&org.code, lang).is_some(), "{}", org.code);
            }
        }
        for p in reference::programmes() {
            assert!(
                name(RefList::Programme, &p.code, "ar").is_some(),
                "{}",
                p.code
            );
        }
        for a in reference::thematic_areas() {
            assert!(name(RefList::ThematicArea, a, "zh").is_some(), "{a}");
        }
        for g in reference::regions() {
            assert!(name(RefList::RegionalGroup, g, "ru").is_some(), "{g}");
        }
        assert_eq!(name(RefList::State, "civ", "fr"), Some("Côte d'Ivoire"));
        assert_eq!(name(RefList::State, "EGY", "es"), Some("Egipto"));
        assert_eq!(name(RefList::State, "XXX", "en"), None);
    }
}
