DELETE FROM thread_participants WHERE kind = 'working_group';
CREATE TABLE thread_participants_old (
    id TEXT PRIMARY KEY NOT NULL,
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'organisation')),
    participant_id TEXT NOT NULL,
    UNIQUE (thread_id, kind, participant_id)
);
INSERT INTO thread_participants_old (id, thread_id, kind, participant_id)
    SELECT id, thread_id, kind, participant_id FROM thread_participants;
DROP TABLE thread_participants;
ALTER TABLE thread_participants_old RENAME TO thread_participants;
CREATE INDEX thread_participants_who_idx ON thread_participants (kind, participant_id);
