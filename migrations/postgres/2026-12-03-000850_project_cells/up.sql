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

-- Adds `d` to every (State, area) pair of a project, with the project's columns as given,
-- narrowed to one State or one area when given.
CREATE FUNCTION project_cells_add(pid TEXT, only_state TEXT, only_area TEXT, v TEXT, o TEXT,
    pr TEXT, st TEXT, d BIGINT)
RETURNS VOID LANGUAGE sql AS $$
    INSERT INTO project_cells (state_id, thematic_area, visibility, owner_org_id, programme, status, project_count)
    SELECT s.state_id, a.thematic_area, v, o, COALESCE(pr, ''), st, d
    FROM project_states s JOIN project_areas a ON a.project_id = s.project_id
    WHERE s.project_id = pid
      AND (only_state IS NULL OR s.state_id = only_state)
      AND (only_area IS NULL OR a.thematic_area = only_area)
    ON CONFLICT (state_id, thematic_area, visibility, owner_org_id, programme, status)
    DO UPDATE SET project_count = project_cells.project_count + d
$$;

-- A State or an area added to (removed from) a project: one more (less) project in each pair
-- it makes with the project's other list. After a removal the row is gone from its table, so
-- the pairs are counted from the remaining list joined with the removed value.
CREATE FUNCTION project_cells_on_list() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    p RECORD;
    pid TEXT;
BEGIN
    IF TG_OP = 'INSERT' THEN pid := NEW.project_id; ELSE pid := OLD.project_id; END IF;
    SELECT visibility, owner_org_id, programme, status INTO p FROM projects WHERE id = pid;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'project_states' THEN
        IF TG_OP = 'INSERT' THEN
            PERFORM project_cells_add(pid, NEW.state_id, NULL, p.visibility, p.owner_org_id, p.programme, p.status, 1);
        ELSE
            INSERT INTO project_cells (state_id, thematic_area, visibility, owner_org_id, programme, status, project_count)
            SELECT OLD.state_id, a.thematic_area, p.visibility, p.owner_org_id, COALESCE(p.programme, ''), p.status, -1
            FROM project_areas a WHERE a.project_id = pid
            ON CONFLICT (state_id, thematic_area, visibility, owner_org_id, programme, status)
            DO UPDATE SET project_count = project_cells.project_count - 1;
        END IF;
    ELSE
        IF TG_OP = 'INSERT' THEN
            PERFORM project_cells_add(pid, NULL, NEW.thematic_area, p.visibility, p.owner_org_id, p.programme, p.status, 1);
        ELSE
            INSERT INTO project_cells (state_id, thematic_area, visibility, owner_org_id, programme, status, project_count)
            SELECT s.state_id, OLD.thematic_area, p.visibility, p.owner_org_id, COALESCE(p.programme, ''), p.status, -1
            FROM project_states s WHERE s.project_id = pid
            ON CONFLICT (state_id, thematic_area, visibility, owner_org_id, programme, status)
            DO UPDATE SET project_count = project_cells.project_count - 1;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER project_cells_states AFTER INSERT OR DELETE ON project_states
    FOR EACH ROW EXECUTE FUNCTION project_cells_on_list();
CREATE TRIGGER project_cells_areas AFTER INSERT OR DELETE ON project_areas
    FOR EACH ROW EXECUTE FUNCTION project_cells_on_list();

-- A project's own columns changed: its pairs move from the old key to the new one. A deleted
-- project takes its pairs with it before its States and areas go (their trigger then finds
-- no project and changes nothing).
CREATE FUNCTION project_cells_on_project() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.visibility = NEW.visibility AND OLD.owner_org_id = NEW.owner_org_id
        AND COALESCE(OLD.programme, '') = COALESCE(NEW.programme, '') AND OLD.status = NEW.status THEN
        RETURN NULL;
    END IF;
    PERFORM project_cells_add(OLD.id, NULL, NULL, OLD.visibility, OLD.owner_org_id, OLD.programme, OLD.status, -1);
    IF TG_OP = 'UPDATE' THEN
        PERFORM project_cells_add(NEW.id, NULL, NULL, NEW.visibility, NEW.owner_org_id, NEW.programme, NEW.status, 1);
        RETURN NULL;
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER project_cells_project_update AFTER UPDATE OF visibility, owner_org_id, programme, status ON projects
    FOR EACH ROW EXECUTE FUNCTION project_cells_on_project();
CREATE TRIGGER project_cells_project_delete BEFORE DELETE ON projects
    FOR EACH ROW EXECUTE FUNCTION project_cells_on_project();
