// The full-text search index (kept apart from `schema.rs`; re-exported there), in step with both
// migration folders. One row per searchable part; triggers on the source tables write it.

use super::schema::{
    activities, activity_organisers, consultations, document_access, documents, needs,
    organisations, plans, projects, reports, thread_participants, threads, users,
    working_group_members, working_groups,
};

diesel::table! {
    search_index (seq) {
        seq -> BigInt,
        kind -> Text,
        item_id -> Text,
        part_id -> Text,
        withheld -> Bool,
        title -> Text,
        body -> Text,
    }
}

diesel::table! {
    /// SQLite only: the FTS5 index over `search_index` (external content, rowid = `seq`);
    /// `tests/api/schema_parity.rs` leaves it out. PostgreSQL indexes `search_index` itself.
    search_fts (rowid) {
        rowid -> BigInt,
        title -> Text,
        body -> Text,
        kind -> Text,
    }
}

diesel::joinable!(search_fts -> search_index (rowid));
diesel::allow_tables_to_appear_in_same_query!(search_fts, search_index);
diesel::allow_tables_to_appear_in_same_query!(search_index, reports);
diesel::allow_tables_to_appear_in_same_query!(search_index, needs);
diesel::allow_tables_to_appear_in_same_query!(search_index, documents);
diesel::allow_tables_to_appear_in_same_query!(search_index, document_access);
diesel::allow_tables_to_appear_in_same_query!(search_index, threads);
diesel::allow_tables_to_appear_in_same_query!(search_index, thread_participants);
diesel::allow_tables_to_appear_in_same_query!(search_index, users);
diesel::allow_tables_to_appear_in_same_query!(search_index, projects);
diesel::allow_tables_to_appear_in_same_query!(search_index, activities);
diesel::allow_tables_to_appear_in_same_query!(search_index, activity_organisers);
diesel::allow_tables_to_appear_in_same_query!(search_index, plans);
diesel::allow_tables_to_appear_in_same_query!(search_index, consultations);
diesel::allow_tables_to_appear_in_same_query!(search_index, organisations);
diesel::allow_tables_to_appear_in_same_query!(search_index, working_groups);
diesel::allow_tables_to_appear_in_same_query!(search_index, working_group_members);
diesel::allow_tables_to_appear_in_same_query!(search_fts, reports);
diesel::allow_tables_to_appear_in_same_query!(search_fts, needs);
diesel::allow_tables_to_appear_in_same_query!(search_fts, documents);
diesel::allow_tables_to_appear_in_same_query!(search_fts, document_access);
diesel::allow_tables_to_appear_in_same_query!(search_fts, threads);
diesel::allow_tables_to_appear_in_same_query!(search_fts, thread_participants);
diesel::allow_tables_to_appear_in_same_query!(search_fts, users);
diesel::allow_tables_to_appear_in_same_query!(search_fts, projects);
diesel::allow_tables_to_appear_in_same_query!(search_fts, activities);
diesel::allow_tables_to_appear_in_same_query!(search_fts, activity_organisers);
diesel::allow_tables_to_appear_in_same_query!(search_fts, plans);
diesel::allow_tables_to_appear_in_same_query!(search_fts, consultations);
diesel::allow_tables_to_appear_in_same_query!(search_fts, organisations);
diesel::allow_tables_to_appear_in_same_query!(search_fts, working_groups);
diesel::allow_tables_to_appear_in_same_query!(search_fts, working_group_members);
