DROP INDEX needs_report_idx;
CREATE INDEX needs_report_idx ON needs (report_id);
DROP INDEX needs_visibility_status_idx;
DROP INDEX needs_visibility_priority_idx;
DROP INDEX needs_visibility_area_idx;
