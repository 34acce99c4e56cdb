-- Schema version 4: stories, named and ordered lists of steps a presenter walks through.
-- A step refers to an incident by its id (text, so it survives re-imports that renumber
-- rows) or holds a view (date range, rows, filter) as a JSON object; either way it has a
-- heading and the presenter's notes. Positions run 0..n-1 within a story.
CREATE TABLE story (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE story_step (
    id       INTEGER PRIMARY KEY,
    story    INTEGER NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    incident TEXT,
    view     TEXT,
    heading  TEXT NOT NULL DEFAULT '',
    notes    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX story_step_order ON story_step (story, position);
