DROP TABLE activity_versions;
DROP TABLE activity_organisers;
DROP TABLE activities;
