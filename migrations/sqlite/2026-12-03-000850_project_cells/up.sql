-- Project counts of the who-does-what-where matrix (issue 12), kept like `need_cells`: one
-- row per (State, area, visibility, owner, programme, status) with the number of projects
-- placed there, written by triggers in the transaction of every change to a project, its
-- States or its areas. The matrix over 20,000 projects groups these rows instead of joining
-- every project's States to its areas (85-155 ms before). A project contributes one to each
-- (State, area) pair of its lists. `programme` is '' for a project without one.
CREATE TABLE project_cells (
    state_id TEXT NOT NULL,
    thematic_area TEXT NOT NULL,
    visibility TEXT NOT NULL,
    owner_org_id TEXT NOT NULL,
    programme TEXT NOT NULL,
    status TEXT NOT NULL,
    project_count BIGINT NOT NULL,
    PRIMARY KEY (state_id, thematic_area, visibility, owner_org_id, programme, status)
);
CREATE INDEX project_cells_status_idx ON project_cells (status, visibility, state_id, thematic_area, owner_org_id, project_count);

INSERT INTO project_cells (state_id, thematic_area, visibility, owner_org_id, programme, status, project_count)
SELECT s.state_id, a.thematic_area, p.visibility, p.owner_org_id, COALESCE(p.programme, ''), p.status, COUNT(*)
FROM projects p
JOIN project_states s ON s.project_id = p.id
JOIN project_areas a ON a.project_id = p.id
GROUP BY s.state_id, a.thematic_area, p.visibility, p.owner_org_id, COALESCE(p.programme, ''), p.status;

-- A State added to a project: one more project in each of its areas there.
CREATE TRIGGER project_cells_state_insert AFTER INSERT ON project_states BEGIN
    INSERT INTO project_cells (state_id, thematic_area, visibility, owner_org_id, programme, status, project_count)
    SELECT NEW.state_id, a.thematic_area, p.visibility, p.owner_org_id, COALESCE(p.programme, ''), p.status, 1
    FROM projects p JOIN project_areas a ON a.project_id = p.id WHERE p.id = NEW.project_id
    ON CONFLICT (state_id, thematic_area, visibility, owner_org_id, programme, status)
    DO UPDATE SET project_count = project_count + 1;
END;

CREATE TRIGGER project_cells_state_delete AFTER DELETE ON project_states BEGIN
    UPDATE project_cells SET project_count = project_count - 1
    WHERE state_id = OLD.state_id AND EXISTS (SELECT 1 FROM projects p
        JOIN project_areas a ON a.project_id = p.id
        WHERE p.id = OLD.project_id AND a.thematic_area = project_cells.thematic_area
          AND p.visibility = project_cells.visibility AND p.owner_org_id = project_cells.owner_org_id
          AND COALESCE(p.programme, '') = project_cells.programme AND p.status = project_cells.status);
END;

-- An area added to a project: one more project in that area in each of its States.
CREATE TRIGGER project_cells_area_insert AFTER INSERT ON project_areas BEGIN
    INSERT INTO project_cells (state_id, thematic_area, visibility, owner_org_id, programme, status, project_count)
    SELECT s.state_id, NEW.thematic_area, p.visibility, p.owner_org_id, COALESCE(p.programme, ''), p.status, 1
    FROM projects p JOIN project_states s ON s.project_id = p.id WHERE p.id = NEW.project_id
    ON CONFLICT (state_id, thematic_area, visibility, owner_org_id, programme, status)
    DO UPDATE SET project_count = project_count + 1;
END;

CREATE TRIGGER project_cells_area_delete AFTER DELETE ON project_areas BEGIN
    UPDATE project_cells SET project_count = project_count - 1
    WHERE thematic_area = OLD.thematic_area AND EXISTS (SELECT 1 FROM projects p
        JOIN project_states s ON s.project_id = p.id
        WHERE p.id = OLD.project_id AND s.state_id = project_cells.state_id
          AND p.visibility = project_cells.visibility AND p.owner_org_id = project_cells.owner_org_id
          AND COALESCE(p.programme, '') = project_cells.programme AND p.status = project_cells.status);
END;

-- A project's own columns changed: its pairs move from the old key to the new one.
CREATE TRIGGER project_cells_project_update AFTER UPDATE OF visibility, owner_org_id, programme, status ON projects
WHEN OLD.visibility <> NEW.visibility OR OLD.owner_org_id <> NEW.owner_org_id
  OR COALESCE(OLD.programme, '') <> COALESCE(NEW.programme, '') OR OLD.status <> NEW.status
BEGIN
    UPDATE project_cells SET project_count = project_count - 1
    WHERE visibility = OLD.visibility AND owner_org_id = OLD.owner_org_id
      AND programme = COALESCE(OLD.programme, '') AND status = OLD.status
      AND EXISTS (SELECT 1 FROM project_states s JOIN project_areas a ON a.project_id = s.project_id
          WHERE s.project_id = NEW.id AND s.state_id = project_cells.state_id
            AND a.thematic_area = project_cells.thematic_area);
    INSERT INTO project_cells (state_id, thematic_area, visibility, owner_org_id, programme, status, project_count)
    SELECT s.state_id, a.thematic_area, NEW.visibility, NEW.owner_org_id, COALESCE(NEW.programme, ''), NEW.status, 1
    FROM project_states s JOIN project_areas a ON a.project_id = s.project_id WHERE s.project_id = NEW.id
    ON CONFLICT (state_id, thematic_area, visibility, owner_org_id, programme, status)
    DO UPDATE SET project_count = project_count + 1;
END;

-- A deleted project takes its pairs with it, before its States and areas go (their own
-- triggers then find no project and change nothing).
CREATE TRIGGER project_cells_project_delete BEFORE DELETE ON projects BEGIN
    UPDATE project_cells SET project_count = project_count - 1
    WHERE visibility = OLD.visibility AND owner_org_id = OLD.owner_org_id
      AND programme = COALESCE(OLD.programme, '') AND status = OLD.status
      AND EXISTS (SELECT 1 FROM project_states s JOIN project_areas a ON a.project_id = s.project_id
          WHERE s.project_id = OLD.id AND s.state_id = project_cells.state_id
            AND a.thematic_area = project_cells.thematic_area);
END;
