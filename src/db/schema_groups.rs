// The calendar feeds and the working groups (kept apart from `schema.rs` to keep each file
// short; re-exported there, so `db::schema::working_groups` is the one name), in step with both
// migration folders.

use super::schema::{
    activities, document_access, documents, message_reads, messages, organisations,
    thread_participants, threads, users,
};

diesel::table! {
    calendar_feeds (user_id) {
        user_id -> Text,
        token_hash -> Text,
        filters -> Text,
        created_at -> Timestamp,
        last_fetched_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    working_groups (code) {
        code -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    working_group_members (group_code, organisation_id) {
        group_code -> Text,
        organisation_id -> Text,
        role -> Text,
        added_at -> Timestamp,
    }
}

diesel::joinable!(calendar_feeds -> users (user_id));
diesel::joinable!(working_group_members -> working_groups (group_code));
diesel::joinable!(working_group_members -> organisations (organisation_id));

diesel::allow_tables_to_appear_in_same_query!(calendar_feeds, users);
diesel::allow_tables_to_appear_in_same_query!(calendar_feeds, organisations);
diesel::allow_tables_to_appear_in_same_query!(working_groups, working_group_members);
diesel::allow_tables_to_appear_in_same_query!(working_groups, organisations);
diesel::allow_tables_to_appear_in_same_query!(working_group_members, organisations);
diesel::allow_tables_to_appear_in_same_query!(working_group_members, users);
diesel::allow_tables_to_appear_in_same_query!(working_group_members, documents);
diesel::allow_tables_to_appear_in_same_query!(working_group_members, document_access);
diesel::allow_tables_to_appear_in_same_query!(working_group_members, threads);
diesel::allow_tables_to_appear_in_same_query!(working_group_members, messages);
diesel::allow_tables_to_appear_in_same_query!(working_group_members, message_reads);
diesel::allow_tables_to_appear_in_same_query!(working_group_members, thread_participants);
diesel::allow_tables_to_appear_in_same_query!(working_group_members, activities);
diesel::allow_tables_to_appear_in_same_query!(working_groups, activities);
