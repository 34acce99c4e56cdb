// bench_open: the window's own path from "open this document" to the first painted timeline
// frame, offscreen, then the process's peak memory with everything loaded.
//   bench_open N DB
#include "benchutil.h"
#include "mainwindow.h"
#include "query/filter.h"
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
    if (args.size() != 3)
        return 2;
    const qint64 n = args.at(1).toLongLong();
    MainWindow window;
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
    Bench::report(QStringLiteral("open to first frame"), n, {ms});

    // The background integrity check runs once after opening; measure after it, as a user
    // who clicks a few seconds later would see it.
    QSignalSpy checked(&window, &MainWindow::documentChecked);
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
    type.types = {IncidentType::Ransomware};
    windowChange(QStringLiteral("window: filter change (one type, and back)"), type);
    Filter search;
    search.search = QStringLiteral("hospital ransom");
    windowChange(QStringLiteral("window: full-text search (and back)"), search);
    Bench::report(QStringLiteral("peak RSS, everything loaded"), n, {Bench::peakRssMiB()}, QStringLiteral("MiB"));
    return 0;
}
