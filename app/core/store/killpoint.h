#pragma once

// TEST-ONLY crash points (issue 17: nothing half-written). The writes that must be all or
// nothing (an import's transaction, a migration, an export's file, Save a Copy As) call
// KillPoint::reach("name") at the instants where a crash would hurt most. When the
// environment variable FAULTLINE_KILL_AT names that point, the process sends itself SIGKILL
// there: no handler, no destructor, no rollback runs, exactly as a power cut or `kill -9`.
// tests/cli/tst_killpoints then checks that the document (integrity_check, content) or the
// file is exactly as before or as after, never in between.
//
// Nothing else may set the variable. It is read once, on the first call; in a normal run
// (the variable unset) reach() compares one empty byte array and returns.
//
// Points: import.begin, import.mid (the first batch of records is in the transaction),
// import.before-commit, import.after-commit; export.mid (part of the file is written),
// export.before-rename (the temporary file is complete), export.after-rename;
// migration.mid (some steps done, uncommitted), migration.before-commit; copy.mid (part of
// the pages copied), copy.before-rename, copy.after-rename.
namespace KillPoint {
void reach(const char *point);
} // namespace KillPoint
