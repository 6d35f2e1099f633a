//! Demo assistance projects: 44 projects of 10 organisations (entities and two donor States)
//! across more than 60 States, in every status, both visibilities, some regional and some
//! global, so the projects list (and later the matrix) shows a real picture.

use chrono::NaiveDate;

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::OrgKind;
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::projects::{
    self, Budget, NewProject, ProjectQuery, ProjectStatus, ProjectVisibility,
};
use crate::services::reference::{self, reference_organisations};

const PROJECTS: usize = 44;

/// Who offers them: Compact entities, a coordinator office and two Member States as donors.
const OWNERS: [&str; 10] = [
    "UNODC", "UNOCT", "INTERPOL", "ICAO", "IOM", "UNDP", "UNICRI", "WCO", "NOR", "JPN",
];

/// What they do, by programme: a title and a description.
const ACTIVITIES: [(&str, &str, &str); 10] = [
    ("CT-TRAVEL", "Advance passenger information and PNR roll-out", "Installing goTravel, training passenger information units and drafting the legal basis for API/PNR data."),
    ("SALW-NEXUS", "Marking and tracing of small arms", "Marking equipment, record-keeping and tracing requests between customs, police and prosecutors."),
    ("VULNERABLE-TARGETS", "Protection of soft targets and critical infrastructure", "Risk assessments of public spaces, exercises with site operators and guidance for first responders."),
    ("FUSION-CELLS", "Inter-agency fusion cell mentoring", "Mentoring a national fusion cell on analysis, information sharing and joint threat assessments."),
    ("CFT", "Financial intelligence unit capacity building", "Strategic analysis, suspicious transaction reporting and cooperation with the private sector against terrorist financing."),
    ("CRIM-JUSTICE", "Prosecution of complex terrorism cases", "Workshops for prosecutors and judges on evidence, international cooperation and fair-trial guarantees."),
    ("DIGITAL-EVIDENCE", "Digital evidence for criminal justice", "Requests to service providers, preservation orders and forensic handling of electronic evidence."),
    ("BIOMETRICS", "Biometrics at the border", "Responsible use of biometric systems at border crossings, with data protection safeguards."),
    ("FTF", "Prosecution, rehabilitation and reintegration of returnees", "Screening, risk assessment and tailored reintegration programmes for returning foreign terrorist fighters and their families."),
    ("PCVE", "Community resilience against violent extremism", "Youth, women and local leaders designing prevention projects with local authorities."),
];

/// Every third Member State in code order: 65 States.
fn demo_states() -> Vec<String> {
    let mut states: Vec<String> = reference_organisations()
        .into_iter()
        .filter(|o| o.kind == OrgKind::MemberState)
        .map(|o| o.code)
        .collect();
    states.sort();
    states.into_iter().step_by(3).collect()
}

/// The regional groups of the reference States, sorted.
fn demo_regions() -> Vec<String> {
    let mut groups: Vec<String> = reference_organisations()
        .into_iter()
        .filter_map(|o| o.regional_group)
        .collect();
    groups.sort();
    groups.dedup();
    groups
}

fn project(i: usize, states: &[String], regions: &[String]) -> NewProject {
    let (programme, title, description) = ACTIVITIES[i % ACTIVITIES.len()];
    let area = reference::programmes()
        .iter()
        .find(|p| p.code == programme)
        .map(|p| p.thematic_area.clone())
        .unwrap_or_default();
    let mut areas = vec![area];
    if i % 3 == 0 {
        areas.push(reference::thematic_areas()[i % reference::thematic_areas().len()].clone());
    }
    // Every seventh is global, every fifth regional; the others name three States.
    let (member_states, project_regions) = if i % 7 == 3 {
        (Vec::new(), Vec::new())
    } else if i % 5 == 1 {
        (Vec::new(), vec![regions[i % regions.len()].clone()])
    } else {
        let picked = (0..3).map(|k| states[(i * 3 + k) % states.len()].clone());
        (picked.collect(), Vec::new())
    };
    let status = [
        ProjectStatus::Active,
        ProjectStatus::Planned,
        ProjectStatus::Completed,
        ProjectStatus::Active,
        ProjectStatus::Cancelled,
    ][i % 5];
    let year = 2023 + (i % 4) as i32;
    let month = 1 + (i % 12) as u32;
    let starts_on = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
    let ends_on = NaiveDate::from_ymd_opt(year + 1 + (i % 3) as i32, month, 1).unwrap_or_default();
    let owner = OWNERS[i % OWNERS.len()];
    let where_ = if member_states.is_empty() && project_regions.is_empty() {
        "global".to_string()
    } else if member_states.is_empty() {
        project_regions.join(", ")
    } else {
        member_states.join(", ")
    };
    NewProject {
        title: format!("{title} ({where_})"),
        description: description.to_string(),
        organisation: Some(owner.to_string()),
        programme: Some(programme.to_string()),
        status,
        thematic_areas: areas,
        member_states,
        regions: project_regions,
        starts_on,
        ends_on,
        budget: (i % 4 != 2).then(|| Budget {
            amount: (150_000 + 25_000 * i) as f64,
            currency: ["USD", "EUR", "NOK", "JPY"][i % 4].to_string(),
        }),
        partners: vec![OWNERS[(i + 3) % OWNERS.len()].to_string()],
        contact: None,
        visibility: if i % 4 == 1 {
            ProjectVisibility::Compact
        } else {
            ProjectVisibility::Platform
        },
    }
}

/// Adds the demo projects once (nothing when projects already exist), as the coordinator
/// acting for each owner.
pub fn seed(conn: &mut DbConnection, coordinator: &CurrentUser) -> AppResult<usize> {
    let first = ProjectQuery {
        page: PageParams::new(None, Some(1)),
        ..Default::default()
    };
    if !projects::list(conn, coordinator, first)?.items.is_empty() {
        return Ok(0);
    }
    let (states, regions) = (demo_states(), demo_regions());
    for i in 0..PROJECTS {
        projects::create(conn, coordinator, "demo", project(i, &states, &regions))?;
    }
    Ok(PROJECTS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_demo_covers_what_the_issue_asks() {
        let (states, regions) = (demo_states(), demo_regions());
        let all: Vec<NewProject> = (0..PROJECTS)
            .map(|i| project(i, &states, &regions))
            .collect();
        let owners: HashSet<_> = all.iter().filter_map(|p| p.organisation.clone()).collect();
        let named: HashSet<_> = all.iter().flat_map(|p| p.member_states.clone()).collect();
        let statuses: HashSet<_> = all.iter().map(|p| p.status).collect();
        let visibilities: HashSet<_> = all.iter().map(|p| p.visibility).collect();
        assert!(all.len() >= 40 && owners.len() == 10, "{owners:?}");
        assert!(named.len() >= 60, "{}", named.len());
        assert_eq!((statuses.len(), visibilities.len()), (4, 2));
        assert!(all
            .iter()
            .any(|p| p.member_states.is_empty() && p.regions.is_empty()));
        assert!(all.iter().any(|p| !p.regions.is_empty()));
        assert!(all.iter().all(|p| p.ends_on >= p.starts_on));
    }
}
