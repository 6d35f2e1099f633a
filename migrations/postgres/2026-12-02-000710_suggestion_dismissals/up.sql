-- Suggestions dismissed with a reason (issue 12): the pair (need, project) is not suggested
-- again, from either side. The unique pair serves the need side's exclusion; the second index
-- the project side's.
CREATE TABLE suggestion_dismissals (
    id TEXT PRIMARY KEY NOT NULL,
    need_id TEXT NOT NULL REFERENCES needs (id),
    project_id TEXT NOT NULL REFERENCES projects (id),
    reason TEXT NOT NULL,
    dismissed_by TEXT NOT NULL REFERENCES users (id),
    dismissed_by_org_id TEXT NOT NULL REFERENCES organisations (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (need_id, project_id)
);
CREATE INDEX suggestion_dismissals_project_idx ON suggestion_dismissals (project_id, need_id);
