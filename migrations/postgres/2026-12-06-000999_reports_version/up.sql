-- The reports lists' version (issue 19): 'reports' grows with every change to `reports` or
-- `organisations` (a State's name, code or group), the rows the lists and their counts read,
-- so a server keeps a list for its version as it keeps the matrix for 'coordination'.
INSERT INTO data_versions (name, version) VALUES ('reports', 0);

-- Once per transaction and version name (the trigger's argument), at its commit: see
-- coordination_version_bump (000997) for why deferred.
CREATE FUNCTION data_version_bump() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    flag TEXT := 'portal.bumped_' || TG_ARGV[0];
BEGIN
    IF current_setting(flag, true) = 'yes' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config(flag, 'yes', true);
    UPDATE data_versions SET version = version + 1 WHERE name = TG_ARGV[0];
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER reports_reports_version AFTER INSERT OR UPDATE OR DELETE ON reports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump('reports');
CREATE CONSTRAINT TRIGGER organisations_reports_version AFTER INSERT OR UPDATE OR DELETE
    ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump('reports');
