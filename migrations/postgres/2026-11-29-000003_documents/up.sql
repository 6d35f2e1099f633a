-- Stored file contents, in chunks so uploads and downloads stream with flat memory.
CREATE TABLE file_blobs (
    id TEXT PRIMARY KEY NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    complete BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX file_blobs_incomplete_idx ON file_blobs (complete, created_at);

CREATE TABLE file_chunks (
    blob_id TEXT NOT NULL REFERENCES file_blobs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (blob_id, seq)
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    owner_org_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    classification TEXT NOT NULL CHECK (classification IN ('unrestricted', 'restricted', 'confidential')),
    report_id TEXT REFERENCES reports (id),
    need_id TEXT REFERENCES needs (id),
    programme TEXT,
    current_version INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_owner_idx ON documents (owner_org_id, updated_at, id);
CREATE INDEX documents_updated_idx ON documents (updated_at, id);
CREATE INDEX documents_classification_idx ON documents (classification, updated_at, id);

CREATE TABLE document_versions (
    id TEXT PRIMARY KEY NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    blob_id TEXT NOT NULL REFERENCES file_blobs (id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    uploaded_at TIMESTAMP NOT NULL,
    UNIQUE (document_id, version)
);

-- Who may read: organisations (by id) and audiences (all_compact_entities, all_member_states,
-- coordinators).
CREATE TABLE document_access (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    grantee TEXT NOT NULL,
    PRIMARY KEY (document_id, grantee)
);
CREATE INDEX document_access_grantee_idx ON document_access (grantee, document_id);

CREATE TABLE document_tags (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (document_id, tag)
);
CREATE INDEX document_tags_tag_idx ON document_tags (tag, document_id);
