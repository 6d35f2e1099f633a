-- A thread may be addressed to a working group: a participant of kind 'working_group' whose
-- participant_id is the group's code, resolved when read through working_group_members.
-- SQLite cannot change a CHECK constraint, so the table is rebuilt (nothing references it).
CREATE TABLE thread_participants_new (
    id TEXT PRIMARY KEY NOT NULL,
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'organisation', 'working_group')),
    participant_id TEXT NOT NULL,
    UNIQUE (thread_id, kind, participant_id)
);
INSERT INTO thread_participants_new (id, thread_id, kind, participant_id)
    SELECT id, thread_id, kind, participant_id FROM thread_participants;
DROP TABLE thread_participants;
ALTER TABLE thread_participants_new RENAME TO thread_participants;
CREATE INDEX thread_participants_who_idx ON thread_participants (kind, participant_id);
