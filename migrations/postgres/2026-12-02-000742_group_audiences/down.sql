DELETE FROM thread_participants WHERE kind = 'working_group';
ALTER TABLE thread_participants DROP CONSTRAINT thread_participants_kind_check;
ALTER TABLE thread_participants ADD CONSTRAINT thread_participants_kind_check
    CHECK (kind IN ('user', 'organisation'));
