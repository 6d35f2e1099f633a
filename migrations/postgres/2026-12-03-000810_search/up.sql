-- Full-text search (issue 15). One row per searchable part of an object: `kind` and `item_id`
-- name the object, `part_id` the part ('' for the object's own title and text; a report
-- section, a thread's message, a document's file version, a plan's measure otherwise).
-- `withheld` marks a report section the State withheld: the search query lets only those who
-- see withheld sections match it. Triggers on the source tables keep the rows in step inside
-- the writer's transaction; a GIN index over `search_document(title, body)` (English and
-- French stems; the title weighs more) serves the `@@` of the search query.
CREATE TABLE search_index (
    seq BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('report', 'need', 'project', 'plan', 'activity', 'document', 'thread')),
    item_id TEXT NOT NULL,
    part_id TEXT NOT NULL,
    withheld BOOLEAN NOT NULL DEFAULT FALSE,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE UNIQUE INDEX search_index_part_idx ON search_index (kind, item_id, part_id);
CREATE INDEX search_index_part_id_idx ON search_index (part_id);

-- The words of a part: PostgreSQL's parser reads `notes.pdf`, `a/b` or `x@y` as one token (a
-- file, a path, an address) and drops `<…>` as a tag, where FTS5 sees words; these characters
-- are spaces here, so both backends find the same words.
CREATE FUNCTION search_words(t TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(t, '<>./_@', '      ')
$$;
CREATE FUNCTION search_document(title TEXT, body TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig, search_words(title)), 'A')
        || to_tsvector('english'::regconfig, search_words(body))
        || setweight(to_tsvector('french'::regconfig, search_words(title)), 'A')
        || to_tsvector('french'::regconfig, search_words(body))
$$;
-- The query side: the tsquery text the application builds from the user's words (letters and
-- digits joined by its own `&` and `<->`), stemmed in English or in French.
CREATE FUNCTION search_query(q TEXT) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('english'::regconfig, q) || to_tsquery('french'::regconfig, q)
$$;
CREATE INDEX search_index_document_idx ON search_index USING GIN (search_document(title, body));

-- Writes or replaces one part.
CREATE FUNCTION search_index_put(p_kind TEXT, p_item TEXT, p_part TEXT, p_withheld BOOLEAN, p_title TEXT, p_body TEXT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES (p_kind, p_item, p_part, p_withheld, p_title, p_body)
    ON CONFLICT (kind, item_id, part_id)
    DO UPDATE SET withheld = EXCLUDED.withheld, title = EXCLUDED.title, body = EXCLUDED.body
$$;

-- Reports, needs, projects, activities, documents, threads: the object's own row ('' part),
-- and every part of it goes when it goes.
CREATE FUNCTION search_index_object() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind TEXT := TG_ARGV[0];
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_index s WHERE s.kind = TG_ARGV[0] AND s.item_id = OLD.id;
        RETURN OLD;
    END IF;
    IF TG_TABLE_NAME = 'reports' THEN
        PERFORM search_index_put(kind, NEW.id, '', FALSE, NEW.title, NEW.summary);
    ELSIF TG_TABLE_NAME = 'threads' THEN
        PERFORM search_index_put(kind, NEW.id, '', FALSE, NEW.subject, '');
    ELSE
        PERFORM search_index_put(kind, NEW.id, '', FALSE, NEW.title, NEW.description);
    END IF;
    RETURN NEW;
END;
$$;

-- Report sections, messages, document versions, plan measures: one part of an object.
CREATE FUNCTION search_index_part() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_index s WHERE s.kind = TG_ARGV[0] AND s.part_id = OLD.id;
        RETURN OLD;
    END IF;
    IF TG_TABLE_NAME = 'report_sections' THEN
        PERFORM search_index_put('report', NEW.report_id, NEW.id, NEW.consent = 'withheld', NEW.heading, NEW.body);
    ELSIF TG_TABLE_NAME = 'messages' THEN
        PERFORM search_index_put('thread', NEW.thread_id, NEW.id, FALSE, '', NEW.body);
    ELSIF TG_TABLE_NAME = 'document_versions' THEN
        PERFORM search_index_put('document', NEW.document_id, NEW.id, FALSE, NEW.filename, '');
    ELSIF TG_TABLE_NAME = 'plan_measures' THEN
        PERFORM search_index_put('plan', NEW.plan_id, NEW.id, FALSE, NEW.requirement,
            NEW.recommendation || ' ' || NEW.assistance_areas || ' ' || NEW.indicator);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER search_reports AFTER INSERT OR UPDATE OR DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION search_index_object('report');
CREATE TRIGGER search_needs AFTER INSERT OR UPDATE OR DELETE ON needs
    FOR EACH ROW EXECUTE FUNCTION search_index_object('need');
CREATE TRIGGER search_projects AFTER INSERT OR UPDATE OR DELETE ON projects
    FOR EACH ROW EXECUTE FUNCTION search_index_object('project');
CREATE TRIGGER search_activities AFTER INSERT OR UPDATE OR DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION search_index_object('activity');
CREATE TRIGGER search_documents AFTER INSERT OR UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION search_index_object('document');
CREATE TRIGGER search_threads AFTER INSERT OR UPDATE OR DELETE ON threads
    FOR EACH ROW EXECUTE FUNCTION search_index_object('thread');
CREATE TRIGGER search_sections AFTER INSERT OR UPDATE OR DELETE ON report_sections
    FOR EACH ROW EXECUTE FUNCTION search_index_part('report');
CREATE TRIGGER search_messages AFTER INSERT OR UPDATE OR DELETE ON messages
    FOR EACH ROW EXECUTE FUNCTION search_index_part('thread');
CREATE TRIGGER search_document_versions AFTER INSERT OR UPDATE OR DELETE ON document_versions
    FOR EACH ROW EXECUTE FUNCTION search_index_part('document');
CREATE TRIGGER search_measures AFTER INSERT OR UPDATE OR DELETE ON plan_measures
    FOR EACH ROW EXECUTE FUNCTION search_index_part('plan');

-- What exists already.
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'report', id, '', FALSE, title, summary FROM reports;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'report', report_id, id, consent = 'withheld', heading, body FROM report_sections;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'need', id, '', FALSE, title, description FROM needs;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'project', id, '', FALSE, title, description FROM projects;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'activity', id, '', FALSE, title, description FROM activities;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'document', id, '', FALSE, title, description FROM documents;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'document', document_id, id, FALSE, filename, '' FROM document_versions;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'thread', id, '', FALSE, subject, '' FROM threads;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'thread', thread_id, id, FALSE, '', body FROM messages;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'plan', plan_id, id, FALSE, requirement,
           recommendation || ' ' || assistance_areas || ' ' || indicator FROM plan_measures;
