#pragma once

#include <QStringList>

// The headless command line of SPEC §5: import, list, stats (export arrives with its own
// issue). Runs under a QCoreApplication; prints to stdout/stderr and returns the exit code:
// 0 success, 1 some records rejected, 2 bad usage or unreadable input.
namespace Cli {
enum ExitCode { Success = 0, Rejected = 1, Usage = 2 };

// True when `arguments` (without argv[0]) ask for the command line rather than the window.
bool wantsCli(const QStringList &arguments);
// The command names run() knows ("import", "list", ...).
QStringList commands();
int run(const QStringList &arguments);

// Where the document lives when no --db is given (QStandardPaths::AppDataLocation).
QString defaultDatabasePath();
} // namespace Cli
