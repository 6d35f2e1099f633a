-- How far each spool of audited reads has been moved into the trail (issue 19). On SQLite a
-- read's entry is first committed to a spool file beside the database (services/audit/spool.rs)
-- and later chained into audit_log in one transaction with this mark, so an entry moved twice
-- (a crash between the move's commit and the spool's clean-up) is recognised and skipped.
-- `spool` is the spool file's own random id; PostgreSQL records reads directly and keeps the
-- table empty.
CREATE TABLE audit_spools (
    spool TEXT PRIMARY KEY NOT NULL,
    moved BIGINT NOT NULL
);
