-- The Compact's working groups (issue 14): reference data loaded on start (codes as shipped,
-- compared in any case), more added by coordinators; their member organisations with a role.
-- A membership row is what grants a `group:CODE` audience, so removing it ends access at once.
CREATE TABLE working_groups (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX working_groups_code_any_case_idx ON working_groups (lower(code));

CREATE TABLE working_group_members (
    group_code TEXT NOT NULL REFERENCES working_groups (code) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL CHECK (role IN ('member', 'chair', 'vice_chair', 'observer')),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (group_code, organisation_id)
);
-- "The groups of this organisation": every audience check starts from the reader's organisation.
CREATE INDEX working_group_members_organisation_idx ON working_group_members (organisation_id, group_code);
