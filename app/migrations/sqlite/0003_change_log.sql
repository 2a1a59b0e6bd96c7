-- A jam is now its history: every accepted change is a row of `jam_changes`, numbered by the
-- jam's version, and `jam_snapshots` holds the jam as of one version so that loading it replays
-- only the changes made since. A change costs one small row instead of rewriting the whole jam,
-- and the primary key (jam, version) lets the database, not a process, order a jam's changes.
CREATE TABLE jam_snapshots (
    jam_id TEXT PRIMARY KEY NOT NULL REFERENCES jams (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    state TEXT NOT NULL
);
INSERT INTO jam_snapshots (jam_id, version, state) SELECT id, version, state FROM jams;

CREATE TABLE jam_changes (
    jam_id TEXT NOT NULL REFERENCES jams (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    -- The id the client gave the command, so a retried request is applied once.
    command_id TEXT,
    change TEXT NOT NULL,
    -- When it was accepted (ms since the epoch): replaying it needs the same moment.
    at_ms INTEGER NOT NULL,
    PRIMARY KEY (jam_id, version)
);
CREATE UNIQUE INDEX jam_changes_command ON jam_changes (jam_id, command_id)
    WHERE command_id IS NOT NULL;

ALTER TABLE jams DROP COLUMN state;
ALTER TABLE jams DROP COLUMN updated_at;
-- When the jam last changed (ms since the epoch).
ALTER TABLE jams ADD COLUMN changed_ms INTEGER NOT NULL DEFAULT 0;
