-- Values reported on a measure: pending until a coordinator validates or returns them (with a
-- reason); only validated values count. Who reported and who decided, and when, are kept.
CREATE TABLE measure_progress (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    measure_id TEXT NOT NULL REFERENCES plan_measures (id),
    value_number REAL,
    value_text TEXT NOT NULL,
    measured_on DATE NOT NULL,
    note TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'validated', 'returned')),
    reported_by TEXT NOT NULL REFERENCES users (id),
    reported_at TIMESTAMP NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at TIMESTAMP,
    reason TEXT
);
CREATE INDEX measure_progress_measure_idx ON measure_progress (measure_id, status, measured_on, reported_at);
CREATE INDEX measure_progress_plan_idx ON measure_progress (plan_id, status, reported_at);
CREATE INDEX measure_progress_status_idx ON measure_progress (status, reported_at);
