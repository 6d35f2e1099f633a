-- Assistance projects (issue 12). Their States, regions, thematic areas and partners are child
-- tables, so lists, the matrix and the overlap checks filter and group on indexed rows.
CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    owner_org_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    programme TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),
    visibility TEXT NOT NULL CHECK (visibility IN ('platform', 'compact')),
    is_global BOOLEAN NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    budget_cents BIGINT,
    currency TEXT,
    contact_user_id TEXT REFERENCES users (id),
    version INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX projects_created_idx ON projects (created_at, id);
CREATE INDEX projects_visibility_idx ON projects (visibility, created_at, id);
CREATE INDEX projects_owner_idx ON projects (owner_org_id, created_at, id);
CREATE INDEX projects_programme_idx ON projects (programme, created_at, id);
CREATE INDEX projects_status_idx ON projects (status, created_at, id);
CREATE INDEX projects_global_idx ON projects (is_global, created_at, id);
CREATE INDEX projects_dates_idx ON projects (starts_on, ends_on);

CREATE TABLE project_states (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    state_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (project_id, state_id)
);
CREATE INDEX project_states_state_idx ON project_states (state_id, project_id);

CREATE TABLE project_regions (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    region TEXT NOT NULL,
    PRIMARY KEY (project_id, region)
);
CREATE INDEX project_regions_region_idx ON project_regions (region, project_id);

CREATE TABLE project_areas (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    thematic_area TEXT NOT NULL,
    PRIMARY KEY (project_id, thematic_area)
);
CREATE INDEX project_areas_area_idx ON project_areas (thematic_area, project_id);

CREATE TABLE project_partners (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    partner_org_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (project_id, partner_org_id)
);
CREATE INDEX project_partners_partner_idx ON project_partners (partner_org_id, project_id);

CREATE TABLE project_versions (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    edited_by TEXT NOT NULL REFERENCES users (id),
    edited_at TIMESTAMP NOT NULL,
    changes TEXT NOT NULL,
    previous TEXT NOT NULL
);
CREATE INDEX project_versions_project_idx ON project_versions (project_id, version);
