-- French stemming on SQLite (issue 15): the search index is tokenized by the portal's own
-- `portal` tokenizer (src/db/fts.rs: unicode61 without accents, each word given with its
-- English and, at the same position, its French Snowball stem), instead of `porter`, which
-- stems English only. The index also holds each part's kind, so that a search among one kind
-- intersects the words with that kind's list in the index (`kind : "need" AND {title body} :
-- (...)`) instead of walking every match of the other kinds. The index is rebuilt from
-- `search_index`, and the triggers that keep it give it the kind.
DROP TRIGGER search_index_insert;
DROP TRIGGER search_index_delete;
DROP TRIGGER search_index_update;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, kind,
    content = 'search_index', content_rowid = 'seq',
    tokenize = 'portal'
);
CREATE TRIGGER search_index_insert AFTER INSERT ON search_index BEGIN
    INSERT INTO search_fts (rowid, title, body, kind) VALUES (new.seq, new.title, new.body, new.kind);
END;
CREATE TRIGGER search_index_delete AFTER DELETE ON search_index BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body, kind)
    VALUES ('delete', old.seq, old.title, old.body, old.kind);
END;
CREATE TRIGGER search_index_update AFTER UPDATE ON search_index BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body, kind)
    VALUES ('delete', old.seq, old.title, old.body, old.kind);
    INSERT INTO search_fts (rowid, title, body, kind) VALUES (new.seq, new.title, new.body, new.kind);
END;
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
