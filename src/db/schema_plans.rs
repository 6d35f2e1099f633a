//! Capacity consultations, their implementation plans, measures and progress values, and the
//! links from needs to the consultation and measure they came from. Part of the one schema:
//! `schema.rs` re-exports them.

use super::schema::{needs, organisations, users};

diesel::table! {
    consultations (id) {
        id -> Text,
        member_state_id -> Text,
        programme -> Text,
        held_on -> Date,
        situation -> Text,
        gaps -> Text,
        obstacles -> Text,
        ongoing_actions -> Text,
        participants -> Text,
        consent -> Text,
        status -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    plans (id) {
        id -> Text,
        consultation_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plan_measures (id) {
        id -> Text,
        plan_id -> Text,
        position -> Integer,
        requirement -> Text,
        recommendation -> Text,
        assistance_areas -> Text,
        indicator -> Text,
        unit -> Text,
        measure -> Text,
        ascending -> Bool,
        baseline_value -> Nullable<Double>,
        baseline_text -> Text,
        baseline_on -> Date,
        target_value -> Nullable<Double>,
        target_text -> Text,
        due_on -> Date,
        responsible -> Text,
    }
}

diesel::table! {
    measure_progress (id) {
        id -> Text,
        plan_id -> Text,
        measure_id -> Text,
        value_number -> Nullable<Double>,
        value_text -> Text,
        measured_on -> Date,
        note -> Text,
        status -> Text,
        reported_by -> Text,
        reported_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    need_links (need_id) {
        need_id -> Text,
        consultation_id -> Text,
        measure_id -> Text,
    }
}

diesel::joinable!(consultations -> organisations (member_state_id));
diesel::joinable!(plans -> consultations (consultation_id));
diesel::joinable!(plan_measures -> plans (plan_id));
diesel::joinable!(measure_progress -> plan_measures (measure_id));
diesel::joinable!(need_links -> needs (need_id));
diesel::joinable!(need_links -> consultations (consultation_id));

diesel::allow_tables_to_appear_in_same_query!(
    consultations,
    plans,
    plan_measures,
    measure_progress,
    need_links
);
diesel::allow_tables_to_appear_in_same_query!(consultations, organisations);
diesel::allow_tables_to_appear_in_same_query!(plans, organisations);
diesel::allow_tables_to_appear_in_same_query!(plan_measures, organisations);
diesel::allow_tables_to_appear_in_same_query!(measure_progress, organisations);
diesel::allow_tables_to_appear_in_same_query!(measure_progress, users);
diesel::allow_tables_to_appear_in_same_query!(consultations, users);
diesel::allow_tables_to_appear_in_same_query!(need_links, needs);
diesel::allow_tables_to_appear_in_same_query!(consultations, needs);
