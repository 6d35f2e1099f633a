DROP INDEX need_cells_visibility_idx;
CREATE INDEX need_cells_visibility_idx ON need_cells (visibility, status, member_state_id, thematic_area);
