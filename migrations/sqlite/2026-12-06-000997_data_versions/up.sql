-- Versions of the data the server keeps answers computed from (issue 19): a number that grows
-- in the same transaction as every change to the rows it covers, so a server reads it first
-- and answers from what it kept for that number. 'coordination' covers the who-does-what-where
-- matrix's rows: `need_cells`, `project_cells` (both kept by triggers) and `organisations`.
CREATE TABLE data_versions (
    name TEXT PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('coordination', 0);

CREATE TRIGGER need_cells_version_insert AFTER INSERT ON need_cells
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'coordination'; END;
CREATE TRIGGER need_cells_version_update AFTER UPDATE ON need_cells
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'coordination'; END;
CREATE TRIGGER need_cells_version_delete AFTER DELETE ON need_cells
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'coordination'; END;
CREATE TRIGGER project_cells_version_insert AFTER INSERT ON project_cells
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'coordination'; END;
CREATE TRIGGER project_cells_version_update AFTER UPDATE ON project_cells
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'coordination'; END;
CREATE TRIGGER project_cells_version_delete AFTER DELETE ON project_cells
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'coordination'; END;
CREATE TRIGGER organisations_version_insert AFTER INSERT ON organisations
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'coordination'; END;
CREATE TRIGGER organisations_version_update AFTER UPDATE ON organisations
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'coordination'; END;
CREATE TRIGGER organisations_version_delete AFTER DELETE ON organisations
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'coordination'; END;
