DROP TABLE need_comments;
DROP TABLE needs;
DROP TABLE report_versions;
DROP TABLE report_sections;
DROP TABLE reports;
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
