DROP TABLE audit_spools;
