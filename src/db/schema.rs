// One schema for both backends; kept in step with migrations/sqlite and migrations/postgres
// (tests/api/schema_parity.rs compares what the two produce).

// The shared calendar: `schema_activities.rs`, one schema with this file.
pub use super::schema_activities::*;
// Calendar feeds and working groups: `schema_groups.rs`, one schema with this file.
pub use super::schema_groups::*;
// The full-text search index: `schema_search.rs`, one schema with this file.
pub use super::schema_search::*;

diesel::table! {
    organisations (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        kind -> Text,
        regional_group -> Nullable<Text>,
        active -> Bool,
        require_totp -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        organisation_id -> Text,
        role -> Text,
        password_hash -> Nullable<Text>,
        active -> Bool,
        language -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        mail_mode -> Text,
        last_digest_at -> Nullable<Timestamp>,
        totp_secret -> Nullable<Text>,
        totp_pending_secret -> Nullable<Text>,
        totp_enabled_at -> Nullable<Timestamp>,
        totp_last_step -> Nullable<BigInt>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        ip -> Text,
        email_lower -> Text,
        failed_at -> Timestamp,
        device -> Nullable<Text>,
    }
}

diesel::table! {
    account_tokens (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> Text,
        user_id -> Text,
        code_hash -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(recovery_codes -> users (user_id));

diesel::table! {
    threads (id) {
        id -> Text,
        subject -> Text,
        restricted -> Bool,
        created_by -> Text,
        created_at -> Timestamp,
        last_message_at -> Timestamp,
    }
}

diesel::table! {
    thread_participants (id) {
        id -> Text,
        thread_id -> Text,
        kind -> Text,
        participant_id -> Text,
    }
}

diesel::table! {
    messages (id) {
        id -> Text,
        thread_id -> Text,
        author_id -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    message_reads (message_id, user_id) {
        message_id -> Text,
        user_id -> Text,
        read_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        recipient_user_id -> Nullable<Text>,
        to_address -> Text,
        template -> Text,
        language -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    message_attachments (id) {
        id -> Text,
        message_id -> Text,
        blob_id -> Text,
        filename -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(message_attachments -> messages (message_id));
diesel::joinable!(message_attachments -> file_blobs (blob_id));
diesel::joinable!(thread_participants -> threads (thread_id));
diesel::joinable!(messages -> threads (thread_id));
diesel::joinable!(messages -> users (author_id));
diesel::joinable!(message_reads -> messages (message_id));
diesel::joinable!(message_reads -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(account_tokens -> users (user_id));

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_email -> Nullable<Text>,
        action -> Text,
        target_type -> Nullable<Text>,
        target_id -> Nullable<Text>,
        ip -> Nullable<Text>,
        outcome -> Text,
        details -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_spools (spool) {
        spool -> Text,
        moved -> BigInt,
    }
}

diesel::table! {
    reports (id) {
        id -> Text,
        member_state_id -> Text,
        title -> Text,
        visit_date -> Date,
        summary -> Text,
        programme -> Nullable<Text>,
        status -> Text,
        version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    report_sections (id) {
        id -> Text,
        report_id -> Text,
        position -> Integer,
        heading -> Text,
        body -> Text,
        consent -> Text,
    }
}

diesel::table! {
    report_versions (id) {
        id -> Text,
        report_id -> Text,
        version -> Integer,
        edited_by -> Text,
        edited_at -> Timestamp,
        changes -> Text,
        previous -> Text,
    }
}

diesel::table! {
    needs (id) {
        id -> Text,
        member_state_id -> Text,
        report_id -> Nullable<Text>,
        section_id -> Nullable<Text>,
        title -> Text,
        description -> Text,
        thematic_area -> Text,
        priority -> Text,
        status -> Text,
        visibility -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    need_comments (id) {
        id -> Text,
        need_id -> Text,
        author_id -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(reports -> organisations (member_state_id));
diesel::joinable!(report_sections -> reports (report_id));
diesel::joinable!(report_versions -> reports (report_id));
diesel::joinable!(needs -> organisations (member_state_id));
diesel::joinable!(need_comments -> needs (need_id));
diesel::joinable!(need_comments -> users (author_id));

// Projects and matches: `schema_coordination.rs`, one schema with this file.
pub use super::schema_coordination::*;
// Dismissed suggestions: `schema_suggestions.rs`, one schema with this file.
pub use super::schema_suggestions::*;

// Consultations, plans and progress: `schema_plans.rs`, one schema with this file.
pub use super::schema_plans::*;
// The dashboard's visits: `schema_dashboard.rs`, one schema with this file.
pub use super::schema_dashboard::*;

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    sessions,
    login_failures,
    account_tokens,
    recovery_codes,
    audit_log,
    reports,
    report_sections,
    report_versions,
    needs,
    need_comments,
    file_blobs,
    file_chunks,
    documents,
    document_versions,
    document_access,
    document_tags,
    threads,
    thread_participants,
    messages,
    message_reads,
    outbox,
    message_attachments,
    projects,
    project_states,
    project_regions,
    project_areas,
    project_partners,
    project_versions,
    matches,
    match_events,
    overlap_notes,
    need_cells,
    project_cells,
);

diesel::table! {
    file_blobs (id) {
        id -> Text,
        sha256 -> Text,
        size_bytes -> BigInt,
        content_type -> Text,
        complete -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    file_chunks (blob_id, seq) {
        blob_id -> Text,
        seq -> Integer,
        data -> Binary,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        owner_org_id -> Text,
        title -> Text,
        description -> Text,
        classification -> Text,
        report_id -> Nullable<Text>,
        need_id -> Nullable<Text>,
        programme -> Nullable<Text>,
        current_version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    document_versions (id) {
        id -> Text,
        document_id -> Text,
        version -> Integer,
        blob_id -> Text,
        filename -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    document_access (document_id, grantee) {
        document_id -> Text,
        grantee -> Text,
    }
}

diesel::table! {
    document_tags (document_id, tag) {
        document_id -> Text,
        tag -> Text,
    }
}

diesel::joinable!(file_chunks -> file_blobs (blob_id));
diesel::joinable!(documents -> organisations (owner_org_id));
diesel::joinable!(document_versions -> documents (document_id));
diesel::joinable!(document_versions -> file_blobs (blob_id));
diesel::joinable!(document_access -> documents (document_id));
diesel::joinable!(document_tags -> documents (document_id));
