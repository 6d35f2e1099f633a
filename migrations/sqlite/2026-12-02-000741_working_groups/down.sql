DROP TABLE working_group_members;
DROP TABLE working_groups;
