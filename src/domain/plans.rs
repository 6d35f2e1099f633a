//! Implementation plans as values and pure rules: the kinds of measure (IATI indicator
//! measures), the life of a progress value, and how a measure's status is derived from its
//! latest validated value (ARCHITECTURE.md, "How is a measure's status derived?").

use chrono::NaiveDate;

use super::values::stored_as_text;

stored_as_text! {
    /// A consultation (and its plan): a draft for coordinators, then published.
    pub enum ConsultationStatus {
        Draft,
        Published,
    }
}

stored_as_text! {
    /// What a measure's indicator counts: IATI's indicator measures 1 (unit), 2 (percentage)
    /// and 5 (qualitative).
    pub enum MeasureKind {
        Unit,
        Percentage,
        Qualitative,
    }
}

impl MeasureKind {
    /// The IATI `indicator/@measure` code.
    pub fn iati_code(self) -> u8 {
        match self {
            MeasureKind::Unit => 1,
            MeasureKind::Percentage => 2,
            MeasureKind::Qualitative => 5,
        }
    }

    pub fn is_numeric(self) -> bool {
        self != MeasureKind::Qualitative
    }
}

stored_as_text! {
    /// A reported value: waiting for a coordinator, then validated (it counts) or returned.
    pub enum ProgressStatus {
        Pending,
        Validated,
        Returned,
    }
}

stored_as_text! {
    /// A coordinator's decision on a pending value.
    pub enum ProgressDecision {
        Validated,
        Returned,
    }
}

impl From<ProgressDecision> for ProgressStatus {
    fn from(d: ProgressDecision) -> Self {
        match d {
            ProgressDecision::Validated => ProgressStatus::Validated,
            ProgressDecision::Returned => ProgressStatus::Returned,
        }
    }
}

stored_as_text! {
    /// Where a measure stands (derived, never stored).
    pub enum MeasureStatus {
        NotStarted,
        OnTrack,
        AtRisk,
        OffTrack,
        Achieved,
    }
}

/// At least this share of the expected progress is on track.
pub const ON_TRACK_SHARE: f64 = 0.9;
/// At least this share (and less than [`ON_TRACK_SHARE`]) is at risk; less is off track.
pub const AT_RISK_SHARE: f64 = 0.6;

/// A numeric measure's straight path: from `baseline` on `baseline_on` to `target` on `due_on`.
/// The direction is the sign of `target - baseline` (checked against `ascending` on input).
#[derive(Debug, Clone, Copy)]
pub struct NumericPath {
    pub baseline: f64,
    pub baseline_on: NaiveDate,
    pub target: f64,
    pub due_on: NaiveDate,
}

impl NumericPath {
    /// The status of a validated `value` measured `on` that day:
    /// achieved when the value reaches the target in the path's direction; otherwise the
    /// actual progress (share of the way from baseline to target, negative when it went the
    /// wrong way) against the expected progress (the share of the time from `baseline_on` to
    /// `due_on` elapsed at `on`, at most 1): at least 90 % of it on track, at least 60 % at
    /// risk, below that off track. A value on or before the baseline date expects nothing yet,
    /// so anything not worse than the baseline is on track.
    pub fn status(&self, value: f64, on: NaiveDate) -> MeasureStatus {
        let gap = self.target - self.baseline;
        if gap == 0.0 || !value.is_finite() {
            return MeasureStatus::NotStarted;
        }
        let actual = (value - self.baseline) / gap;
        if actual >= 1.0 {
            return MeasureStatus::Achieved;
        }
        let span = (self.due_on - self.baseline_on).num_days().max(1) as f64;
        let elapsed = ((on - self.baseline_on).num_days() as f64 / span).clamp(0.0, 1.0);
        if elapsed == 0.0 {
            return if actual >= 0.0 {
                MeasureStatus::OnTrack
            } else {
                MeasureStatus::OffTrack
            };
        }
        let share = actual / elapsed;
        if share >= ON_TRACK_SHARE {
            MeasureStatus::OnTrack
        } else if share >= AT_RISK_SHARE {
            MeasureStatus::AtRisk
        } else {
            MeasureStatus::OffTrack
        }
    }
}

/// A qualitative measure's status: achieved when the latest validated text is the target's
/// (ignoring case and surrounding spaces); otherwise on track until `due_on` and off track
/// after it (as of `today`: there is no scale to measure a share of the way on).
pub fn qualitative_status(
    target: &str,
    due_on: NaiveDate,
    latest: &str,
    today: NaiveDate,
) -> MeasureStatus {
    if latest.trim().to_lowercase() == target.trim().to_lowercase() {
        MeasureStatus::Achieved
    } else if today <= due_on {
        MeasureStatus::OnTrack
    } else {
        MeasureStatus::OffTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeasureStatus::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// 0 → 100 over 100 days from 2025-01-01: the expected value is the day's number.
    fn up() -> NumericPath {
        NumericPath {
            baseline: 0.0,
            baseline_on: day("2025-01-01"),
            target: 100.0,
            due_on: day("2025-04-11"),
        }
    }

    #[test]
    fn thresholds_on_an_ascending_path() {
        let half = day("2025-02-20"); // 50 days in: 50 expected
        assert_eq!(up().status(45.0, half), OnTrack); // 90 %
        assert_eq!(up().status(44.99, half), AtRisk);
        assert_eq!(up().status(30.0, half), AtRisk); // 60 %
        assert_eq!(up().status(29.99, half), OffTrack);
        assert_eq!(up().status(-5.0, half), OffTrack);
        assert_eq!(up().status(100.0, half), Achieved);
        assert_eq!(up().status(120.0, day("2026-01-01")), Achieved);
        // Past the due date the whole way is expected.
        assert_eq!(up().status(89.0, day("2026-01-01")), AtRisk);
        assert_eq!(up().status(0.0, day("2025-01-01")), OnTrack);
        assert_eq!(up().status(-1.0, day("2024-12-01")), OffTrack);
    }

    #[test]
    fn thresholds_on_a_descending_path() {
        // 40 days of delay down to 10 over 100 days: 25 expected at day 50.
        let down = NumericPath {
            baseline: 40.0,
            baseline_on: day("2025-01-01"),
            target: 10.0,
            due_on: day("2025-04-11"),
        };
        let half = day("2025-02-20");
        assert_eq!(down.status(26.5, half), OnTrack); // 13.5 of 15 expected: 90 %
        assert_eq!(down.status(26.6, half), AtRisk);
        assert_eq!(down.status(31.0, half), AtRisk); // 9 of 15: 60 %
        assert_eq!(down.status(31.1, half), OffTrack);
        assert_eq!(down.status(10.0, half), Achieved);
        assert_eq!(down.status(45.0, half), OffTrack);
    }

    #[test]
    fn qualitative_statuses() {
        let due = day("2026-12-31");
        assert_eq!(
            qualitative_status("Adopted", due, " adopted ", day("2026-01-01")),
            Achieved
        );
        assert_eq!(
            qualitative_status("Adopted", due, "Draft bill", day("2026-12-31")),
            OnTrack
        );
        assert_eq!(
            qualitative_status("Adopted", due, "Draft bill", day("2027-01-01")),
            OffTrack
        );
    }

    #[test]
    fn iati_measure_codes() {
        let codes: Vec<u8> = [
            MeasureKind::Unit,
            MeasureKind::Percentage,
            MeasureKind::Qualitative,
        ]
        .iter()
        .map(|m| m.iati_code())
        .collect();
        assert_eq!(codes, [1, 2, 5]);
    }
}
