#pragma once

#include <QStringList>

// The headless command line: import, list, stats and export (README.md, "Command line"). Runs under a
// QCoreApplication, except export, which draws text and needs a QGuiApplication (see drawsFigures()); prints to
// stdout/stderr and returns the exit code: 0 success, 1 some records rejected, 2 bad usage or unreadable input.
namespace Cli {
enum ExitCode { Success = 0, Rejected = 1, Usage = 2 };

// True when `arguments` (without argv[0]) ask for the command line rather than the window.
bool wantsCli(const QStringList &arguments);
// True when the command (`export`) may draw a figure: it needs a QGuiApplication for fonts,
// started on the offscreen platform so that no display is needed.
bool drawsFigures(const QStringList &arguments);
// The command names run() knows ("import", "list", ...).
QStringList commands();
int run(const QStringList &arguments);

// The window's arguments: `--db PATH` (or `--db=PATH`) or the first FILE ending in ".faultline" is
// the document to open (as a file manager passes a double-clicked document); other FILEs are
// imported into it.
struct WindowArguments
{
    QString document;
    QStringList imports;
};
WindowArguments windowArguments(const QStringList &arguments);

// The process's arguments (without argv[0]) split between Qt and Faultline. Only the Qt options
// Faultline documents reach Qt: `-platform NAME` and `-style NAME` (or `-platform=NAME`,
// `-style=NAME`), and only before the first argument that is not one of them. Everything
// else is Faultline's, so a file named `-stylesheet=x.qss` or `-platformpluginpath=/tmp/p` is
// a file, never a Qt option that loads a style sheet or plugins. After `--` every argument is
// a file, even one that starts with `-`.
struct ProcessArguments
{
    QStringList qt; // for the application object, after argv[0]
    QStringList faultline;
};
ProcessArguments splitArguments(const QStringList &arguments);

// Where the document lives when no --db is given (QStandardPaths::AppDataLocation).
QString defaultDatabasePath();
} // namespace Cli
