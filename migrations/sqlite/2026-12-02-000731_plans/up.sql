-- The implementation plan a consultation creates (one per consultation) and its measures.
-- A measure's values are numbers (unit, percentage) or text (qualitative), kept in two columns
-- so charts and the IATI export read numbers as numbers. Assistance areas and responsible
-- organisations (codes) are JSON arrays.
CREATE TABLE plans (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL UNIQUE REFERENCES consultations (id),
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE plan_measures (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    position INTEGER NOT NULL,
    requirement TEXT NOT NULL,
    recommendation TEXT NOT NULL,
    assistance_areas TEXT NOT NULL,
    indicator TEXT NOT NULL,
    unit TEXT NOT NULL,
    measure TEXT NOT NULL CHECK (measure IN ('unit', 'percentage', 'qualitative')),
    ascending BOOLEAN NOT NULL,
    baseline_value REAL,
    baseline_text TEXT NOT NULL,
    baseline_on DATE NOT NULL,
    target_value REAL,
    target_text TEXT NOT NULL,
    due_on DATE NOT NULL,
    responsible TEXT NOT NULL,
    CHECK (due_on > baseline_on)
);
CREATE INDEX plan_measures_plan_idx ON plan_measures (plan_id, position);
