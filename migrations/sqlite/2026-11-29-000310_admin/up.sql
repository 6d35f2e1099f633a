-- The audit page filters by the actor's e-mail address in any case, newest first.
CREATE INDEX audit_log_actor_email_idx ON audit_log (lower(actor_email), seq);
