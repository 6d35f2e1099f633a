DROP TRIGGER need_cells_version ON need_cells;
DROP TRIGGER project_cells_version ON project_cells;
DROP TRIGGER organisations_version ON organisations;
DROP FUNCTION coordination_version_bump();
DROP TABLE data_versions;
