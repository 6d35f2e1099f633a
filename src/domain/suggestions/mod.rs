//! Suggestions of projects for a need and of needs for a project: a score in [0, 1] from
//! weighted parts, and the reasons behind it so a person can judge it. Pure rules: the
//! candidates come from `repo::suggestions`, already narrowed to what the reader may see.

pub mod bm25;
pub(crate) mod stopwords;
pub mod text;

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::values::Priority;
pub use bm25::Similarity;

/// Where a project is offered, seen from a need's State.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The project names the need's State (its code).
    SameState(String),
    /// The project names the State's regional group.
    Region(String),
    /// The project is offered to every State.
    Global,
}

/// Why a candidate is suggested; `kind` names the reason, the other fields its details.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The project names the need's State.
    SameState { member_state: String },
    /// The project is for the regional group of the need's State.
    SameRegion { region: String },
    /// The project is offered to every State.
    Global,
    /// The thematic areas the need and the project have in common.
    ThematicAreas { thematic_areas: Vec<String> },
    /// The programme of the need's report is the project's.
    Programme { programme: String },
    /// The share (0 to 1) of the need's horizon that the project's dates cover.
    Dates { coverage: f64 },
    /// Text similarity (BM25 over stemmed English or French terms, 0 to 1) and the words shared.
    Text { similarity: f64, words: Vec<String> },
}

/// The parts of one pair's score.
#[derive(Debug, Clone)]
pub struct Parts {
    pub place: Place,
    pub areas: Vec<String>,
    pub programme: Option<String>,
    /// Share of the need's horizon the project covers, 0 to 1.
    pub coverage: f64,
    pub text: Similarity,
}

/// Weights of the parts; they add up to 1, so the score stays in [0, 1].
const PLACE: f64 = 0.30;
const AREAS: f64 = 0.20;
const PROGRAMME: f64 = 0.10;
const DATES: f64 = 0.15;
const TEXT: f64 = 0.25;

impl Parts {
    /// The weighted score, rounded to three decimals.
    pub fn score(&self) -> f64 {
        let place = match self.place {
            Place::SameState(_) => 1.0,
            Place::Region(_) => 0.6,
            Place::Global => 0.3,
        };
        let areas = if self.areas.is_empty() { 0.0 } else { 1.0 };
        let programme = if self.programme.is_some() { 1.0 } else { 0.0 };
        let raw = PLACE * place
            + AREAS * areas
            + PROGRAMME * programme
            + DATES * self.coverage.clamp(0.0, 1.0)
            + TEXT * self.text.score.clamp(0.0, 1.0);
        round3(raw.clamp(0.0, 1.0))
    }

    /// The reasons, in the order of their weight.
    pub fn reasons(&self) -> Vec<Reason> {
        let mut out = vec![match &self.place {
            Place::SameState(code) => Reason::SameState {
                member_state: code.clone(),
            },
            Place::Region(region) => Reason::SameRegion {
                region: region.clone(),
            },
            Place::Global => Reason::Global,
        }];
        if self.text.score > 0.0 {
            out.push(Reason::Text {
                similarity: round3(self.text.score),
                words: self.text.shared.clone(),
            });
        }
        if !self.areas.is_empty() {
            out.push(Reason::ThematicAreas {
                thematic_areas: self.areas.clone(),
            });
        }
        if self.coverage > 0.0 {
            out.push(Reason::Dates {
                coverage: round3(self.coverage),
            });
        }
        if let Some(programme) = &self.programme {
            out.push(Reason::Programme {
                programme: programme.clone(),
            });
        }
        out
    }
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The period in which a need should be addressed, from `today`: six months for a high
/// priority, a year for a medium one, two years for a low one.
pub fn horizon(priority: Priority, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let days = match priority {
        Priority::High => 182,
        Priority::Medium => 365,
        Priority::Low => 730,
    };
    (today, today + chrono::Duration::days(days))
}

/// The share of the need's horizon that a project running from `starts_on` to `ends_on`
/// (both included) covers.
pub fn coverage(horizon: (NaiveDate, NaiveDate), starts_on: NaiveDate, ends_on: NaiveDate) -> f64 {
    let (from, to) = horizon;
    let span = (to - from).num_days() + 1;
    let start = starts_on.max(from);
    let end = ends_on.min(to);
    if end < start || span <= 0 {
        return 0.0;
    }
    ((end - start).num_days() + 1) as f64 / span as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn coverage_of_the_horizon() {
        let h = horizon(Priority::Medium, day(2026, 1, 1));
        assert_eq!(coverage(h, day(2025, 1, 1), day(2028, 1, 1)), 1.0);
        assert_eq!(coverage(h, day(2024, 1, 1), day(2025, 12, 31)), 0.0);
        let half = coverage(h, day(2026, 7, 2), day(2030, 1, 1));
        assert!((0.49..0.51).contains(&half), "{half}");
    }

    #[test]
    fn scores_stay_within_bounds_and_prefer_the_same_state() {
        let text = Similarity {
            score: 1.0,
            shared: vec!["border".into()],
        };
        let best = Parts {
            place: Place::SameState("KEN".into()),
            areas: vec!["Border security".into()],
            programme: Some("P1".into()),
            coverage: 1.0,
            text: text.clone(),
        };
        assert_eq!(best.score(), 1.0);
        let global = Parts {
            place: Place::Global,
            ..best.clone()
        };
        assert!(global.score() < best.score());
        let reasons = best.reasons();
        assert_eq!(
            reasons[0],
            Reason::SameState {
                member_state: "KEN".into()
            }
        );
        assert_eq!(reasons.len(), 5);
        let json = serde_json::to_value(&reasons[1]).unwrap();
        assert_eq!(json["kind"], "text");
    }
}
