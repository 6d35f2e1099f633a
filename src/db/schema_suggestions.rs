//! The suggestions' table: dismissed (need, project) pairs. Part of the one schema:
//! `schema.rs` re-exports it.

use super::schema::{matches, needs, organisations, projects, reports, users};

diesel::table! {
    suggestion_dismissals (id) {
        id -> Text,
        need_id -> Text,
        project_id -> Text,
        reason -> Text,
        dismissed_by -> Text,
        dismissed_by_org_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(suggestion_dismissals -> needs (need_id));
diesel::joinable!(suggestion_dismissals -> projects (project_id));

diesel::allow_tables_to_appear_in_same_query!(suggestion_dismissals, needs);
diesel::allow_tables_to_appear_in_same_query!(suggestion_dismissals, projects);
diesel::allow_tables_to_appear_in_same_query!(suggestion_dismissals, organisations);
diesel::allow_tables_to_appear_in_same_query!(suggestion_dismissals, users);
diesel::allow_tables_to_appear_in_same_query!(suggestion_dismissals, reports);
diesel::allow_tables_to_appear_in_same_query!(suggestion_dismissals, matches);
