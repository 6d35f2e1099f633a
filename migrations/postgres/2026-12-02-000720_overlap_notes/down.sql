DROP TRIGGER need_cells_match ON matches;
DROP TRIGGER need_cells_need ON needs;
DROP FUNCTION need_cells_on_match();
DROP FUNCTION need_cells_on_need();
DROP TABLE need_cells;
DROP FUNCTION need_cells_add(TEXT, TEXT, TEXT, TEXT, BOOLEAN, BIGINT);
DROP FUNCTION need_covered(TEXT);
DROP INDEX projects_status_dates_idx;
DROP TABLE overlap_notes;
