//! The coordination tables: assistance projects with their States, regions, areas, partners
//! and versions, and the matches between needs and projects with their history. Part of the
//! one schema: `schema.rs` re-exports them and lists them among the tables that appear together.

use super::schema::{needs, organisations, users};

diesel::table! {
    projects (id) {
        id -> Text,
        owner_org_id -> Text,
        title -> Text,
        description -> Text,
        programme -> Nullable<Text>,
        status -> Text,
        visibility -> Text,
        is_global -> Bool,
        starts_on -> Date,
        ends_on -> Date,
        budget_cents -> Nullable<BigInt>,
        currency -> Nullable<Text>,
        contact_user_id -> Nullable<Text>,
        version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

// A project's States, regions, thematic areas and partners: one row per value.
diesel::table! { project_states (project_id, state_id) { project_id -> Text, state_id -> Text, } }
diesel::table! { project_regions (project_id, region) { project_id -> Text, region -> Text, } }
diesel::table! { project_areas (project_id, thematic_area) { project_id -> Text, thematic_area -> Text, } }
diesel::table! { project_partners (project_id, partner_org_id) { project_id -> Text, partner_org_id -> Text, } }

diesel::table! {
    project_versions (id) {
        id -> Text,
        project_id -> Text,
        version -> Integer,
        edited_by -> Text,
        edited_at -> Timestamp,
        changes -> Text,
        previous -> Text,
    }
}

diesel::joinable!(projects -> organisations (owner_org_id));

diesel::table! {
    matches (id) {
        id -> Text,
        need_id -> Text,
        project_id -> Text,
        member_state_id -> Text,
        status -> Text,
        note -> Text,
        proposed_by -> Text,
        proposed_by_org_id -> Text,
        decided_by -> Nullable<Text>,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    match_events (id) {
        id -> Text,
        match_id -> Text,
        actor_id -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(matches -> needs (need_id));
diesel::joinable!(matches -> projects (project_id));
diesel::joinable!(match_events -> matches (match_id));
diesel::joinable!(match_events -> users (actor_id));

// Who does what where: the project pairs marked "coordinated", and the need counts by State,
// area, visibility, status and coverage that triggers keep (migration `overlap_notes`).
diesel::table! {
    overlap_notes (project_a, project_b) {
        project_a -> Text,
        project_b -> Text,
        note -> Text,
        marked_by -> Text,
        marked_by_org_id -> Text,
        marked_at -> Timestamp,
    }
}

diesel::table! {
    need_cells (member_state_id, thematic_area, visibility, status, covered) {
        member_state_id -> Text,
        thematic_area -> Text,
        visibility -> Text,
        status -> Text,
        covered -> Bool,
        need_count -> BigInt,
    }
}

diesel::table! {
    project_cells (state_id, thematic_area, visibility, owner_org_id, programme, status) {
        state_id -> Text,
        thematic_area -> Text,
        visibility -> Text,
        owner_org_id -> Text,
        programme -> Text,
        status -> Text,
        project_count -> BigInt,
    }
}

// The versions of data the server keeps answers computed from (`repo::data_versions`).
diesel::table! { data_versions (name) { name -> Text, version -> BigInt, } }
