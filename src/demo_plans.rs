//! Demo consultations and plans: six consultations across four programmes and five States
//! (one withheld, one still a draft), measures of every kind, and three years of progress
//! values (validated, waiting for validation, one returned), so the plans show measures on
//! track, at risk, off track and achieved.

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::plans::ProgressDecision;
use crate::domain::values::Consent;
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::consultations::{
    self, BaselineInput, ConsultationQuery, MeasureInput, NewConsultation,
};
use crate::services::plans::{self, NewProgress, ProgressDecisionInput};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("demo dates are valid")
}

/// A measure: (requirement, indicator, unit, kind, ascending, baseline, target, due_on, areas).
#[allow(clippy::too_many_arguments)]
fn measure(
    requirement: &str,
    indicator: &str,
    unit: &str,
    kind: &str,
    baseline: (Value, &str),
    target: Value,
    due_on: &str,
    areas: &[&str],
) -> MeasureInput {
    let kind = kind.parse().expect("demo kinds are valid");
    let ascending = match (&baseline.0, &target) {
        (Value::Number(b), Value::Number(t)) => t.as_f64() > b.as_f64(),
        _ => true,
    };
    MeasureInput {
        requirement: requirement.into(),
        recommendation: format!("CTED recommends that the authorities act on: {indicator}."),
        assistance_areas: areas.iter().map(|a| a.to_string()).collect(),
        indicator: indicator.into(),
        unit: unit.into(),
        measure: kind,
        ascending,
        baseline: BaselineInput {
            value: baseline.0,
            on: day(baseline.1),
        },
        target,
        due_on: day(due_on),
        responsible: vec!["UNOCT".into(), "UNODC".into()],
    }
}

const BORDER: &str = "Border management and terrorist travel";
const ARMS: &str = "Illicit arms trafficking";
const CFT: &str = "Countering the financing of terrorism";
const JUSTICE: &str = "Criminal justice and rule of law";

