DROP TRIGGER search_index_insert;
DROP TRIGGER search_index_delete;
DROP TRIGGER search_index_update;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = 'search_index', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_index_insert AFTER INSERT ON search_index BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;
CREATE TRIGGER search_index_delete AFTER DELETE ON search_index BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
END;
CREATE TRIGGER search_index_update AFTER UPDATE ON search_index BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
    INSERT INTO search_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
