//! The dashboard's block of measures at risk (`templates/plans/at_risk.html`): a bar per plan,
//! its at-risk and off-track measures stacked, and the table of those measures.

use serde::Serialize;

use super::charts::{short, BAR_LENGTH, BAR_ROW, BAR_WIDTH};
use crate::services::plans::{AtRisk, AtRiskMeasure};

#[derive(Debug, Serialize)]
pub struct PlanBar {
    pub plan_id: String,
    pub label: String,
    pub at_risk: usize,
    pub off_track: usize,
    /// The two segments' lengths in the drawing (the longest bar is [`BAR_LENGTH`]).
    pub at_risk_length: f64,
    pub off_track_length: f64,
    pub y: f64,
}

#[derive(Debug, Serialize)]
pub struct AtRiskBlock {
    pub width: f64,
    pub height: f64,
    pub bars: Vec<PlanBar>,
    pub measures: Vec<AtRiskMeasure>,
}

pub fn at_risk_block(a: AtRisk) -> AtRiskBlock {
    let most = a
        .plans
        .iter()
        .map(|p| p.at_risk + p.off_track)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let unit = BAR_LENGTH / most;
    let bars: Vec<PlanBar> = a
        .plans
        .into_iter()
        .enumerate()
        .map(|(i, p)| PlanBar {
            label: short(&format!("{} · {}", p.member_state_name, p.programme)),
            plan_id: p.plan_id,
            at_risk: p.at_risk,
            off_track: p.off_track,
            at_risk_length: p.at_risk as f64 * unit,
            off_track_length: p.off_track as f64 * unit,
            y: i as f64 * BAR_ROW,
        })
        .collect();
    AtRiskBlock {
        width: BAR_WIDTH,
        height: bars.len().max(1) as f64 * BAR_ROW + 8.0,
        bars,
        measures: a.measures,
    }
}
