//! What the dashboard gives the page: blocks of items, each linking to where it is acted on.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::services::coordination::Coverage;

/// At most this many items per block; "see all" leads to the full list.
pub const ITEMS: i64 = 6;

/// One thing that waits or changed.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub title: String,
    /// Where it is acted on.
    pub href: String,
    /// A line of plain facts (codes, areas, dates).
    pub detail: String,
    /// A message key for its status, when it has one.
    pub status_key: Option<String>,
    /// Changed since the previous visit.
    pub is_new: bool,
}

impl Item {
    pub fn new(
        title: impl Into<String>,
        href: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Item {
            title: title.into(),
            href: href.into(),
            detail: detail.into(),
            status_key: None,
            is_new: false,
        }
    }

    pub fn status(mut self, key: String) -> Self {
        self.status_key = Some(key);
        self
    }

    /// Marks it new when `at` is after the previous visit (never on a first visit).
    pub fn changed_at(mut self, at: NaiveDateTime, since: Option<NaiveDateTime>) -> Self {
        self.is_new = since.is_some_and(|s| at > s);
        self
    }
}

/// One block: its name (`dashboard-block-NAME` is its heading, `dashboard-empty-NAME` its
/// empty state), its items, how many are new, and the full list.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub name: &'static str,
    pub items: Vec<Item>,
    pub new_count: usize,
    /// The number of things in the full list, when known and larger than the items shown.
    pub total: Option<i64>,
    pub more_href: Option<String>,
}

impl Block {
    pub fn new(name: &'static str, items: Vec<Item>, more_href: Option<String>) -> Self {
        Block {
            name,
            new_count: items.iter().filter(|i| i.is_new).count(),
            items,
            total: None,
            more_href,
        }
    }

    pub fn total(mut self, total: i64) -> Self {
        self.total = Some(total);
        self
    }
}

/// The dashboard of one user.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    /// `coordinator`, `state`, `entity` or `reader`.
    pub role: &'static str,
    /// The previous visit (none on the first).
    pub since: Option<String>,
    /// The user's own State's code (their State's page), for a Member State's users.
    pub own_state: Option<String>,
    pub report_count: i64,
    pub open_need_count: i64,
    pub unread_count: i64,
    pub new_count: usize,
    pub coverage: Option<Coverage>,
    pub blocks: Vec<Block>,
}
