DROP INDEX need_cells_area_idx;
