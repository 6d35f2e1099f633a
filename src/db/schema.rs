// One schema for both backends; kept in step with migrations/sqlite and migrations/postgres
// (tests/api/schema_parity.rs compares what the two produce).

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
    file_blobs (id) {
        id -> Text,
        sha256 -> Text,
        size_bytes -> BigInt,
        content_type -> Text,
        content -> Binary,
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

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    sessions,
    login_failures,
    account_tokens,
    threads,
    thread_participants,
    messages,
    message_reads,
    outbox,
    file_blobs,
    message_attachments,
);
