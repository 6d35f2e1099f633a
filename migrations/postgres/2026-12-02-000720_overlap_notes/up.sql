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

CREATE FUNCTION need_covered(need TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM matches m WHERE m.need_id = need
        AND m.status IN ('accepted', 'completed'))
$$;

CREATE FUNCTION need_cells_add(s TEXT, a TEXT, v TEXT, st TEXT, c BOOLEAN, d BIGINT)
RETURNS VOID LANGUAGE sql AS $$
    INSERT INTO need_cells (member_state_id, thematic_area, visibility, status, covered, need_count)
    VALUES (s, a, v, st, c, d)
    ON CONFLICT (member_state_id, thematic_area, visibility, status, covered)
    DO UPDATE SET need_count = need_cells.need_count + d
$$;

INSERT INTO need_cells (member_state_id, thematic_area, visibility, status, covered, need_count)
SELECT member_state_id, thematic_area, visibility, status, need_covered(id), COUNT(*)
FROM needs GROUP BY member_state_id, thematic_area, visibility, status, need_covered(id);

CREATE FUNCTION need_cells_on_need() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.member_state_id = NEW.member_state_id
        AND OLD.thematic_area = NEW.thematic_area AND OLD.visibility = NEW.visibility
        AND OLD.status = NEW.status THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM need_cells_add(OLD.member_state_id, OLD.thematic_area, OLD.visibility,
            OLD.status, need_covered(OLD.id), -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM need_cells_add(NEW.member_state_id, NEW.thematic_area, NEW.visibility,
            NEW.status, need_covered(NEW.id), 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER need_cells_need AFTER INSERT OR DELETE
    OR UPDATE OF member_state_id, thematic_area, visibility, status ON needs
    FOR EACH ROW EXECUTE FUNCTION need_cells_on_need();

-- A match moves its need between uncovered and covered when it is the need's first accepted
-- or completed match, or stops being its last one.
CREATE FUNCTION need_cells_on_match() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    need TEXT;
    this_id TEXT;
    was BOOLEAN := FALSE;
    now_covered BOOLEAN := FALSE;
    others BOOLEAN;
    n RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN
        need := OLD.need_id;
        this_id := OLD.id;
    ELSE
        need := NEW.need_id;
        this_id := NEW.id;
        now_covered := NEW.status IN ('accepted', 'completed');
    END IF;
    IF TG_OP <> 'INSERT' THEN
        was := OLD.status IN ('accepted', 'completed');
    END IF;
    IF was = now_covered THEN
        RETURN NULL;
    END IF;
    others := EXISTS (SELECT 1 FROM matches m WHERE m.need_id = need AND m.id <> this_id
        AND m.status IN ('accepted', 'completed'));
    IF others THEN
        RETURN NULL;
    END IF;
    SELECT member_state_id, thematic_area, visibility, status INTO n FROM needs WHERE id = need;
    IF FOUND THEN
        PERFORM need_cells_add(n.member_state_id, n.thematic_area, n.visibility, n.status, was, -1);
        PERFORM need_cells_add(n.member_state_id, n.thematic_area, n.visibility, n.status, now_covered, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER need_cells_match AFTER INSERT OR DELETE OR UPDATE OF status ON matches
    FOR EACH ROW EXECUTE FUNCTION need_cells_on_match();