/// (State, programme, held on, consent, published, measures, values per measure: (value, on,
/// decision: None = waiting)).
type Values = Vec<Vec<(Value, &'static str, Option<ProgressDecision>)>>;

type Demo = (
    &'static str,
    &'static str,
    &'static str,
    Consent,
    bool,
    Vec<MeasureInput>,
    Values,
);

fn demo_consultations() -> Vec<Demo> {
    use ProgressDecision::{Returned, Validated};
    let v = Some(Validated);
    vec![
        (
            "KEN", "CT-TRAVEL", "2023-06-01", Consent::Published, true,
            vec![
                measure("UNSCR 2396 (2017), operative paragraph 11: advance passenger information",
                    "Share of international flights sending API data", "", "percentage",
                    (json!(10), "2023-06-01"), json!(90), "2027-06-01", &[BORDER]),
                measure("UNSCR 2396 (2017), operative paragraph 12: passenger name records",
                    "Days to process a PNR request", "days", "unit",
                    (json!(30), "2023-06-01"), json!(2), "2026-06-01", &[BORDER]),
                measure("UNSCR 2178 (2014), operative paragraph 9: watchlists",
                    "National watchlist connected to INTERPOL", "", "qualitative",
                    (json!("Not connected"), "2023-06-01"), json!("Connected"), "2027-12-31", &[]),
            ],
            vec![
                // 10 → 90 over four years: on track.
                vec![(json!(32), "2024-06-01", v), (json!(52), "2025-06-01", v), (json!(72), "2026-06-01", v), (json!(75), "2026-09-01", None)],
                // 30 → 2 over three years: at risk, then achieved-late pending.
                vec![(json!(24), "2024-06-01", v), (json!(17), "2025-06-01", v), (json!(12), "2026-06-01", v)],
                vec![(json!("Pilot connection"), "2025-03-01", v)],
            ],
        ),
        (
            "NGA", "SALW-NEXUS", "2023-09-15", Consent::Published, true,
            vec![
                measure("UNSCR 2370 (2017), operative paragraph 4: marking and record-keeping of small arms",
                    "Seized weapons traced", "weapons", "unit",
                    (json!(40), "2023-09-15"), json!(400), "2026-09-15", &[ARMS]),
                measure("Arms Trade Treaty, article 11: diversion",
                    "Border posts with weapons-detection equipment", "%", "percentage",
                    (json!(5), "2023-09-15"), json!(60), "2026-12-31", &[ARMS, BORDER]),
            ],
            vec![
                // Far behind: off track.
                vec![(json!(60), "2024-09-15", v), (json!(90), "2025-09-15", v), (json!(110), "2026-09-01", v)],
                vec![(json!(20), "2024-09-15", v), (json!(42), "2025-09-15", v), (json!(61), "2026-11-01", v)],
            ],
        ),
        (
            "JOR", "CFT", "2024-02-10", Consent::Withheld, true,
            vec![
                measure("FATF Recommendation 6 and UNSCR 1373 (2001), paragraph 1 (c): targeted financial sanctions",
                    "Days to freeze listed assets", "days", "unit",
                    (json!(20), "2024-02-10"), json!(1), "2026-12-31", &[CFT]),
                measure("FATF Recommendation 8: non-profit organisations",
                    "Risk assessment of the NPO sector", "", "qualitative",
                    (json!("None"), "2024-02-10"), json!("Adopted"), "2025-12-31", &[CFT]),
            ],
            vec![
                vec![(json!(15), "2024-08-01", v), (json!(9), "2025-06-01", v), (json!(4), "2026-06-01", None)],
                vec![(json!("Draft"), "2025-06-01", v), (json!("Adopted"), "2026-01-15", Some(Returned))],
            ],
        ),
        (
            "IDN", "CRIM-JUSTICE", "2024-05-20", Consent::Published, true,
            vec![
                measure("UNSCR 1373 (2001), operative paragraph 2 (e): bringing terrorists to justice",
                    "Terrorism cases adjudicated within 18 months", "%", "percentage",
                    (json!(35), "2024-05-20"), json!(75), "2027-05-20", &[JUSTICE]),
                measure("UNSCR 2396 (2017), operative paragraph 30: prosecution, rehabilitation and reintegration",
                    "Prosecutors trained on battlefield evidence", "prosecutors", "unit",
                    (json!(0), "2024-05-20"), json!(120), "2026-05-20", &[JUSTICE]),
            ],
            vec![
                vec![(json!(38), "2024-12-01", v), (json!(44), "2025-12-01", v), (json!(51), "2026-10-01", v)],
                vec![(json!(40), "2024-12-01", v), (json!(95), "2025-11-01", v), (json!(125), "2026-05-01", v)],
            ],
        ),
        (
            "KEN", "CFT", "2024-11-05", Consent::Published, true,
            vec![
                measure("FATF Recommendation 5: terrorist financing offence",
                    "Terrorist-financing investigations opened", "investigations", "unit",
                    (json!(3), "2024-11-05"), json!(30), "2027-11-05", &[CFT, JUSTICE]),
            ],
            vec![vec![(json!(8), "2025-05-01", v), (json!(14), "2025-11-01", v), (json!(19), "2026-08-01", None)]],
        ),
        (
            "PHL", "CT-TRAVEL", "2026-10-12", Consent::Published, false,
            vec![
                measure("UNSCR 2482 (2019), operative paragraph 15 (c): biometrics",
                    "Ports of entry with biometric capture", "%", "percentage",
                    (json!(15), "2026-10-12"), json!(80), "2029-10-12", &[BORDER]),
            ],
            vec![vec![]],
        ),
    ]
}

/// Adds the demo consultations once (nothing when consultations already exist), as the
/// coordinator, who creates, publishes, reports and validates.
pub fn seed(conn: &mut DbConnection, coordinator: &CurrentUser) -> AppResult<usize> {
    let first = ConsultationQuery {
        page: PageParams::new(None, Some(1)),
        ..Default::default()
    };
    if !consultations::list(conn, coordinator, first)?
        .items
        .is_empty()
    {
        return Ok(0);
    }
    let ip = "127.0.0.1";
    let mut count = 0;
    for (state, programme, held_on, consent, publish, measures, values) in demo_consultations() {
        let created = consultations::create(
            conn,
            coordinator,
            ip,
            NewConsultation {
                member_state: state.into(),
                programme: programme.into(),
                held_on: day(held_on),
                situation: format!("{state} has a legal framework on {programme} in place; implementation is uneven across agencies."),
                gaps: "Inter-agency information sharing and specialised training.".into(),
                obstacles: "Staff turnover and limited equipment at remote posts.".into(),
                ongoing_actions: "A national action plan is being drafted with the support of Compact entities.".into(),
                participants: vec!["CTED".into(), "UNOCT".into(), "UNODC".into()],
                consent,
                measures,
            },
        )?;
        count += 1;
        if !publish {
            continue;
        }
        consultations::publish(conn, coordinator, ip, &created.id)?;
        let plan = plans::read(conn, coordinator, ip, &created.plan_id)?;
        for (m, values) in plan.measures.iter().zip(values) {
            for (value, on, decision) in values {
                let reported = plans::report(
                    conn,
                    coordinator,
                    ip,
                    &plan.id,
                    &m.id,
                    NewProgress {
                        value,
                        on: day(on),
                        note: "Reported by the national focal point.".into(),
                    },
                )?;
                if let Some(decision) = decision {
                    let reason = (decision == ProgressDecision::Returned).then(|| {
                        "The adoption decree is not yet published; please attach it.".to_string()
                    });
                    plans::decide(
                        conn,
                        coordinator,
                        ip,
                        &plan.id,
                        &m.id,
                        &reported.id,
                        ProgressDecisionInput { decision, reason },
                    )?;
                }
            }
        }
    }
    Ok(count)
}
