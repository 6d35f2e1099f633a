-- French stemming on SQLite (issue 15): the search index is tokenized by the portal's own
-- `portal` tokenizer (src/db/fts.rs: unicode61 without accents, each word given with its
-- English and, at the same position, its French Snowball stem), instead of `porter`, which
-- stems English only. The index is rebuilt from `search_index`; the triggers that keep it
-- name `search_fts` only and stay as they are.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = 'search_index', content_rowid = 'seq',
    tokenize = 'portal'
);
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
