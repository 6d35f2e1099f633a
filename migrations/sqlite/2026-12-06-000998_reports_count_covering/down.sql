DROP INDEX reports_status_sort_idx;
CREATE INDEX reports_status_sort_idx ON reports (status, id);
