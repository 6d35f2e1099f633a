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

diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(account_tokens -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    sessions,
    login_failures,
    account_tokens,
);
