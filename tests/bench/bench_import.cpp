// bench_import: one import of FILE into a new document at DB, as `faultline import` does it.
//   bench_import N FILE DB  -> JSON lines {"benchmark": "import <ext>", "n": N, "values": [ms]} and its peak RSS
// (FILE may be a folder: "import folder")
#include "benchutil.h"
#include "import/importer.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QFileInfo>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4)
        return 2;
    const qint64 n = args.at(1).toLongLong();
    const QString file = args.at(2);
    QFile::remove(args.at(3));
    Database db;
    QString error;
    Importer::Result result;
    const double ms = Bench::timeMs([&] {
        if (!db.open(args.at(3), Database::Mode::ReadWrite, &error))
            return;
        result = Importer::importFile(db, file);
    });
    if (!error.isEmpty() || result.failed || result.imported != n) {
        qCritical("import failed: %s %s (imported %d)", qPrintable(error), qPrintable(result.error), result.imported);
        return 1;
    }
    // "csv", "json", "stix.json"; a folder is "folder".
    const QFileInfo info(file);
    const QString kind = info.isDir() ? QStringLiteral("folder") : info.completeSuffix();
    Bench::report(QStringLiteral("import %1").arg(kind), n, { ms });
    Bench::report(QStringLiteral("import %1 peak RSS").arg(kind), n, { Bench::peakRssMiB() }, QStringLiteral("MiB"));
    return 0;
}
