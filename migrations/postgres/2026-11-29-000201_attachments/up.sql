-- Files attached to messages: the bytes are in the chunked `file_blobs` store shared with
-- documents (migration 000003).
CREATE TABLE message_attachments (
    id TEXT PRIMARY KEY NOT NULL,
    message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    blob_id TEXT NOT NULL REFERENCES file_blobs (id),
    filename TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX message_attachments_message_idx ON message_attachments (message_id);
