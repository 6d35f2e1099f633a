//! The mails a match sends, through the outbox in the change's transaction. They name no need
//! or project (a need's title may come from a withheld section): only a link into the portal,
//! where the reader's access rules apply.

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::db::DbConnection;
use crate::domain::values::MatchStatus;
use crate::repo::matches::Match;
use crate::repo::users;
use crate::services::mail_queue::{self, QueuedMail};

/// To the State's focal points: a match was proposed for one of their needs.
pub const MAIL_MATCH_PROPOSED: &str = "match_proposed";
/// To the proposing organisation's focal points: their proposal was accepted or declined.
pub const MAIL_MATCH_ANSWERED: &str = "match_answered";

fn send_to_focal_points(
    conn: &mut DbConnection,
    organisation_id: &str,
    template: &str,
    payload: serde_json::Value,
    now: NaiveDateTime,
) -> QueryResult<()> {
    for (id, email, language) in users::focal_points(conn, organisation_id)? {
        let language = crate::i18n::mail_language(language.as_deref());
        mail_queue::queue(
            conn,
            QueuedMail {
                recipient_user_id: Some(&id),
                to_address: &email,
                template,
                language,
                payload: payload.clone(),
                hold_for_digest: false,
            },
            now,
        )?;
    }
    Ok(())
}

/// The concerned State's focal points learn of a proposal (a link to the need, nothing more).
pub fn proposed(conn: &mut DbConnection, m: &Match, now: NaiveDateTime) -> QueryResult<()> {
    let payload = serde_json::json!({"need_id": m.need_id, "match_id": m.id});
    send_to_focal_points(conn, &m.member_state_id, MAIL_MATCH_PROPOSED, payload, now)
}

/// The proposing organisation's focal points learn of the answer (a link to the project).
pub fn answered(conn: &mut DbConnection, m: &Match, now: NaiveDateTime) -> QueryResult<()> {
    let payload = serde_json::json!({
        "project_id": m.project_id,
        "match_id": m.id,
        "accepted": m.status == MatchStatus::Accepted,
    });
    send_to_focal_points(
        conn,
        &m.proposed_by_org_id,
        MAIL_MATCH_ANSWERED,
        payload,
        now,
    )
}
