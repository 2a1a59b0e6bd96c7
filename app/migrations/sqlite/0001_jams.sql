-- A jam is stored as one document: the domain's `Jam`, serialized as JSON. Every change loads it,
-- applies one validated command and writes it back in the same transaction, so the database
-- never holds a state the domain did not produce. `code` and `version` are columns of their own
-- for look-ups and for telling screens what changed.
CREATE TABLE jams (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
