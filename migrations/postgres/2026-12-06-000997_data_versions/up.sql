-- Versions of the data the server keeps answers computed from (issue 19): a number that grows
-- in the same transaction as every change to the rows it covers, so a server reads it first
-- and answers from what it kept for that number. 'coordination' covers the who-does-what-where
-- matrix's rows: `need_cells`, `project_cells` (both kept by triggers) and `organisations`.
CREATE TABLE data_versions (
    name TEXT PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('coordination', 0);

-- Once per transaction, at its commit (deferred): the version's row is locked only while the
-- transaction commits, after every other row it writes, so two transactions writing cells
-- never wait on each other for it in opposite orders (no deadlock), and a transaction that
-- writes many cells adds one.
CREATE FUNCTION coordination_version_bump() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('portal.coordination_bumped', true) = 'yes' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('portal.coordination_bumped', 'yes', true);
    UPDATE data_versions SET version = version + 1 WHERE name = 'coordination';
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER need_cells_version AFTER INSERT OR UPDATE OR DELETE ON need_cells
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION coordination_version_bump();
CREATE CONSTRAINT TRIGGER project_cells_version AFTER INSERT OR UPDATE OR DELETE ON project_cells
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION coordination_version_bump();
CREATE CONSTRAINT TRIGGER organisations_version AFTER INSERT OR UPDATE OR DELETE ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION coordination_version_bump();
