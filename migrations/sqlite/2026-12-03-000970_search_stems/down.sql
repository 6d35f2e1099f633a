DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = 'search_index', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
