-- Entities and coordinator offices list needs with `visibility = 'published'` plus a filter;
-- with the visibility first, a filter that matches few or no rows stays an index range
-- instead of a walk over every published need.
CREATE INDEX needs_visibility_area_idx ON needs (visibility, thematic_area, created_at, id);
CREATE INDEX needs_visibility_priority_idx ON needs (visibility, priority, created_at, id);
CREATE INDEX needs_visibility_status_idx ON needs (visibility, status, created_at, id);
-- A report's needs, already in list order.
DROP INDEX needs_report_idx;
CREATE INDEX needs_report_idx ON needs (report_id, created_at, id);
