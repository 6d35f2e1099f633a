DROP TABLE outbox;
DROP TABLE message_reads;
DROP TABLE messages;
DROP TABLE thread_participants;
DROP TABLE threads;
ALTER TABLE users DROP COLUMN last_digest_at;
ALTER TABLE users DROP COLUMN mail_mode;
