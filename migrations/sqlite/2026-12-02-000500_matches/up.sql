-- Matches between needs and assistance projects (issue 12), and their history. The need's
-- State is copied on the match (a need never changes State) so "what waits for my State" and
-- the State filter are one indexed column.
CREATE TABLE matches (
    id TEXT PRIMARY KEY NOT NULL,
    need_id TEXT NOT NULL REFERENCES needs (id),
    project_id TEXT NOT NULL REFERENCES projects (id),
    member_state_id TEXT NOT NULL REFERENCES organisations (id),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'completed')),
    note TEXT NOT NULL,
    proposed_by TEXT NOT NULL REFERENCES users (id),
    proposed_by_org_id TEXT NOT NULL REFERENCES organisations (id),
    decided_by TEXT REFERENCES users (id),
    reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (need_id, project_id)
);
CREATE INDEX matches_created_idx ON matches (created_at, id);
CREATE INDEX matches_status_idx ON matches (status, created_at, id);
CREATE INDEX matches_need_idx ON matches (need_id, status);
CREATE INDEX matches_project_idx ON matches (project_id, created_at, id);
CREATE INDEX matches_state_idx ON matches (member_state_id, status, created_at, id);
CREATE INDEX matches_proposer_idx ON matches (proposed_by_org_id, status, created_at, id);

CREATE TABLE match_events (
    id TEXT PRIMARY KEY NOT NULL,
    match_id TEXT NOT NULL REFERENCES matches (id),
    actor_id TEXT NOT NULL REFERENCES users (id),
    from_status TEXT CHECK (from_status IN ('proposed', 'accepted', 'declined', 'completed')),
    to_status TEXT NOT NULL CHECK (to_status IN ('proposed', 'accepted', 'declined', 'completed')),
    reason TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX match_events_match_idx ON match_events (match_id, created_at, id);
