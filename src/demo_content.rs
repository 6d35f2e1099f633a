//! Demo visit reports and needs, so a new user of `portal demo` sees a living portal.

use chrono::NaiveDate;

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::policy::Consent;
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::needs::{self, NewNeed, Priority};
use crate::services::reports::{self, NewReport, SectionInput};

struct Topic {
    heading: &'static str,
    body: &'static str,
    area: &'static str,
    need: &'static str,
    need_detail: &'static str,
}

const TOPICS: &[Topic] = &[
    Topic {
        heading: "Legislative framework",
        body: "The counter-terrorism law adopted in {year} criminalises the financing of terrorism and travel for terrorist purposes. Implementing regulations on asset freezing are still pending, and the definition of terrorist acts remains broad; the delegation recommended a review against international human rights standards.",
        area: "Criminal justice and rule of law",
        need: "Legislative drafting support on asset-freezing regulations",
        need_detail: "Assistance to draft implementing regulations for the freezing of terrorist assets without delay, in line with Security Council resolutions.",
    },
    Topic {
        heading: "Border management and advance passenger information",
        body: "{state} has begun collecting Advance Passenger Information at its main international airport. Passenger Name Record data is not yet processed, and land border crossings rely on manual checks against national watch lists only.",
        area: "Border management and terrorist travel",
        need: "API/PNR passenger information unit",
        need_detail: "Set up a passenger information unit able to receive and analyse API and PNR data, with data-protection safeguards.",
    },
    Topic {
        heading: "Countering the financing of terrorism",
        body: "The financial intelligence unit received a growing number of suspicious transaction reports, but few led to investigations. Cross-border cash couriers and informal value-transfer systems remain insufficiently monitored.",
        area: "Countering the financing of terrorism",
        need: "Training for financial investigators on terrorist financing cases",
        need_detail: "Joint training of FIU analysts, investigators and prosecutors on building terrorist-financing cases from suspicious transaction reports.",
    },
    Topic {
        heading: "Inter-agency cooperation and information sharing",
        body: "Intelligence, police, customs and immigration services do not yet share a common analytical platform. A fusion cell was announced but is not staffed; information is exchanged by letter between agencies.",
        area: "Inter-agency information sharing",
        need: "Establishment of a national fusion cell",
        need_detail: "Advice and equipment to stand up a fusion cell with standard operating procedures for information exchange between agencies.",
    },
    Topic {
        heading: "Prosecution of complex terrorism cases",
        body: "Prosecutors reported difficulties using digital evidence held by foreign service providers, and long pre-trial detention of suspects. Specialised chambers exist but judges have limited training on terrorism cases.",
        area: "Digital evidence and ICT",
        need: "Digital evidence and mutual legal assistance training",
        need_detail: "Training for prosecutors and judges on requesting, preserving and using electronic evidence across borders.",
    },
    Topic {
        heading: "Prevention of violent extremism",
        body: "A national action plan on preventing violent extremism was validated with civil society. Local prevention networks operate in two regions; funding for the remaining regions is not secured.",
        area: "Preventing violent extremism",
        need: "Scaling up local prevention networks",
        need_detail: "Support to extend community-based prevention networks to the remaining regions, including youth and women's organisations.",
    },
    Topic {
        heading: "Protection of critical infrastructure and soft targets",
        body: "Security plans for major public events and places of worship are prepared ad hoc. The delegation noted good cooperation with private operators of shopping centres and stadiums.",
        area: "Protection of critical infrastructure and soft targets",
        need: "National guidelines on protecting soft targets",
        need_detail: "Develop national guidelines and a public-private partnership model for the protection of vulnerable targets.",
    },
];

/// A demo visit: State code, name, visit date, which topics are withheld, published?
type Visit = (
    &'static str,
    &'static str,
    (i32, u32, u32),
    &'static [usize],
    bool,
);

const VISITS: &[Visit] = &[
    ("KEN", "Kenya", (2025, 3, 4), &[2], true),
    ("NGA", "Nigeria", (2024, 11, 12), &[3, 4], true),
    ("IDN", "Indonesia", (2025, 5, 20), &[], true),
    ("JOR", "Jordan", (2024, 6, 3), &[0], true),
    ("COL", "Colombia", (2025, 9, 8), &[1], true),
    ("MLI", "Mali", (2025, 10, 14), &[2, 3], true),
    ("PHL", "Philippines", (2026, 2, 2), &[4], false),
];

