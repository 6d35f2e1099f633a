-- The dashboard's uncovered needs by thematic area (issue 19): with covered before the area,
-- a reader's cells come in the area's order and are summed without a sort.
CREATE INDEX need_cells_area_idx ON need_cells (visibility, status, covered, thematic_area, need_count);
