//! The demo working groups: members, chairs and vice-chairs for each of the eight reference
//! groups, minutes addressed to one group and a thread to another (issue 14). Seeded once: the
//! members go in only while no group has any.

use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::groups::GroupRole;
use crate::domain::time::now;
use crate::error::AppResult;
use crate::repo::{groups as repo, organisations};
use crate::services::documents::{self, DocumentMeta};
use crate::services::messages::{self, NewThread};

/// Per group: chair, vice-chair, members, observers (organisations missing from the reference
/// data are skipped).
const ROSTER: [(&str, &[&str]); 8] = [
    (
        "BMLE",
        &["UNODC", "INTERPOL", "ICAO", "IOM", "UNOCT", "UNHCR"],
    ),
    (
        "CJLR-CFT",
        &["UNODC", "CTED", "UNOCT", "UNICRI", "INTERPOL"],
    ),
    ("ETCIP", &["UNOCT", "UNICRI", "ICAO", "ITU", "UNODC"]),
    ("GENDER", &["UN-WOMEN", "CTED", "OHCHR", "UNDP", "UNOCT"]),
    ("STRATEGIES", &["UNOCT", "CTED", "UNDP", "UNODC"]),
    ("PCVE", &["UNDP", "UNESCO", "UNICEF", "UNOCT", "UNAOC"]),
    ("HR-ROL", &["OHCHR", "UNODC", "UNHCR", "CTED", "UNICEF"]),
    ("RM-ME", &["UNOCT", "UNDP", "CTED", "UNODC"]),
];

fn role_at(i: usize, len: usize) -> GroupRole {
    match i {
        0 => GroupRole::Chair,
        1 => GroupRole::ViceChair,
        i if i + 1 == len && len > 4 => GroupRole::Observer,
        _ => GroupRole::Member,
    }
}

/// Adds the members, once; then minutes for BMLE and a thread to PCVE from `author` (a UNODC
/// focal point). Returns how many memberships it added.
pub fn seed(conn: &mut DbConnection, author: &CurrentUser) -> AppResult<usize> {
    let any = repo::list(conn)?.iter().any(|(_, members)| *members > 0);
    if any {
        return Ok(0);
    }
    let added = write_transaction(conn, |conn| {
        let mut added = 0;
        for (code, roster) in ROSTER {
            if repo::find(conn, code)?.is_none() {
                continue;
            }
            for (i, org_code) in roster.iter().enumerate() {
                if let Some(org) = organisations::find_by_code(conn, org_code)? {
                    repo::put_member(conn, code, &org.id, role_at(i, roster.len()), now())?;
                    added += 1;
                }
            }
        }
        Ok::<_, crate::error::AppError>(added)
    })?;
    let minutes = "Minutes of the working group meeting\n\n1. Advance passenger information roll-out\n2. Joint assessment visits in the coming quarter\n";
    let upload = crate::services::files::store_bytes(conn, "bmle-minutes.txt", minutes.as_bytes())?;
    documents::create(
        conn,
        author,
        "demo",
        DocumentMeta {
            title: "BMLE working group: minutes of the quarterly meeting".into(),
            description: "Addressed to the members of the Border Management and Law Enforcement working group.".into(),
            classification: "restricted".into(),
            tags: vec!["minutes".into()],
            access: vec!["group:BMLE".into()],
            report_id: None,
            need_id: None,
            programme: None,
        },
        upload,
    )?;
    messages::create_thread(
        conn,
        author,
        NewThread {
            subject: "PCVE working group: next meeting".into(),
            to_users: Vec::new(),
            to_organisations: Vec::new(),
            to_working_groups: vec!["PCVE".into()],
            body: "Dear colleagues, please send agenda items for the next meeting.".into(),
            restricted: true,
        },
    )?;
    Ok(added)
}
