CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('member_state', 'compact_entity', 'coordinator_office', 'observer')),
    regional_group TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    require_totp BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX organisations_kind_idx ON organisations (kind, code);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'focal_point', 'observer')),
    password_hash TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    language TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_email_lower_idx ON users (lower(email));
CREATE INDEX users_organisation_idx ON users (organisation_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_failures (
    id TEXT PRIMARY KEY NOT NULL,
    ip TEXT NOT NULL,
    email_lower TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, failed_at);
CREATE INDEX login_failures_email_idx ON login_failures (email_lower, failed_at);

CREATE TABLE account_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('set_password', 'invitation', 'password_reset')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);
