-- The audit filter matches a bare value against the target id as well as the type.
CREATE INDEX audit_log_target_id_idx ON audit_log (target_id, seq);
