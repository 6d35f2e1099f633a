DROP TABLE document_tags;
DROP TABLE document_access;
DROP TABLE document_versions;
DROP TABLE documents;
DROP TABLE file_chunks;
DROP TABLE file_blobs;
