-- Schema version 3: a generation number that every import raises, and a cache of the
-- in-memory columns the timeline reads, tagged with the generation it was built from. A
-- cache whose generation is not the current one is never read.
CREATE TABLE document_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO document_meta (key, value) VALUES ('generation', 0);

CREATE TABLE column_cache (
    part       INTEGER PRIMARY KEY,
    generation INTEGER NOT NULL,
    data       BLOB NOT NULL
);
