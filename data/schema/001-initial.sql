-- Faultline document, schema version 1.
-- Dates are kept twice: as the ISO partial date the user wrote (start, "end") and as
-- Julian day numbers of the whole uncertain interval (first_day, last_day inclusive)
-- with the precision of start (0 day, 1 month, 2 year), which the timeline reads.
CREATE TABLE incident (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    start       TEXT NOT NULL,
    "end"       TEXT,
    first_day   INTEGER NOT NULL,
    last_day    INTEGER NOT NULL,
    precision   INTEGER NOT NULL,
    type        TEXT NOT NULL,
    attribution TEXT NOT NULL DEFAULT 'none',
    actor       TEXT NOT NULL DEFAULT '',
    sectors     TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '',
    related     TEXT NOT NULL DEFAULT '',
    dataset     TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT ''
);

-- Countries of an incident with their role: 0 victim, 1 attacker; in the record's order.
CREATE TABLE incident_country (
    incident INTEGER NOT NULL REFERENCES incident(rowid) ON DELETE CASCADE,
    role     INTEGER NOT NULL,
    position INTEGER NOT NULL,
    code     TEXT NOT NULL,
    PRIMARY KEY (incident, role, position)
) WITHOUT ROWID;
CREATE INDEX incident_country_code ON incident_country(code, role);

CREATE TABLE source (
    incident  INTEGER NOT NULL REFERENCES incident(rowid) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    url       TEXT NOT NULL DEFAULT '',
    title     TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL DEFAULT '',
    date      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (incident, position)
) WITHOUT ROWID;

-- External-content full-text index, maintained by the store (no triggers).
CREATE VIRTUAL TABLE incident_fts USING fts5(
    title, summary, actor, tags,
    content='incident', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
