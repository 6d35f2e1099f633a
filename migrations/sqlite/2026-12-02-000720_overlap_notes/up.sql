-- Who does what where (issue 12): the pairs of projects marked "coordinated", and the need
-- counts the matrix and the dashboard read.
CREATE TABLE overlap_notes (
    project_a TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    project_b TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    note TEXT NOT NULL,
    marked_by TEXT NOT NULL REFERENCES users (id),
    marked_by_org_id TEXT NOT NULL REFERENCES organisations (id),
    marked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (project_a, project_b),
    CHECK (project_a < project_b)
);
CREATE INDEX overlap_notes_b_idx ON overlap_notes (project_b, project_a);

-- The overlap search joins a project's States to the other projects of the same State
-- (`project_states_state_idx`), then keeps those not cancelled with overlapping dates: one
-- index holds what that test reads.
CREATE INDEX projects_status_dates_idx ON projects (status, starts_on, ends_on, owner_org_id, visibility);
-- The matrix joins each (State, project) row to its project for the status, visibility and
-- owner: with them in the index, the join reads no table row (20,000 projects: -30 %).
CREATE INDEX projects_matrix_idx ON projects (id, status, visibility, owner_org_id);

-- Need counts by State, area, visibility, status and coverage (an accepted or completed
-- match), kept by triggers in the transaction of every change to a need or a match. The
-- matrix over 2,000,000 needs groups these few thousand rows instead of the needs, with the
-- same scope conditions as the needs list (visibility and State), so it stays well under
-- 100 ms; a need's own row never leaves the needs table.
CREATE TABLE need_cells (
    member_state_id TEXT NOT NULL,
    thematic_area TEXT NOT NULL,
    visibility TEXT NOT NULL,
    status TEXT NOT NULL,
    covered BOOLEAN NOT NULL,
    need_count BIGINT NOT NULL,
    PRIMARY KEY (member_state_id, thematic_area, visibility, status, covered)
);
CREATE INDEX need_cells_visibility_idx ON need_cells (visibility, status, member_state_id, thematic_area);

INSERT INTO need_cells (member_state_id, thematic_area, visibility, status, covered, need_count)
SELECT member_state_id, thematic_area, visibility, status, covered, COUNT(*) FROM (
    SELECT member_state_id, thematic_area, visibility, status,
        EXISTS (SELECT 1 FROM matches m WHERE m.need_id = needs.id
                AND m.status IN ('accepted', 'completed')) AS covered
    FROM needs
) GROUP BY member_state_id, thematic_area, visibility, status, covered;

CREATE TRIGGER need_cells_need_insert AFTER INSERT ON needs BEGIN
    INSERT INTO need_cells (member_state_id, thematic_area, visibility, status, covered, need_count)
    VALUES (NEW.member_state_id, NEW.thematic_area, NEW.visibility, NEW.status,
        EXISTS (SELECT 1 FROM matches m WHERE m.need_id = NEW.id AND m.status IN ('accepted', 'completed')), 1)
    ON CONFLICT (member_state_id, thematic_area, visibility, status, covered)
    DO UPDATE SET need_count = need_count + 1;
END;

CREATE TRIGGER need_cells_need_delete AFTER DELETE ON needs BEGIN
    UPDATE need_cells SET need_count = need_count - 1
    WHERE member_state_id = OLD.member_state_id AND thematic_area = OLD.thematic_area
      AND visibility = OLD.visibility AND status = OLD.status
      AND covered = EXISTS (SELECT 1 FROM matches m WHERE m.need_id = OLD.id AND m.status IN ('accepted', 'completed'));
END;

CREATE TRIGGER need_cells_need_update AFTER UPDATE OF member_state_id, thematic_area, visibility, status ON needs
WHEN OLD.member_state_id <> NEW.member_state_id OR OLD.thematic_area <> NEW.thematic_area
  OR OLD.visibility <> NEW.visibility OR OLD.status <> NEW.status
