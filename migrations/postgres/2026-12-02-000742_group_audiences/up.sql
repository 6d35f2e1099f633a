-- A thread may be addressed to a working group: a participant of kind 'working_group' whose
-- participant_id is the group's code, resolved when read through working_group_members.
ALTER TABLE thread_participants DROP CONSTRAINT thread_participants_kind_check;
ALTER TABLE thread_participants ADD CONSTRAINT thread_participants_kind_check
    CHECK (kind IN ('user', 'organisation', 'working_group'));