/// Adds the demo reports and needs once (nothing when reports already exist).
pub fn seed(conn: &mut DbConnection, coordinator: &CurrentUser) -> AppResult<usize> {
    let existing = reports::list(
        conn,
        coordinator,
        reports::ReportQuery {
            member_state: None,
            regional_group: None,
            year: None,
            programme: None,
            text: None,
            status: None,
            sort: None,
            page: PageParams::new(None, Some(1)),
        },
    )?;
    if !existing.items.is_empty() {
        return Ok(0);
    }
    let programmes = [
        "CT-TRAVEL",
        "CFT",
        "FUSION-CELLS",
        "CRIM-JUSTICE",
        "PCVE",
        "VULNERABLE-TARGETS",
        "DIGITAL-EVIDENCE",
    ];
    let mut created = 0;
    for (i, (code, name, (y, m, d), withheld, published)) in VISITS.iter().enumerate() {
        let topics: Vec<&Topic> = (0..5).map(|k| &TOPICS[(i + k) % TOPICS.len()]).collect();
        let sections = topics
            .iter()
            .enumerate()
            .map(|(k, t)| SectionInput {
                id: None,
                heading: t.heading.into(),
                body: t
                    .body
                    .replace("{state}", name)
                    .replace("{year}", &(y - 3).to_string()),
                consent: if withheld.contains(&k) {
                    Consent::Withheld
                } else {
                    Consent::Published
                },
            })
            .collect();
        let report = reports::create(
            conn,
            coordinator,
            "demo",
            NewReport {
                member_state: (*code).into(),
                title: format!("{name}: country assessment visit {y}"),
                visit_date: NaiveDate::from_ymd_opt(*y, *m, *d).unwrap_or_default(),
                summary: format!(
                    "Follow-up assessment of {name}'s implementation of Security Council resolutions 1373 (2001) and 2396 (2017), \
                     carried out with the national counter-terrorism coordination body."
                ),
                programme: Some(programmes[i % programmes.len()].into()),
                sections,
            },
        )?;
        if *published {
            reports::publish(conn, coordinator, "demo", &report.id)?;
        }
        for (k, topic) in topics.iter().enumerate().take(3) {
            needs::create(
                conn,
                coordinator,
                "demo",
                NewNeed {
                    member_state: (*code).into(),
                    title: topic.need.into(),
                    description: topic.need_detail.into(),
                    thematic_area: topic.area.into(),
                    priority: [Priority::High, Priority::Medium, Priority::Low][(i + k) % 3],
                    report_id: Some(report.id.clone()),
                    section_id: Some(report.sections[k].id.clone()),
                },
            )?;
        }
        created += 1;
    }
    Ok(created)
}

const GUIDANCE: &str = "Madrid Guiding Principles on foreign terrorist fighters: implementation notes\n\n\
1. Detect and intervene against terrorist travel: API and PNR systems, watch lists, INTERPOL notices.\n\
2. Criminal justice responses: prosecution, rehabilitation and reintegration strategies.\n\
3. Cooperation: timely information sharing between States and with the United Nations.\n";

const CONTACTS_CSV: &str = "organisation,role,contact point\nUNODC,Terrorism Prevention Branch,focal point\nINTERPOL,Counter-Terrorism Directorate,focal point\nICAO,Aviation Security,focal point\n";

/// Title, file name, classification, access list, tags, bytes.
type DemoDocument = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [u8],
);

/// Two shared documents from UNODC (once).
pub fn seed_documents(conn: &mut DbConnection, owner: &CurrentUser) -> AppResult<usize> {
    use crate::services::documents::{self, DocumentMeta, DocumentQuery};
    let existing = documents::list(
        conn,
        owner,
        DocumentQuery {
            page: PageParams::new(None, Some(1)),
            ..Default::default()
        },
    )?;
    if !existing.items.is_empty() {
        return Ok(0);
    }
    let items: [DemoDocument; 2] = [
        (
            "Madrid Guiding Principles: implementation notes",
            "madrid-principles-notes.txt",
            "unrestricted",
            &["all_compact_entities", "all_member_states"],
            &["ftf", "guidelines"],
            GUIDANCE.as_bytes(),
        ),
        (
            "Focal points of Compact entities",
            "focal-points.csv",
            "restricted",
            &["KEN", "coordinators"],
            &["contacts"],
            CONTACTS_CSV.as_bytes(),
        ),
    ];
    for (title, filename, classification, access, tags, bytes) in items {
        let upload = crate::services::files::store_bytes(conn, filename, bytes)?;
        documents::create(
            conn,
            owner,
            "demo",
            DocumentMeta {
                title: title.into(),
                description: String::new(),
                classification: classification.into(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                access: access.iter().map(|a| a.to_string()).collect(),
                report_id: None,
                need_id: None,
                programme: Some("FTF".into()),
            },
            upload,
        )?;
    }
    Ok(2)
}
