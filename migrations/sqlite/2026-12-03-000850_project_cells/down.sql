DROP TRIGGER project_cells_project_delete;
DROP TRIGGER project_cells_project_update;
DROP TRIGGER project_cells_area_delete;
DROP TRIGGER project_cells_area_insert;
DROP TRIGGER project_cells_state_delete;
DROP TRIGGER project_cells_state_insert;
DROP TABLE project_cells;
