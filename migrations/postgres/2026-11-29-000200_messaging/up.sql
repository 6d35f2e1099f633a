-- Messaging: threads between users and whole organisations, read receipts, and the mail
-- outbox written in the same transaction as the change that causes a mail.

ALTER TABLE users ADD COLUMN mail_mode TEXT NOT NULL DEFAULT 'immediate' CHECK (mail_mode IN ('immediate', 'digest'));
ALTER TABLE users ADD COLUMN last_digest_at TIMESTAMP;

CREATE TABLE threads (
    id TEXT PRIMARY KEY NOT NULL,
    subject TEXT NOT NULL,
    restricted BOOLEAN NOT NULL DEFAULT TRUE,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    last_message_at TIMESTAMP NOT NULL
);
CREATE INDEX threads_last_message_idx ON threads (last_message_at, id);

-- An organisation participant stands for every active user of it at the time of the query,
-- so membership is never copied here.
CREATE TABLE thread_participants (
    id TEXT PRIMARY KEY NOT NULL,
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'organisation')),
    participant_id TEXT NOT NULL,
    UNIQUE (thread_id, kind, participant_id)
);
CREATE INDEX thread_participants_who_idx ON thread_participants (kind, participant_id);

CREATE TABLE messages (
    id TEXT PRIMARY KEY NOT NULL,
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX messages_thread_idx ON messages (thread_id, created_at);
CREATE INDEX messages_author_idx ON messages (author_id, created_at);

CREATE TABLE message_reads (
    message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at TIMESTAMP NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX message_reads_user_idx ON message_reads (user_id);

-- status: pending (to send), held (waits for the recipient's daily digest), digested (went
-- out in a digest), sent, failed (gave up after the last attempt).
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    recipient_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    to_address TEXT NOT NULL,
    template TEXT NOT NULL,
    language TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'held', 'digested', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
CREATE INDEX outbox_recipient_idx ON outbox (recipient_user_id, status);
