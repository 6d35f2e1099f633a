-- The shared activity calendar (issue 14). Project, plan and working-group links are plain
-- text for now: those areas land separately; `sequence` is raised on every change (iCal's
-- SEQUENCE); the organisers are a child table (the owner and its partners).
CREATE TABLE activities (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('training', 'workshop', 'assessment_visit', 'consultation', 'conference', 'meeting', 'other')),
    member_state_id TEXT REFERENCES organisations (id),
    region TEXT,
    programme TEXT,
    thematic_area TEXT,
    project_id TEXT,
    plan_id TEXT,
    working_group TEXT,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'confirmed', 'held', 'cancelled')),
    visibility TEXT NOT NULL CHECK (visibility IN ('platform', 'compact', 'organisers')),
    sequence INTEGER NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_on >= starts_on)
);
-- The calendar reads a date range in start order; every filter keeps that order after it.
CREATE INDEX activities_starts_idx ON activities (starts_on, id);
CREATE INDEX activities_ends_idx ON activities (ends_on, starts_on);
CREATE INDEX activities_visibility_idx ON activities (visibility, starts_on, id);
CREATE INDEX activities_state_idx ON activities (member_state_id, starts_on, id);
CREATE INDEX activities_region_idx ON activities (region, starts_on, id);
CREATE INDEX activities_programme_idx ON activities (programme, starts_on, id);
CREATE INDEX activities_area_idx ON activities (thematic_area, starts_on, id);
CREATE INDEX activities_kind_idx ON activities (kind, starts_on, id);
CREATE INDEX activities_status_idx ON activities (status, starts_on, id);
CREATE INDEX activities_owner_idx ON activities (organisation_id, starts_on, id);
CREATE INDEX activities_working_group_idx ON activities (working_group, starts_on, id);

CREATE TABLE activity_organisers (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (activity_id, organisation_id)
);
-- "Activities this organisation organises": the visibility scope and the organisation filter.
CREATE INDEX activity_organisers_organisation_idx ON activity_organisers (organisation_id, activity_id);

CREATE TABLE activity_versions (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    edited_by TEXT NOT NULL REFERENCES users (id),
    edited_at TIMESTAMP NOT NULL,
    changes TEXT NOT NULL,
    previous TEXT NOT NULL
);
CREATE INDEX activity_versions_activity_idx ON activity_versions (activity_id, sequence);
