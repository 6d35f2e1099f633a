//! Demo suggestions: a few projects written for the demo needs (their States or regions, their
//! thematic areas, words in common), a French need and a French project for the Sahel, and one
//! dismissed suggestion, so the need and project pages show sensible "Suggested projects" and
//! "Suggested needs" with their reasons in both languages.

use chrono::NaiveDate;

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::needs::{self, NewNeed, Priority};
use crate::services::projects::{self, NewProject, ProjectQuery, ProjectStatus, ProjectVisibility};
use crate::services::suggestions::{self, NewDismissal};

/// (owner, title, description, programme, thematic area, States, regions)
type Offer = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const OFFERS: [Offer; 6] = [
    ("UNOCT", "Passenger information unit set-up for Kenya",
     "Setting up a passenger information unit that receives and analyses API and PNR data, with data-protection safeguards and the training of its analysts.",
     "CT-TRAVEL", "Border management and terrorist travel", &["KEN"], &[]),
    ("UNODC", "Terrorist financing investigations in West Africa",
     "Joint training of financial investigators, FIU analysts and prosecutors on terrorist financing cases built from suspicious transaction reports.",
     "CFT", "Countering the financing of terrorism", &["NGA"], &["African"]),
    ("INTERPOL", "National fusion cell stand-up",
     "Advice, equipment and standard operating procedures to establish a national fusion cell for information exchange between agencies.",
     "FUSION-CELLS", "Inter-agency information sharing", &["IDN", "JOR"], &[]),
    ("UNODC", "Electronic evidence for prosecutors and judges in Asia-Pacific",
     "Training prosecutors and judges on requesting, preserving and using electronic evidence, and on mutual legal assistance with service providers.",
     "DIGITAL-EVIDENCE", "Digital evidence and ICT", &[], &["Asia-Pacific"]),
    ("UNDP", "Local prevention networks with youth and women",
     "Support to community-based prevention networks with youth and women's organisations and local authorities.",
     "PCVE", "Preventing violent extremism", &[], &[]),
    ("UNOCT", "Gestion des frontières et contrôle des documents de voyage au Sahel",
     "Formation des gardes-frontières au contrôle des documents de voyage aux frontières terrestres, et équipement des postes frontières.",
     "CT-TRAVEL", "Border management and terrorist travel", &[], &["African"]),
];

const FRENCH_NEED: (&str, &str) = (
    "Contrôle des frontières terrestres",
    "Renforcer le contrôle des documents de voyage aux frontières terrestres et former les gardes-frontières des postes du nord.",
);

/// Adds the demo's suggestion material once (nothing when its first project exists).
pub fn seed(conn: &mut DbConnection, coordinator: &CurrentUser) -> AppResult<usize> {
    let existing = ProjectQuery {
        text: Some(OFFERS[0].1.into()),
        page: PageParams::new(None, Some(1)),
        ..Default::default()
    };
    if !projects::list(conn, coordinator, existing)?
        .items
        .is_empty()
    {
        return Ok(0);
    }
    let starts_on = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let ends_on = NaiveDate::from_ymd_opt(2028, 12, 31).unwrap_or_default();
    for (owner, title, description, programme, area, states, regions) in OFFERS {
        let offer = NewProject {
            title: title.into(),
            description: description.into(),
            organisation: Some(owner.into()),
            programme: Some(programme.into()),
            status: ProjectStatus::Active,
            thematic_areas: vec![area.into()],
            member_states: states.iter().map(|s| s.to_string()).collect(),
            regions: regions.iter().map(|s| s.to_string()).collect(),
            starts_on,
            ends_on,
            budget: None,
            partners: Vec::new(),
            contact: None,
            visibility: ProjectVisibility::Platform,
        };
        projects::create(conn, coordinator, "demo", offer)?;
    }
    let french = NewNeed {
        member_state: "MLI".into(),
        title: FRENCH_NEED.0.into(),
        description: FRENCH_NEED.1.into(),
        thematic_area: "Border management and terrorist travel".into(),
        priority: Priority::High,
        report_id: None,
        section_id: None,
    };
    let french = needs::create(conn, coordinator, "demo", french)?;
    // One suggestion dismissed, with its reason: the weakest for the French need.
    let suggested = suggestions::for_need(conn, coordinator, &french.id)?;
    if let Some(weakest) = suggested.items.iter().skip(1).last() {
        let dismissal = NewDismissal {
            need_id: french.id.clone(),
            project_id: weakest.project_id.clone(),
            reason: "Already covered by the regional border programme.".into(),
        };
        suggestions::dismiss(conn, coordinator, "demo", dismissal)?;
    }
    Ok(OFFERS.len() + 1)
}
