//! A plan as an IATI 2.03 activity (`iati-activity`), in the Standard's element order: the
//! identifier (the publisher's `ref`, a hyphen, the plan's id), the publisher, title and
//! description, the organisations with their roles, status and dates, the State as recipient
//! country (ISO alpha-2), the thematic areas as sectors of vocabulary 99, and one `result`
//! per measure with its indicator, baseline and a period per calendar year (the target the
//! straight path expects at the period's end, the latest validated value in it).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::values::format_number;
use crate::domain::iati::{expected_on, reporting_periods};
use crate::domain::plans::ConsultationStatus;
use crate::domain::xml::XmlWriter;
use crate::domain::OrgKind;
use crate::repo::consultations::Consultation;
use crate::repo::models::Organisation;
use crate::repo::plans::{Measure, Progress};
use crate::repo::reports::StateRef;
use crate::services::consultations::read_list;
use crate::services::reference;

/// Who publishes the file: the IATI organisation identifier and the address of the list of
/// thematic areas (the sector vocabulary 99).
#[derive(Debug, Clone)]
pub struct Publisher {
    pub org_ref: String,
    pub vocabulary_uri: String,
}

const PUBLISHER_NAME: &str = "Global Counter-Terrorism Coordination Platform";

/// One plan to write, with what was loaded for it.
pub struct PlanExport<'a> {
    pub plan_id: &'a str,
    pub consultation: &'a Consultation,
    pub state: &'a StateRef,
    pub measures: Vec<&'a Measure>,
    /// Validated values by measure id, oldest first.
    pub validated: &'a HashMap<String, Vec<Progress>>,
}

fn datetime(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A thematic area's code in vocabulary 99: its name in lower case, words joined by hyphens.
pub fn area_code(area: &str) -> String {
    let mut code = String::new();
    for word in area
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !code.is_empty() {
            code.push('-');
        }
        code.push_str(&word.to_lowercase());
    }
    code
}

fn org_type(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::MemberState => "10",
        OrgKind::CompactEntity | OrgKind::CoordinatorOffice => "40",
        OrgKind::Observer => "90",
    }
}

fn narrative(w: &mut XmlWriter, lang: Option<&str>, text: &str) {
    match lang {
        Some(lang) => w.text("narrative", &[("xml:lang", lang)], text),
        None => w.text("narrative", &[], text),
    }
}

fn with_narrative(w: &mut XmlWriter, name: &'static str, attrs: &[(&str, &str)], text: &str) {
    w.open(name, attrs);
    narrative(w, None, text);
    w.close();
}

/// The whole file: `iati-activities` with one activity per plan (at least one: the schema
/// wants one).
pub fn render(
    publisher: &Publisher,
    plans: &[PlanExport],
    orgs: &HashMap<String, Organisation>,
    now: NaiveDateTime,
) -> String {
    let mut w = XmlWriter::new();
    w.open(
        "iati-activities",
        &[("version", "2.03"), ("generated-datetime", &datetime(now))],
    );
    for plan in plans {
        activity(&mut w, publisher, plan, orgs, now.date());
    }
    w.finish()
}

fn activity(
    w: &mut XmlWriter,
    publisher: &Publisher,
    plan: &PlanExport,
    orgs: &HashMap<String, Organisation>,
    today: NaiveDate,
) {
    let c = plan.consultation;
    w.open(
        "iati-activity",
        &[
            ("last-updated-datetime", &datetime(c.updated_at)),
            ("xml:lang", "en"),
            ("hierarchy", "1"),
        ],
    );
    w.text(
        "iati-identifier",
        &[],
        &format!("{}-{}", publisher.org_ref, plan.plan_id),
    );
    w.open(
        "reporting-org",
        &[("ref", &publisher.org_ref), ("type", "40")],
    );
    narrative(w, None, PUBLISHER_NAME);
    w.close();
    let programme = reference::programmes()
        .iter()
        .find(|p| p.code == c.programme)
        .map_or(c.programme.as_str(), |p| p.name.as_str());
    w.open("title", &[]);
    let state = &plan.state.name;
    narrative(
        w,
        Some("en"),
        &format!("Implementation plan of {state}: {programme}"),
    );
    narrative(
        w,
        Some("fr"),
        &format!("Plan de mise en œuvre de {state} : {programme}"),
    );
    w.close();
    let situation = if c.situation.trim().is_empty() {
        format!("Capacity consultation held on {}.", c.held_on)
    } else {
        c.situation.clone()
    };
    with_narrative(w, "description", &[("type", "1")], &situation);
    participating_orgs(w, plan, orgs);
    let last_due = plan.measures.iter().map(|m| m.due_on).max();
    let status = match (c.status, last_due) {
        (ConsultationStatus::Draft, _) => "1",
        (_, Some(due)) if due < today => "3",
        _ => "2",
    };
    w.empty("activity-status", &[("code", status)]);
    w.empty(
        "activity-date",
        &[("type", "2"), ("iso-date", &c.held_on.to_string())],
    );
    if let Some(due) = last_due {
        w.empty(
            "activity-date",
            &[("type", "3"), ("iso-date", &due.to_string())],
        );
    }
    if let Some(iso2) = reference::iso2_of(&plan.state.code) {
        with_narrative(
            w,
            "recipient-country",
            &[("code", iso2), ("percentage", "100")],
            &plan.state.name,
        );
    }
    sectors(w, publisher, plan);
    for m in &plan.measures {
        let values = plan.validated.get(&m.id).map_or(&[][..], Vec::as_slice);
        result(w, m, values);
    }
    w.close();
}