BEGIN
    UPDATE need_cells SET need_count = need_count - 1
    WHERE member_state_id = OLD.member_state_id AND thematic_area = OLD.thematic_area
      AND visibility = OLD.visibility AND status = OLD.status
      AND covered = EXISTS (SELECT 1 FROM matches m WHERE m.need_id = OLD.id AND m.status IN ('accepted', 'completed'));
    INSERT INTO need_cells (member_state_id, thematic_area, visibility, status, covered, need_count)
    VALUES (NEW.member_state_id, NEW.thematic_area, NEW.visibility, NEW.status,
        EXISTS (SELECT 1 FROM matches m WHERE m.need_id = NEW.id AND m.status IN ('accepted', 'completed')), 1)
    ON CONFLICT (member_state_id, thematic_area, visibility, status, covered)
    DO UPDATE SET need_count = need_count + 1;
END;

-- A match moves its need between uncovered and covered when it is the need's first accepted
-- or completed match, or stops being its last one.
CREATE TRIGGER need_cells_match_insert AFTER INSERT ON matches
WHEN NEW.status IN ('accepted', 'completed') AND NOT EXISTS (SELECT 1 FROM matches m
    WHERE m.need_id = NEW.need_id AND m.id <> NEW.id AND m.status IN ('accepted', 'completed'))
BEGIN
    UPDATE need_cells SET need_count = need_count - 1
    WHERE covered = 0 AND EXISTS (SELECT 1 FROM needs n WHERE n.id = NEW.need_id
        AND n.member_state_id = need_cells.member_state_id AND n.thematic_area = need_cells.thematic_area
        AND n.visibility = need_cells.visibility AND n.status = need_cells.status);
    INSERT INTO need_cells (member_state_id, thematic_area, visibility, status, covered, need_count)
    SELECT member_state_id, thematic_area, visibility, status, 1, 1 FROM needs WHERE id = NEW.need_id
    ON CONFLICT (member_state_id, thematic_area, visibility, status, covered)
    DO UPDATE SET need_count = need_count + 1;
END;

CREATE TRIGGER need_cells_match_update AFTER UPDATE OF status ON matches
WHEN (OLD.status IN ('accepted', 'completed')) <> (NEW.status IN ('accepted', 'completed'))
  AND NOT EXISTS (SELECT 1 FROM matches m
    WHERE m.need_id = NEW.need_id AND m.id <> NEW.id AND m.status IN ('accepted', 'completed'))
BEGIN
    UPDATE need_cells SET need_count = need_count - 1
    WHERE covered = (OLD.status IN ('accepted', 'completed')) AND EXISTS (SELECT 1 FROM needs n WHERE n.id = NEW.need_id
        AND n.member_state_id = need_cells.member_state_id AND n.thematic_area = need_cells.thematic_area
        AND n.visibility = need_cells.visibility AND n.status = need_cells.status);
    INSERT INTO need_cells (member_state_id, thematic_area, visibility, status, covered, need_count)
    SELECT member_state_id, thematic_area, visibility, status, NEW.status IN ('accepted', 'completed'), 1
    FROM needs WHERE id = NEW.need_id
    ON CONFLICT (member_state_id, thematic_area, visibility, status, covered)
    DO UPDATE SET need_count = need_count + 1;
END;

CREATE TRIGGER need_cells_match_delete AFTER DELETE ON matches
WHEN OLD.status IN ('accepted', 'completed') AND NOT EXISTS (SELECT 1 FROM matches m
    WHERE m.need_id = OLD.need_id AND m.status IN ('accepted', 'completed'))
BEGIN
    UPDATE need_cells SET need_count = need_count - 1
    WHERE covered = 1 AND EXISTS (SELECT 1 FROM needs n WHERE n.id = OLD.need_id
        AND n.member_state_id = need_cells.member_state_id AND n.thematic_area = need_cells.thematic_area
        AND n.visibility = need_cells.visibility AND n.status = need_cells.status);
    INSERT INTO need_cells (member_state_id, thematic_area, visibility, status, covered, need_count)
    SELECT member_state_id, thematic_area, visibility, status, 0, 1 FROM needs WHERE id = OLD.need_id
    ON CONFLICT (member_state_id, thematic_area, visibility, status, covered)
    DO UPDATE SET need_count = need_count + 1;
END;
