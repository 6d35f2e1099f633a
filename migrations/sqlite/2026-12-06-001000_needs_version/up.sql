-- The needs lists' version (issue 19): 'needs' grows with every change to `needs` (their
-- visibility included, which follows their sections' consent), `matches` (the "uncovered"
-- filter) or `organisations` (a State's name, code or group), the rows the lists and their
-- counts read; a server keeps a list for its version (as for reports, 000999).
INSERT INTO data_versions (name, version) VALUES ('needs', 0);

CREATE TRIGGER needs_needs_version_insert AFTER INSERT ON needs
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'needs'; END;
CREATE TRIGGER needs_needs_version_update AFTER UPDATE ON needs
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'needs'; END;
CREATE TRIGGER needs_needs_version_delete AFTER DELETE ON needs
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'needs'; END;
CREATE TRIGGER matches_needs_version_insert AFTER INSERT ON matches
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'needs'; END;
CREATE TRIGGER matches_needs_version_update AFTER UPDATE ON matches
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'needs'; END;
CREATE TRIGGER matches_needs_version_delete AFTER DELETE ON matches
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'needs'; END;
CREATE TRIGGER organisations_needs_version_insert AFTER INSERT ON organisations
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'needs'; END;
CREATE TRIGGER organisations_needs_version_update AFTER UPDATE ON organisations
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'needs'; END;
CREATE TRIGGER organisations_needs_version_delete AFTER DELETE ON organisations
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'needs'; END;
