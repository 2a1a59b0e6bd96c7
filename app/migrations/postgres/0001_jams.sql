-- The same schema as the SQLite migrations arrive at (see there for what each part is for).
-- A jam is its history: `jams` holds what is looked up, `jam_changes` every accepted change
-- in version order, `jam_snapshots` the whole jam as of one version.
CREATE TABLE jams (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    share_token TEXT,
    changed_ms BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX jams_share_token ON jams (share_token) WHERE share_token IS NOT NULL;

CREATE TABLE jam_snapshots (
    jam_id TEXT PRIMARY KEY NOT NULL REFERENCES jams (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    state TEXT NOT NULL
);

CREATE TABLE jam_changes (
    jam_id TEXT NOT NULL REFERENCES jams (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    command_id TEXT,
    change TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    PRIMARY KEY (jam_id, version)
);
CREATE UNIQUE INDEX jam_changes_command ON jam_changes (jam_id, command_id)
    WHERE command_id IS NOT NULL;
