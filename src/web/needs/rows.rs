//! A need as lists show it: the needs list's rows (written in Rust, `web::common::rows`) and
//! the needs of a report's page (its list items), both written in Rust (`web::common::rows`).

use crate::domain::values::{NeedStatus, Priority};
use crate::l10n::{self, RefList};
use crate::services::needs;
use crate::web::common::render::labels;
use crate::web::common::rows::{Label, Rows};

/// A need as a list shows it: only the fields its row prints, its State and area already in
/// the reader's language. The needs list writes it as a row (`write`), a report's page as a
/// list item (`write_item`).
pub struct NeedRow<'a> {
    id: &'a str,
    title: &'a str,
    restricted: bool,
    member_state: &'a str,
    state_name: &'a str,
    area_name: &'a str,
    priority: &'a str,
    priority_label: &'a str,
    status_label: &'a str,
}

/// Each value's words in the reader's language (`render::labels`), by value.
type Labels = std::collections::BTreeMap<&'static str, String>;

/// The words of the needs' priorities and statuses in one language, looked up once for a page
/// that lists needs (the needs list, a report's page).
pub struct NeedLabels {
    lang: &'static str,
    priorities: Labels,
    statuses: Labels,
}

impl NeedLabels {
    pub fn new(lang: &'static str) -> Self {
        NeedLabels {
            lang,
            priorities: labels::<Priority>(lang, "priority-"),
            statuses: labels::<NeedStatus>(lang, "need-status-"),
        }
    }

    /// The rows of `needs`, as the page shows them.
    pub fn rows<'a>(&'a self, needs: &'a [needs::NeedView]) -> Vec<NeedRow<'a>> {
        needs
            .iter()
            .map(|n| NeedRow::new(n, self.lang, &self.priorities, &self.statuses))
            .collect()
    }
}

impl<'a> NeedRow<'a> {
    fn new(
        n: &'a needs::NeedView,
        lang: &str,
        priorities: &'a Labels,
        statuses: &'a Labels,
    ) -> Self {
        let label =
            |labels: &'a Labels, value: &'a str| labels.get(value).map_or(value, String::as_str);
        NeedRow {
            id: &n.id,
            title: &n.title,
            restricted: n.restricted,
            member_state: &n.member_state,
            state_name: l10n::name(RefList::State, &n.member_state, lang)
                .unwrap_or(&n.member_state_name),
            area_name: l10n::name(RefList::ThematicArea, &n.thematic_area, lang)
                .unwrap_or(&n.thematic_area),
            priority: &n.priority,
            priority_label: label(priorities, &n.priority),
            status_label: label(statuses, &n.status),
        }
    }
}

/// The needs list's column names, and its "restricted" badge, in the reader's language.
pub struct NeedColumns {
    title: Label,
    state: Label,
    area: Label,
    priority: Label,
    status: Label,
    restricted: Label,
}

impl NeedColumns {
    pub fn new(lang: &str) -> Self {
        let l = |key| Label::new(lang, key);
        NeedColumns {
            title: l("field-title"),
            state: l("field-member-state"),
            area: l("field-thematic-area"),
            priority: l("field-priority"),
            status: l("field-status"),
            restricted: l("restricted"),
        }
    }
}

impl NeedRow<'_> {
    /// A report page's item: `<li>` with the title's link, the area, the priority and the
    /// "restricted" badge.
    pub fn write_item(&self, rows: &mut Rows, restricted: &Label) {
        rows.tag("<li>")
            .link("/needs/", self.id, self.title)
            .tag(" · ")
            .text(self.area_name)
            .tag(" · <span class=\"badge priority-")
            .text(self.priority)
            .tag("\">")
            .text(self.priority_label)
            .tag("</span>");
        if self.restricted {
            rows.tag(" <span class=\"badge class-restricted\">")
                .label(restricted)
                .tag("</span>");
        }
        rows.tag("</li>");
    }

    /// The needs list's row (`web::common::rows`).
    pub fn write(&self, rows: &mut Rows, l: &NeedColumns) {
        rows.row()
            .cell(&l.title)
            .link("/needs/", self.id, self.title);
        if self.restricted {
            rows.tag(" <span class=\"badge class-restricted\">")
                .label(&l.restricted)
                .tag("</span>");
        }
        rows.end_cell()
            .cell(&l.state)
            .state(self.state_name, self.member_state)
            .end_cell()
            .cell(&l.area)
            .text(self.area_name)
            .end_cell()
            .cell(&l.priority)
            .tag("<span class=\"badge priority-")
            .text(self.priority)
            .tag("\">")
            .text(self.priority_label)
            .tag("</span>")
            .end_cell()
            .cell(&l.status)
            .text(self.status_label)
            .end_cell()
            .end_row();
    }
}
