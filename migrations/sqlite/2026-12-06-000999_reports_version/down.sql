DROP TRIGGER reports_reports_version_insert;
DROP TRIGGER reports_reports_version_update;
DROP TRIGGER reports_reports_version_delete;
DROP TRIGGER organisations_reports_version_insert;
DROP TRIGGER organisations_reports_version_update;
DROP TRIGGER organisations_reports_version_delete;
DELETE FROM data_versions WHERE name = 'reports';
