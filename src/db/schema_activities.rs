// The shared calendar's tables (kept apart from `schema.rs` to keep each file short; re-exported
// there, so `db::schema::activities` is the one name), in step with both migration folders.

use super::schema::{organisations, users};

diesel::table! {
    activities (id) {
        id -> Text,
        title -> Text,
        description -> Text,
        kind -> Text,
        member_state_id -> Nullable<Text>,
        region -> Nullable<Text>,
        programme -> Nullable<Text>,
        thematic_area -> Nullable<Text>,
        project_id -> Nullable<Text>,
        plan_id -> Nullable<Text>,
        working_group -> Nullable<Text>,
        starts_on -> Date,
        ends_on -> Date,
        status -> Text,
        visibility -> Text,
        sequence -> Integer,
        organisation_id -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    activity_organisers (activity_id, organisation_id) {
        activity_id -> Text,
        organisation_id -> Text,
    }
}

diesel::table! {
    activity_versions (id) {
        id -> Text,
        activity_id -> Text,
        sequence -> Integer,
        edited_by -> Text,
        edited_at -> Timestamp,
        changes -> Text,
        previous -> Text,
    }
}

diesel::joinable!(activity_organisers -> activities (activity_id));
diesel::joinable!(activity_organisers -> organisations (organisation_id));
diesel::joinable!(activity_versions -> activities (activity_id));
diesel::joinable!(activity_versions -> users (edited_by));

diesel::allow_tables_to_appear_in_same_query!(activities, activity_organisers, activity_versions);
diesel::allow_tables_to_appear_in_same_query!(activities, organisations);
diesel::allow_tables_to_appear_in_same_query!(activities, users);
diesel::allow_tables_to_appear_in_same_query!(activity_organisers, organisations);
diesel::allow_tables_to_appear_in_same_query!(activity_organisers, users);
diesel::allow_tables_to_appear_in_same_query!(activity_versions, organisations);
diesel::allow_tables_to_appear_in_same_query!(activity_versions, users);
