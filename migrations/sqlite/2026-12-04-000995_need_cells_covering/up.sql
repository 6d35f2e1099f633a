-- The cells' index covers what is read from them (issue 19): the matrix, the dashboard's open
-- needs figure and its coverage by region and by area read `covered` and `need_count` from
-- the index instead of each cell's row.
DROP INDEX need_cells_visibility_idx;
CREATE INDEX need_cells_visibility_idx ON need_cells (visibility, status, member_state_id, thematic_area, covered, need_count);
