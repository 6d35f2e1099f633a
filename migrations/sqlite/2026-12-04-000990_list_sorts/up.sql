-- The list pages' sorts (issue 16): one index per new order, `(…, key, id)` after the columns
-- each scope filters on, as the default orders' `(…, created_at, id)` indexes are, so a sorted
-- page is an index range that stops at the page's end. The priority sorts by its rank, written
-- exactly as `repo::needs::priority_rank` writes it so the planner matches the expression.
CREATE INDEX needs_title_idx ON needs (title, id);
CREATE INDEX needs_visibility_title_idx ON needs (visibility, title, id);
CREATE INDEX needs_state_title_idx ON needs (member_state_id, title, id);
CREATE INDEX needs_priority_rank_idx ON needs ((CASE priority WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END), id);
CREATE INDEX needs_visibility_priority_rank_idx ON needs (visibility, (CASE priority WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END), id);
CREATE INDEX needs_state_priority_rank_idx ON needs (member_state_id, (CASE priority WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END), id);
CREATE INDEX needs_status_sort_idx ON needs (status, id);
CREATE INDEX needs_visibility_status_sort_idx ON needs (visibility, status, id);
CREATE INDEX needs_state_status_sort_idx ON needs (member_state_id, status, id);
CREATE INDEX reports_title_idx ON reports (title, id);
CREATE INDEX reports_status_title_idx ON reports (status, title, id);
CREATE INDEX reports_state_title_idx ON reports (member_state_id, title, id);
CREATE INDEX reports_status_sort_idx ON reports (status, id);
CREATE INDEX reports_state_status_sort_idx ON reports (member_state_id, status, id);
CREATE INDEX projects_title_idx ON projects (title, id);
CREATE INDEX projects_visibility_title_idx ON projects (visibility, title, id);
CREATE INDEX projects_owner_title_idx ON projects (owner_org_id, title, id);
CREATE INDEX projects_starts_idx ON projects (starts_on, id);
CREATE INDEX projects_visibility_starts_idx ON projects (visibility, starts_on, id);
CREATE INDEX projects_owner_starts_idx ON projects (owner_org_id, starts_on, id);
CREATE INDEX projects_status_sort_idx ON projects (status, id);
CREATE INDEX projects_visibility_status_sort_idx ON projects (visibility, status, id);
CREATE INDEX projects_owner_status_sort_idx ON projects (owner_org_id, status, id);
CREATE INDEX documents_title_idx ON documents (title, id);
CREATE INDEX documents_owner_title_idx ON documents (owner_org_id, title, id);
CREATE INDEX documents_classification_title_idx ON documents (classification, title, id);
