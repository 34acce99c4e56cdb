#pragma once

// TEST-ONLY crash points (issue 17: nothing half-written). The writes that must be all or
// nothing (an import's transaction, a migration, an export's file, Save a Copy As, the user's
// own edits of records and stories) call KillPoint::reach("name") at the instants where a
// crash would hurt most. When the environment variable FAULTLINE_KILL_AT names that point,
// the process sends itself SIGKILL there: no handler, no destructor, no rollback runs,
// exactly as a power cut or `kill -9`. tests/cli/tst_killpoints then checks that the
// document (integrity_check, content) or the file is exactly as before or as after, never in
// between.
//
// Nothing else may set the variable. It is read once, on the first call; in a normal run
// (the variable unset) reach() compares one empty byte array and returns.
//
// Points: import.begin, import.mid (the first batch of records is in the transaction),
// import.before-commit, import.after-commit; export.mid (part of the file is written),
// export.before-rename (the temporary file is complete), export.after-rename;
// migration.mid (some steps done, uncommitted), migration.before-commit; copy.mid (part of
// the pages copied), copy.before-rename, copy.after-rename;
// record.row (UserRecords::apply, through IncidentStore::put: the record's row is written,
// its countries, sources and full-text entry not yet), record.mid (the record is written or
// removed, its local_edit row not yet), record.before-commit, record.after-commit;
// story.mid (StoryStore: a story added with only its first step, a story deleted whose steps
// are gone but not its row, or the steps of a story half renumbered by an insert, a move or a
// delete of a step), story.before-commit, story.after-commit. Renaming a story and updating
// a step are single statements, which SQLite's journal makes whole by itself: no point.
namespace KillPoint {
void reach(const char *point);
} // namespace KillPoint
