-- Schema version 5: the user's own records and their local edits of imported records.
-- A row names a record id that imports leave alone:
--   kind 'user'    a record the user wrote (dataset "My records", id "user-..."); imported NULL
--   kind 'edited'  an imported record the user changed; the incident row holds the user's version
--   kind 'deleted' an imported record the user deleted; it has no incident row any more
-- For 'edited' and 'deleted', `imported` holds the imported version as one faultline JSON
-- record (UserRecords::toJson), which Revert restores and a re-import of the same id refreshes.
CREATE TABLE local_edit (
    id       TEXT PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('user', 'edited', 'deleted')),
    imported TEXT
) WITHOUT ROWID;
