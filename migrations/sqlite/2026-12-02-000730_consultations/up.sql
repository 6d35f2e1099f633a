-- Capacity consultations (issue 13): one State, one programme; draft, then published with the
-- State's consent (published: Compact entities and coordinator offices see it too; withheld:
-- coordinators and the State only). Participants are organisation codes, kept as a JSON array
-- (they are shown and exported, never filtered on).
CREATE TABLE consultations (
    id TEXT PRIMARY KEY NOT NULL,
    member_state_id TEXT NOT NULL REFERENCES organisations (id),
    programme TEXT NOT NULL,
    held_on DATE NOT NULL,
    situation TEXT NOT NULL,
    gaps TEXT NOT NULL,
    obstacles TEXT NOT NULL,
    ongoing_actions TEXT NOT NULL,
    participants TEXT NOT NULL,
    consent TEXT NOT NULL CHECK (consent IN ('published', 'withheld')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP
);
-- The list reads newest consultation first; each filter keeps that order after it, and the
-- scope's columns (status, consent) lead an index of their own.
CREATE INDEX consultations_held_idx ON consultations (held_on, id);
CREATE INDEX consultations_state_idx ON consultations (member_state_id, held_on, id);
CREATE INDEX consultations_programme_idx ON consultations (programme, held_on, id);
CREATE INDEX consultations_scope_idx ON consultations (status, consent, held_on, id);
