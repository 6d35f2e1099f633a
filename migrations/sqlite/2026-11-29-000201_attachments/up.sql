-- Bytes of uploaded files, in the database so one backup holds everything. Generic: message
-- attachments use it now, documents will too.
CREATE TABLE file_blobs (
    id TEXT PRIMARY KEY NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL
);
CREATE INDEX file_blobs_sha256_idx ON file_blobs (sha256);

CREATE TABLE message_attachments (
    id TEXT PRIMARY KEY NOT NULL,
    message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    blob_id TEXT NOT NULL REFERENCES file_blobs (id),
    filename TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX message_attachments_message_idx ON message_attachments (message_id);
