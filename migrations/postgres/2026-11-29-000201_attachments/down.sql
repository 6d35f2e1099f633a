DROP TABLE message_attachments;
DROP TABLE file_blobs;
