//! The reference organisations every install starts with: the 193 Member States and the
//! Compact entities, shipped in `reference/` and compiled into the binary.

use diesel::prelude::*;
use serde::Deserialize;

use crate::auth::tokens::new_id;
use crate::db::DbConnection;
use crate::domain::time::now;
use crate::domain::OrgKind;
use crate::repo::{models::Organisation, organisations};

const MEMBER_STATES: &str = include_str!("../../reference/member_states.csv");
const COMPACT_ENTITIES: &str = include_str!("../../reference/compact_entities.csv");
pub const PROGRAMMES: &str = include_str!("../../reference/programmes.csv");
const MEMBER_STATES_ISO: &str = include_str!("../../reference/member_states_iso.csv");

#[derive(Deserialize)]
struct MemberStateRow {
    iso3: String,
    name: String,
    regional_group: String,
}

#[derive(Deserialize)]
struct EntityRow {
    acronym: String,
    name: String,
    role: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Programme {
    pub code: String,
    pub name: String,
    pub lead: String,
    pub thematic_area: String,
}

/// The capacity-building programmes (shipped in `reference/programmes.csv`).
pub fn programmes() -> &'static [Programme] {
    static LIST: std::sync::OnceLock<Vec<Programme>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        csv::Reader::from_reader(PROGRAMMES.as_bytes())
            .deserialize::<Programme>()
            .map(|r| r.expect("reference/programmes.csv is well-formed (checked by a test)"))
            .collect()
    })
}

/// The thematic areas needs and projects are classified by, sorted, without duplicates.
pub fn thematic_areas() -> &'static [String] {
    static LIST: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        let mut areas: Vec<String> = programmes()
            .iter()
            .map(|p| p.thematic_area.clone())
            .collect();
        areas.sort();
        areas.dedup();
        areas
    })
}

#[derive(Deserialize)]
struct IsoRow {
    iso3: String,
    iso2: String,
}

/// A Member State's ISO 3166 alpha-2 code from its alpha-3 code (the organisations' code), as
/// IATI's `recipient-country` wants it.
pub fn iso2_of(iso3: &str) -> Option<&'static str> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        csv::Reader::from_reader(MEMBER_STATES_ISO.as_bytes())
            .deserialize::<IsoRow>()
            .map(|r| r.expect("reference/member_states_iso.csv is well-formed (checked by a test)"))
            .map(|r| (r.iso3.to_ascii_uppercase(), r.iso2))
            .collect()
    })
    .get(&iso3.to_ascii_uppercase())
    .map(String::as_str)
}

/// A thematic area of the reference list, trimmed; anything else is a 400.
pub fn known_thematic_area(area: &str) -> crate::error::AppResult<String> {
    let area = area.trim();
    if thematic_areas().iter().any(|a| a == area) {
        Ok(area.to_string())
    } else {
        Err(crate::error::AppError::invalid(
            crate::error::ErrorCode::UnknownThematicArea,
            format!("`{area}` is not one of the programmes' thematic areas"),
        ))
    }
}

/// The regions activities are placed in: the regional groups of the Member States, sorted.
pub fn regions() -> &'static [String] {
    static LIST: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        let mut groups: Vec<String> = reference_organisations()
            .into_iter()
            .filter_map(|o| o.regional_group)
            .collect();
        groups.sort();
        groups.dedup();
        groups
    })
}

pub struct ReferenceOrg {
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub regional_group: Option<String>,
}

pub fn reference_organisations() -> Vec<ReferenceOrg> {
    let mut out = Vec::with_capacity(240);
    let mut states = csv::Reader::from_reader(MEMBER_STATES.as_bytes());
    for row in states.deserialize::<MemberStateRow>() {
        let row = row.expect("reference/member_states.csv is well-formed (checked by a test)");
        out.push(ReferenceOrg {
            code: row.iso3,
            name: row.name,
            kind: OrgKind::MemberState,
            regional_group: Some(row.regional_group),
        });
    }
    let mut entities = csv::Reader::from_reader(COMPACT_ENTITIES.as_bytes());
    for row in entities.deserialize::<EntityRow>() {
        let row = row.expect("reference/compact_entities.csv is well-formed (checked by a test)");
        let kind = match row.role.as_str() {
            "coordinator" => OrgKind::CoordinatorOffice,
            "observer" => OrgKind::Observer,
            _ => OrgKind::CompactEntity,
        };
        out.push(ReferenceOrg {
            code: row.acronym,
            name: row.name,
            kind,
            regional_group: None,
        });
    }
    out
}

/// Adds the reference organisations that are missing; leaves existing ones (and any renames
/// an administrator made) alone. Returns how many were added.
pub fn load_reference_organisations(conn: &mut DbConnection) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let existing: std::collections::HashSet<String> =
            organisations::all_codes(conn)?.into_iter().collect();
        let now = now();
        let mut added = 0;
        for org in reference_organisations() {
            if existing.contains(&org.code) {
                continue;
            }
            organisations::insert(
                conn,
                &Organisation {
                    id: new_id(),
                    code: org.code,
                    name: org.name,
                    kind: org.kind,
                    regional_group: org.regional_group,
                    active: true,
                    require_totp: false,
                    created_at: now,
                },
            )?;
            added += 1;
        }
        Ok(added)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_data_is_complete() {
        let orgs = reference_organisations();
        let states = orgs
            .iter()
            .filter(|o| o.kind == OrgKind::MemberState)
            .count();
        assert_eq!(states, 193);
        for code in ["KEN", "FRA", "UNODC", "UNOCT", "CTED", "INTERPOL", "ICAO"] {
            assert!(orgs.iter().any(|o| o.code == code), "{code}");
        }
        let mut codes: Vec<_> = orgs.iter().map(|o| o.code.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), orgs.len(), "codes are unique");
        assert_eq!(programmes().len(), 10);
        assert!(thematic_areas().len() >= 8);
        let unoct = orgs.iter().find(|o| o.code == "UNOCT").unwrap();
        assert_eq!(unoct.kind, OrgKind::CoordinatorOffice);
        // Every Member State has its alpha-2 code for IATI's recipient-country.
        for o in orgs.iter().filter(|o| o.kind == OrgKind::MemberState) {
            let iso2 = iso2_of(&o.code).unwrap_or_else(|| panic!("{} has no alpha-2", o.code));
            assert_eq!(iso2.len(), 2);
        }
        assert_eq!(iso2_of("KEN"), Some("KE"));
    }
}

/// A Member State's name in the reader's language from the shipped names, by its alpha-3
/// code; `None` for a code it does not know (one place for every list: `l10n::names`).
pub fn state_name(iso3: &str, lang: &str) -> Option<&'static str> {
    crate::l10n::name(crate::l10n::RefList::State, iso3, lang)
}

#[cfg(test)]
mod state_name_tests {
    #[test]
    fn every_member_state_has_a_name_in_every_language() {
        for org in super::reference_organisations() {
            if org.kind == crate::domain::OrgKind::MemberState {
                for lang in crate::i18n::SUPPORTED {
                    assert!(super::state_name(&org.code, lang).is_some(), "{}", org.code);
                }
            }
        }
        assert_eq!(super::state_name("civ", "fr"), Some("Côte d'Ivoire"));
        assert_eq!(super::state_name("XXX", "en"), None);
    }
}
