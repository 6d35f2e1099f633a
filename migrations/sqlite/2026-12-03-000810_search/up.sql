-- Full-text search (issue 15). One row per searchable part of an object: `kind` and `item_id`
-- name the object, `part_id` the part ('' for the object's own title and text; a report
-- section, a thread's message, a document's file version, a plan's measure otherwise).
-- `withheld` marks a report section the State withheld: the search query lets only those who
-- see withheld sections match it. Triggers on the source tables keep the rows in step inside
-- the writer's transaction; `search_fts` (FTS5, external content) indexes title and body.
-- Stemming: the Porter (English) stemmer over unicode61 with diacritics removed, so French
-- words match without their accents and in the exact or English-suffix-stripped form
-- (PostgreSQL stems in English and French; see ARCHITECTURE.md).
CREATE TABLE search_index (
    seq INTEGER PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('report', 'need', 'project', 'plan', 'activity', 'document', 'thread')),
    item_id TEXT NOT NULL,
    part_id TEXT NOT NULL,
    withheld BOOLEAN NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE UNIQUE INDEX search_index_part_idx ON search_index (kind, item_id, part_id);
CREATE INDEX search_index_part_id_idx ON search_index (part_id);

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

-- Reports: the title and summary, then one row per section with its consent.
CREATE TRIGGER search_reports_insert AFTER INSERT ON reports BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('report', new.id, '', 0, new.title, new.summary);
END;
CREATE TRIGGER search_reports_update AFTER UPDATE OF title, summary ON reports BEGIN
    UPDATE search_index SET title = new.title, body = new.summary
    WHERE kind = 'report' AND item_id = new.id AND part_id = '';
END;
CREATE TRIGGER search_reports_delete AFTER DELETE ON reports BEGIN
    DELETE FROM search_index WHERE kind = 'report' AND item_id = old.id;
END;
CREATE TRIGGER search_sections_insert AFTER INSERT ON report_sections BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('report', new.report_id, new.id, new.consent = 'withheld', new.heading, new.body);
END;
CREATE TRIGGER search_sections_update AFTER UPDATE ON report_sections BEGIN
    UPDATE search_index SET withheld = (new.consent = 'withheld'), title = new.heading, body = new.body
    WHERE kind = 'report' AND part_id = old.id;
END;
CREATE TRIGGER search_sections_delete AFTER DELETE ON report_sections BEGIN
    DELETE FROM search_index WHERE kind = 'report' AND part_id = old.id;
END;

-- Needs, projects, activities: title and description.
CREATE TRIGGER search_needs_insert AFTER INSERT ON needs BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('need', new.id, '', 0, new.title, new.description);
END;
CREATE TRIGGER search_needs_update AFTER UPDATE OF title, description ON needs BEGIN
    UPDATE search_index SET title = new.title, body = new.description
    WHERE kind = 'need' AND item_id = new.id AND part_id = '';
END;
CREATE TRIGGER search_needs_delete AFTER DELETE ON needs BEGIN
    DELETE FROM search_index WHERE kind = 'need' AND item_id = old.id;
END;
CREATE TRIGGER search_projects_insert AFTER INSERT ON projects BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('project', new.id, '', 0, new.title, new.description);
END;
CREATE TRIGGER search_projects_update AFTER UPDATE OF title, description ON projects BEGIN
    UPDATE search_index SET title = new.title, body = new.description
    WHERE kind = 'project' AND item_id = new.id AND part_id = '';
END;
CREATE TRIGGER search_projects_delete AFTER DELETE ON projects BEGIN
    DELETE FROM search_index WHERE kind = 'project' AND item_id = old.id;
END;
CREATE TRIGGER search_activities_insert AFTER INSERT ON activities BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('activity', new.id, '', 0, new.title, new.description);
END;
CREATE TRIGGER search_activities_update AFTER UPDATE OF title, description ON activities BEGIN
    UPDATE search_index SET title = new.title, body = new.description
    WHERE kind = 'activity' AND item_id = new.id AND part_id = '';
END;
CREATE TRIGGER search_activities_delete AFTER DELETE ON activities BEGIN
    DELETE FROM search_index WHERE kind = 'activity' AND item_id = old.id;
END;

-- Documents: title and description, and the file name of each version.
CREATE TRIGGER search_documents_insert AFTER INSERT ON documents BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('document', new.id, '', 0, new.title, new.description);
END;
CREATE TRIGGER search_documents_update AFTER UPDATE OF title, description ON documents BEGIN
    UPDATE search_index SET title = new.title, body = new.description
    WHERE kind = 'document' AND item_id = new.id AND part_id = '';
END;
CREATE TRIGGER search_documents_delete AFTER DELETE ON documents BEGIN
    DELETE FROM search_index WHERE kind = 'document' AND item_id = old.id;
END;
CREATE TRIGGER search_document_versions_insert AFTER INSERT ON document_versions BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('document', new.document_id, new.id, 0, new.filename, '');
END;
CREATE TRIGGER search_document_versions_delete AFTER DELETE ON document_versions BEGIN
    DELETE FROM search_index WHERE kind = 'document' AND part_id = old.id;
END;

-- Threads: the subject, and each message.
CREATE TRIGGER search_threads_insert AFTER INSERT ON threads BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('thread', new.id, '', 0, new.subject, '');
END;
CREATE TRIGGER search_threads_update AFTER UPDATE OF subject ON threads BEGIN
    UPDATE search_index SET title = new.subject
    WHERE kind = 'thread' AND item_id = new.id AND part_id = '';
END;
CREATE TRIGGER search_threads_delete AFTER DELETE ON threads BEGIN
    DELETE FROM search_index WHERE kind = 'thread' AND item_id = old.id;
END;
CREATE TRIGGER search_messages_insert AFTER INSERT ON messages BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('thread', new.thread_id, new.id, 0, '', new.body);
END;
CREATE TRIGGER search_messages_update AFTER UPDATE OF body ON messages BEGIN
    UPDATE search_index SET body = new.body WHERE kind = 'thread' AND part_id = old.id;
END;
CREATE TRIGGER search_messages_delete AFTER DELETE ON messages BEGIN
    DELETE FROM search_index WHERE kind = 'thread' AND part_id = old.id;
END;

-- Plans: each measure (requirement; recommendation, assistance areas and indicator).
CREATE TRIGGER search_measures_insert AFTER INSERT ON plan_measures BEGIN
    INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    VALUES ('plan', new.plan_id, new.id, 0, new.requirement,
            new.recommendation || ' ' || new.assistance_areas || ' ' || new.indicator);
END;
CREATE TRIGGER search_measures_update AFTER UPDATE OF requirement, recommendation, assistance_areas, indicator ON plan_measures BEGIN
    UPDATE search_index SET title = new.requirement,
        body = new.recommendation || ' ' || new.assistance_areas || ' ' || new.indicator
    WHERE kind = 'plan' AND part_id = old.id;
END;
CREATE TRIGGER search_measures_delete AFTER DELETE ON plan_measures BEGIN
    DELETE FROM search_index WHERE kind = 'plan' AND part_id = old.id;
END;

-- What exists already.
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'report', id, '', 0, title, summary FROM reports;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'report', report_id, id, consent = 'withheld', heading, body FROM report_sections;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'need', id, '', 0, title, description FROM needs;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'project', id, '', 0, title, description FROM projects;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'activity', id, '', 0, title, description FROM activities;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'document', id, '', 0, title, description FROM documents;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'document', document_id, id, 0, filename, '' FROM document_versions;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'thread', id, '', 0, subject, '' FROM threads;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'thread', thread_id, id, 0, '', body FROM messages;
INSERT INTO search_index (kind, item_id, part_id, withheld, title, body)
    SELECT 'plan', plan_id, id, 0, requirement,
           recommendation || ' ' || assistance_areas || ' ' || indicator FROM plan_measures;
