CREATE OR REPLACE FUNCTION search_words(t TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(t, '<>./_@', '      ')
$$;
CREATE OR REPLACE FUNCTION search_query(q TEXT) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('english'::regconfig, q) || to_tsquery('french'::regconfig, q)
$$;
DROP FUNCTION search_fold(TEXT);
REINDEX INDEX search_index_document_idx;
