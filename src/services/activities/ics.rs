//! Activities as iCalendar events (`domain::ical` writes the text): one `UID` per activity that
//! never changes, `SEQUENCE` from the activity's sequence (raised on every change), whole days.

use super::types::{ActivityStatus, ActivityView};
use crate::domain::ical::{Calendar, Event, EventStatus};
use crate::domain::time::now;

const PRODID: &str = "-//Global Counter-Terrorism Coordination Portal//Calendar//EN";

fn event(base_url: &str, a: &ActivityView) -> Event {
    let status = match a.status {
        ActivityStatus::Planned => EventStatus::Tentative,
        ActivityStatus::Confirmed | ActivityStatus::Held => EventStatus::Confirmed,
        ActivityStatus::Cancelled => EventStatus::Cancelled,
    };
    let location = a.member_state_name.clone().or_else(|| a.region.clone());
    let kind: &'static str = a.kind.into();
    let mut categories = vec![kind.to_string()];
    categories.extend(a.programme.clone());
    categories.extend(a.working_group.clone());
    let organisers: Vec<&str> = a.organisers.iter().map(|o| o.code.as_str()).collect();
    let mut description = a.description.clone();
    if !organisers.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&organisers.join(", "));
    }
    let base = base_url.trim_end_matches('/');
    Event {
        uid: format!("{}@coordination-portal", a.id),
        stamp: now(),
        last_modified: a.updated_at.0,
        first_day: a.starts_on,
        last_day: a.ends_on,
        summary: a.title.clone(),
        description,
        location,
        categories,
        status,
        sequence: a.sequence,
        url: Some(format!("{base}/activities/{}", a.id)),
    }
}

/// A calendar of these activities, named `name`.
pub fn calendar(name: &str, base_url: &str, activities: &[ActivityView]) -> String {
    let mut cal = Calendar::new(PRODID, name);
    for a in activities {
        cal.event(&event(base_url, a));
    }
    cal.finish()
}
