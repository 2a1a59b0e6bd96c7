-- One row the health check writes, so it notices a database that can be read but not written
-- (a full disk, a read-only file, a lock held too long).
CREATE TABLE health (
    id INTEGER PRIMARY KEY NOT NULL,
    at_ms INTEGER NOT NULL
);
