//! The dashboard's table: when each user last opened it. Part of the one schema: `schema.rs`
//! re-exports it.

use super::schema::users;

diesel::table! {
    dashboard_visits (user_id) {
        user_id -> Text,
        visited_at -> Timestamp,
    }
}

diesel::joinable!(dashboard_visits -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(dashboard_visits, users);
