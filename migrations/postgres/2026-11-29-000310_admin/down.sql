DROP INDEX audit_log_actor_email_idx;
