#pragma once

#include "query/filter.h"
#include "store/database.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QCommandLineParser;

// What the commands of the command line share (defined in cli.cpp): the usage error, the
// filter options of `list`, opening the document, and the incidents a filter matches.
namespace Cli::Shared {
// Prints "faultline: MESSAGE" and the hint to --help on stderr; returns the usage exit code.
int usageError(const QString &message);
// Prints "faultline: MESSAGE" on stderr.
void printError(const QString &message);
// --from, --to, --country, --attacker, --region, --type, --sector, --attribution, --actor, --search.
bool parseFilter(const QCommandLineParser &parser, Filter &filter, QString *error);
// The document of --db (read-only when it can be), or the default one, seeded when new.
bool openForReading(Database &db, const QString &explicitPath, QString *error);
// The document of --db, or the default one (created and seeded when new), for a writing
// command; a file that cannot be written opens read-only (Database::isReadOnly()).
bool openForWriting(Database &db, const QString &explicitPath, QString *error);
// The store rowids of the matching incidents, in date order.
QList<qint64> matchingRowids(Database &db, const Filter &filter);
} // namespace Cli::Shared
