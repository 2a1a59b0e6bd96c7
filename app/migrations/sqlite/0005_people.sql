-- Who takes part in which jam, and which sessions are whose: a jam that is deleted (by its
-- facilitator, or when left alone past the retention time) takes with it the sessions of the
-- people who were in no other jam.
CREATE TABLE jam_people (
    jam_id TEXT NOT NULL REFERENCES jams (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL,
    PRIMARY KEY (jam_id, person_id)
);
CREATE INDEX jam_people_person ON jam_people (person_id);

CREATE TABLE people_sessions (
    session_id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL
);
CREATE INDEX people_sessions_person ON people_sessions (person_id);

CREATE INDEX jams_changed ON jams (changed_ms);
