-- Accents (issue 15): people do not always type them. SQLite's index folds them (the `portal`
-- tokenizer, src/db/fts.rs, the same version); here the words of the text and of the query
-- lose the accents of the Latin letters before they are stemmed in English and French, so
-- « frontiere controle » finds « frontières contrôlées » on both backends. The index over
-- `search_document` is rebuilt, since the function it stores changed.
CREATE FUNCTION search_fold(t TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(t,
        'àâäáãåçéèêëîïíìôöóòõùûüúÿýñÀÂÄÁÃÅÇÉÈÊËÎÏÍÌÔÖÓÒÕÙÛÜÚŸÝÑ',
        'aaaaaaceeeeiiiiooooouuuuyynAAAAAACEEEEIIIIOOOOOUUUUYYN')
$$;
CREATE OR REPLACE FUNCTION search_words(t TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(search_fold(t), '<>./_@', '      ')
$$;
CREATE OR REPLACE FUNCTION search_query(q TEXT) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('english'::regconfig, search_fold(q))
        || to_tsquery('french'::regconfig, search_fold(q))
$$;
REINDEX INDEX search_index_document_idx;
