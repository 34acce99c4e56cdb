// bench_open: the window's own path from "open this document" to the first painted timeline
// frame, offscreen, then filter changes and the process's peak memory with everything loaded.
//   bench_open N DB first   the first open after an import: rows read, column cache written
//   bench_open N DB         a later open, from the column cache
#include "benchutil.h"
#include "document/documentcontroller.h"
#include "mainwindow.h"
#include "query/filter.h"
#include "store/database.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // no saved view from a real session
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3 && !(args.size() == 4 && args.at(3) == u"first"))
        return 2;
    const bool first = args.size() == 4;
    const qint64 n = args.at(1).toLongLong();
    auto openOnce = [&](MainWindow &window) {
        window.resize(1920, 1080);
        window.show();
        QCoreApplication::processEvents();
        const double ms = Bench::timeMs([&] {
            if (!window.openDocument(args.at(2)))
                qFatal("cannot open %s", qPrintable(args.at(2)));
            window.timeline()->repaint(); // paints now, through the widget's paintEvent
        });
        if (window.visibleCount() != n)
            qFatal("expected %lld incidents, the window shows %d", n, window.visibleCount());
        return ms;
    };
    if (first) {
        // As right after an import: no cache yet. The window reads the rows, then stores them.
        {
            Database db;
            QString error;
            if (!db.open(args.at(2), Database::Mode::ReadWrite, &error)
                || !db.exec(QStringLiteral("DELETE FROM column_cache")))
                qFatal("cannot prepare %s: %s", qPrintable(args.at(2)), qPrintable(error));
        }
        MainWindow window;
        QSignalSpy cached(window.document(), &DocumentController::columnCacheWritten);
        Bench::report(QStringLiteral("open to first frame, first open after import"), n, { openOnce(window) });
        if (!cached.wait(120000) || !cached.first().first().toBool())
            qFatal("the column cache was not written");
        Bench::report(QStringLiteral("peak RSS, first open (writes the cache)"), n, { Bench::peakRssMiB() },
            QStringLiteral("MiB"));
        return 0;
    }
    MainWindow window;
    Bench::report(QStringLiteral("open to first frame"), n, { openOnce(window) });

    // The background integrity check runs once after opening; measure after it, as a user
    // who clicks a few seconds later would see it.
    QSignalSpy checked(window.document(), &DocumentController::documentChecked);
    checked.wait(120000);

    // What a user waits for after a click in the filters: engine, facet counts, table,
    // timeline rows and the repaint.
    auto windowChange = [&](const QString &name, const Filter &filter) {
        QList<double> values;
        for (int r = 0; r < 3; ++r) {
            values << Bench::timeMs([&] {
                window.setFilter(filter);
                window.timeline()->repaint();
            });
            values << Bench::timeMs([&] {
                window.setFilter(Filter());
                window.timeline()->repaint();
            });
        }
        Bench::report(name, n, values);
    };
    Filter type;
    type.types = { IncidentType::Ransomware };
    windowChange(QStringLiteral("window: filter change (one type, and back)"), type);
    Filter search;
    search.search = QStringLiteral("hospital ransom");
    windowChange(QStringLiteral("window: full-text search (and back)"), search);
    Bench::report(QStringLiteral("peak RSS, everything loaded"), n, { Bench::peakRssMiB() }, QStringLiteral("MiB"));
    return 0;
}
