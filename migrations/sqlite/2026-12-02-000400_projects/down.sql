DROP TABLE project_versions;
DROP TABLE project_partners;
DROP TABLE project_areas;
DROP TABLE project_regions;
DROP TABLE project_states;
DROP TABLE projects;
