DROP TRIGGER project_cells_project_delete ON projects;
DROP TRIGGER project_cells_project_update ON projects;
DROP TRIGGER project_cells_areas ON project_areas;
DROP TRIGGER project_cells_states ON project_states;
DROP FUNCTION project_cells_on_project();
DROP FUNCTION project_cells_on_list();
DROP FUNCTION project_cells_add(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, BIGINT);
DROP TABLE project_cells;
