-- The needs lists' version (issue 19): 'needs' grows with every change to `needs` (their
-- visibility included, which follows their sections' consent), `matches` (the "uncovered"
-- filter) or `organisations` (a State's name, code or group), the rows the lists and their
-- counts read; a server keeps a list for its version (data_version_bump, 000999).
INSERT INTO data_versions (name, version) VALUES ('needs', 0);

CREATE CONSTRAINT TRIGGER needs_needs_version AFTER INSERT OR UPDATE OR DELETE ON needs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump('needs');
CREATE CONSTRAINT TRIGGER matches_needs_version AFTER INSERT OR UPDATE OR DELETE ON matches
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump('needs');
CREATE CONSTRAINT TRIGGER organisations_needs_version AFTER INSERT OR UPDATE OR DELETE
    ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump('needs');
