-- The reports lists' version (issue 19): 'reports' grows with every change to `reports` or
-- `organisations` (a State's name, code or group), the rows the lists and their counts read,
-- so a server keeps a list for its version as it keeps the matrix for 'coordination'.
INSERT INTO data_versions (name, version) VALUES ('reports', 0);

CREATE TRIGGER reports_reports_version_insert AFTER INSERT ON reports
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'reports'; END;
CREATE TRIGGER reports_reports_version_update AFTER UPDATE ON reports
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'reports'; END;
CREATE TRIGGER reports_reports_version_delete AFTER DELETE ON reports
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'reports'; END;
CREATE TRIGGER organisations_reports_version_insert AFTER INSERT ON organisations
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'reports'; END;
CREATE TRIGGER organisations_reports_version_update AFTER UPDATE ON organisations
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'reports'; END;
CREATE TRIGGER organisations_reports_version_delete AFTER DELETE ON organisations
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'reports'; END;
