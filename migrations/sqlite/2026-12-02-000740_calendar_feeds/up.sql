-- Personal iCalendar feeds (issue 14): one per user at most, its secret kept only as a SHA-256
-- hash (like account_tokens); revoking deletes the row, renewing replaces it. `filters` holds
-- the list filters saved into it (JSON, checked when saved; `{}` is everything visible).
CREATE TABLE calendar_feeds (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    filters TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL,
    last_fetched_at TIMESTAMP
);
