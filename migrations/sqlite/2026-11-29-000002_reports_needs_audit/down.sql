DROP TABLE need_comments;
DROP TABLE needs;
DROP TABLE report_versions;
DROP TABLE report_sections;
DROP TABLE reports;
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
DROP TABLE audit_log;