fn participating_orgs(w: &mut XmlWriter, plan: &PlanExport, orgs: &HashMap<String, Organisation>) {
    // The State implements its plan; the consultation's participants extend it; the
    // organisations responsible for measures implement them. Each organisation once per role.
    with_narrative(
        w,
        "participating-org",
        &[("role", "4"), ("type", "10")],
        &plan.state.name,
    );
    let mut seen: Vec<(String, &str)> = vec![(plan.state.code.to_lowercase(), "4")];
    let participants = read_list(&plan.consultation.participants);
    let responsible: Vec<String> = plan
        .measures
        .iter()
        .flat_map(|m| read_list(&m.responsible))
        .collect();
    let roles = participants
        .iter()
        .map(|code| (code, "3"))
        .chain(responsible.iter().map(|code| (code, "4")));
    for (code, role) in roles {
        let key = (code.to_lowercase(), role);
        if seen.iter().any(|s| s.0 == key.0 && s.1 == key.1) {
            continue;
        }
        let Some(org) = orgs.get(&key.0) else {
            continue;
        };
        seen.push(key);
        let mut attrs = vec![("role", role), ("type", org_type(org.kind))];
        if org.kind != OrgKind::MemberState {
            attrs.insert(0, ("ref", org.code.as_str()));
        }
        with_narrative(w, "participating-org", &attrs, &org.name);
    }
}

fn sectors(w: &mut XmlWriter, publisher: &Publisher, plan: &PlanExport) {
    let mut areas: Vec<String> = Vec::new();
    for area in plan
        .measures
        .iter()
        .flat_map(|m| read_list(&m.assistance_areas))
    {
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    if areas.is_empty() {
        return;
    }
    // Percentages per vocabulary sum to 100: equal shares, the remainder on the first.
    let share = 100 / areas.len();
    let first = 100 - share * (areas.len() - 1);
    for (i, area) in areas.iter().enumerate() {
        let percentage = if i == 0 { first } else { share }.to_string();
        with_narrative(
            w,
            "sector",
            &[
                ("vocabulary", "99"),
                ("vocabulary-uri", &publisher.vocabulary_uri),
                ("code", &area_code(area)),
                ("percentage", &percentage),
            ],
            area,
        );
    }
}

fn comment(w: &mut XmlWriter, text: &str) {
    if !text.trim().is_empty() {
        w.open("comment", &[]);
        narrative(w, None, text);
        w.close();
    }
}

fn result(w: &mut XmlWriter, m: &Measure, validated: &[Progress]) {
    w.open("result", &[("type", "2")]);
    with_narrative(w, "title", &[], &m.requirement);
    if !m.recommendation.trim().is_empty() {
        with_narrative(w, "description", &[], &m.recommendation);
    }
    let ascending = if m.ascending { "1" } else { "0" };
    let measure = m.measure.iati_code().to_string();
    w.open(
        "indicator",
        &[("measure", &measure), ("ascending", ascending)],
    );
    let title = if m.unit.trim().is_empty() {
        m.indicator.clone()
    } else {
        format!("{} ({})", m.indicator, m.unit)
    };
    with_narrative(w, "title", &[], &title);
    let year = m.baseline_on.format("%Y").to_string();
    let iso_date = m.baseline_on.to_string();
    let mut attrs = vec![("year", year.as_str()), ("iso-date", iso_date.as_str())];
    let numeric = m.measure.is_numeric();
    let baseline = m.baseline_value.map(format_number);
    if let (true, Some(value)) = (numeric, baseline.as_deref()) {
        attrs.push(("value", value));
        w.empty("baseline", &attrs);
    } else {
        w.open("baseline", &attrs);
        comment(w, &m.baseline_text);
        w.close();
    }
    let last_value = validated.last().map(|p| p.measured_on);
    let until = last_value.map_or(m.due_on, |d| d.max(m.due_on));
    for period in reporting_periods(m.baseline_on, until) {
        w.open("period", &[]);
        w.empty("period-start", &[("iso-date", &period.start.to_string())]);
        w.empty("period-end", &[("iso-date", &period.end.to_string())]);
        match (numeric, m.baseline_value, m.target_value) {
            (true, Some(b), Some(t)) => {
                let expected = expected_on(b, m.baseline_on, t, m.due_on, period.end);
                w.empty("target", &[("value", &format_number(expected))]);
            }
            _ if period.contains(m.due_on) || period.start > m.due_on => {
                w.open("target", &[]);
                comment(w, &m.target_text);
                w.close();
            }
            _ => {}
        }
        if let Some(p) = validated
            .iter()
            .rev()
            .find(|p| period.contains(p.measured_on))
        {
            match (numeric, p.value_number) {
                (true, Some(v)) => w.empty("actual", &[("value", &format_number(v))]),
                _ => {
                    w.open("actual", &[]);
                    comment(w, &p.value_text);
                    w.close();
                }
            }
        }
        w.close();
    }
    w.close();
    w.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_codes_are_slugs() {
        assert_eq!(
            area_code("Border management and terrorist travel"),
            "border-management-and-terrorist-travel"
        );
        assert_eq!(
            area_code("Terrorism-arms-crime  nexus: SALW"),
            "terrorism-arms-crime-nexus-salw"
        );
    }
}
