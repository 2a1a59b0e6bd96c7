-- One row the health check writes, so it notices a database that can be read but not written.
CREATE TABLE health (
    id INTEGER PRIMARY KEY NOT NULL,
    at_ms BIGINT NOT NULL
);
