DROP TRIGGER reports_reports_version ON reports;
DROP TRIGGER organisations_reports_version ON organisations;
DROP FUNCTION data_version_bump();
DELETE FROM data_versions WHERE name = 'reports';
