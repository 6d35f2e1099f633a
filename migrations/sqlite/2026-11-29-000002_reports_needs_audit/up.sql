-- Append-only audit trail: each entry carries the hash of the previous one.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_id TEXT,
    actor_email TEXT,
    action TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    ip TEXT,
    outcome TEXT NOT NULL,
    details TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, seq);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);
CREATE INDEX audit_log_action_idx ON audit_log (action, seq);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE reports (
    id TEXT PRIMARY KEY NOT NULL,
    member_state_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL,
    visit_date DATE NOT NULL,
    summary TEXT NOT NULL,
    programme TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    version INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP
);
CREATE INDEX reports_status_date_idx ON reports (status, visit_date, id);
CREATE INDEX reports_state_date_idx ON reports (member_state_id, visit_date, id);
CREATE INDEX reports_date_idx ON reports (visit_date, id);

CREATE TABLE report_sections (
    id TEXT PRIMARY KEY NOT NULL,
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    consent TEXT NOT NULL CHECK (consent IN ('published', 'withheld'))
);
CREATE INDEX report_sections_report_idx ON report_sections (report_id, position);

CREATE TABLE report_versions (
    id TEXT PRIMARY KEY NOT NULL,
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    edited_by TEXT NOT NULL REFERENCES users (id),
    edited_at TIMESTAMP NOT NULL,
    changes TEXT NOT NULL,
    previous TEXT NOT NULL
);
CREATE INDEX report_versions_report_idx ON report_versions (report_id, version);

CREATE TABLE needs (
    id TEXT PRIMARY KEY NOT NULL,
    member_state_id TEXT NOT NULL REFERENCES organisations (id),
    report_id TEXT REFERENCES reports (id),
    section_id TEXT REFERENCES report_sections (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    thematic_area TEXT NOT NULL,
    priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
    status TEXT NOT NULL CHECK (status IN ('open', 'matched', 'in_progress', 'addressed')),
    visibility TEXT NOT NULL CHECK (visibility IN ('draft', 'withheld', 'published')),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX needs_created_idx ON needs (created_at, id);
CREATE INDEX needs_visibility_idx ON needs (visibility, created_at, id);
CREATE INDEX needs_state_idx ON needs (member_state_id, created_at, id);
CREATE INDEX needs_area_idx ON needs (thematic_area, created_at, id);
CREATE INDEX needs_status_idx ON needs (status, created_at, id);
CREATE INDEX needs_priority_idx ON needs (priority, created_at, id);
CREATE INDEX needs_report_idx ON needs (report_id);
CREATE INDEX needs_section_idx ON needs (section_id);

CREATE TABLE need_comments (
    id TEXT PRIMARY KEY NOT NULL,
    need_id TEXT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX need_comments_need_idx ON need_comments (need_id, created_at);
