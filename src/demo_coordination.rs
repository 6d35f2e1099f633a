//! Demo who-does-what-where: of the possible overlaps among the demo projects, the first two
//! are marked coordinated with a note (the others stay listed), so `/coordination`, its
//! overlaps list and the project pages show both states.

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::coordination::{self, NewOverlapNote, OverlapQuery};

const NOTES: [&str; 2] = [
    "Agreed at the regional coordination meeting: one organisation trains, the other equips.",
    "Joint work plan: the two projects split the provinces and share their training material.",
];

/// Marks the first overlaps coordinated once (nothing when a pair is already marked).
pub fn seed(conn: &mut DbConnection, coordinator: &CurrentUser) -> AppResult<usize> {
    let all = OverlapQuery {
        include_coordinated: true,
        page: PageParams::new(None, Some(50)),
        ..Default::default()
    };
    let overlaps = coordination::list_overlaps(conn, coordinator, all)?.items;
    if overlaps.iter().any(|o| o.coordinated.is_some()) {
        return Ok(0);
    }
    let mut marked = 0;
    for (overlap, note) in overlaps.iter().zip(NOTES) {
        let input = NewOverlapNote {
            project_a: overlap.project_a.id.clone(),
            project_b: overlap.project_b.id.clone(),
            note: note.into(),
        };
        coordination::mark_coordinated(conn, coordinator, "127.0.0.1", input)?;
        marked += 1;
    }
    Ok(marked)
}
