-- The dashboard's "since my last visit" (issue 15): when each user last opened it. The page
-- marks what changed after this time, then moves it to now.
CREATE TABLE dashboard_visits (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    visited_at TIMESTAMP NOT NULL
);
-- A State's page lists the documents about it: those of its reports and needs.
CREATE INDEX documents_report_idx ON documents (report_id);
CREATE INDEX documents_need_idx ON documents (need_id);
