-- Needs drawn from a plan's measures: the link to the consultation and the measure. The need's
-- own stored visibility is derived from the consultation (status, consent), as a report need's
-- is from its report and section, so the one needs scope covers both.
CREATE TABLE need_links (
    need_id TEXT PRIMARY KEY NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    measure_id TEXT NOT NULL REFERENCES plan_measures (id)
);
CREATE INDEX need_links_consultation_idx ON need_links (consultation_id);
CREATE INDEX need_links_measure_idx ON need_links (measure_id);
