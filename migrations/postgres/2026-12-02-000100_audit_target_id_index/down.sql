DROP INDEX audit_log_target_id_idx;
