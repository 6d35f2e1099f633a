DROP TRIGGER needs_needs_version ON needs;
DROP TRIGGER matches_needs_version ON matches;
DROP TRIGGER organisations_needs_version ON organisations;
DELETE FROM data_versions WHERE name = 'needs';
