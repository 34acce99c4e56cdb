// bench_render: timeline frames (SPEC §8) over a benchmark document.
//   bench_render N DB RUNS OUT_DIR
// Reports: "timeline rows build" (once per filter change), "frame 1920x1080 full range",
// "frame 1920x1080 one month" (layout + paint into a QImage, GUI thread) and "open to first
// frame" (open, load columns, filter, rows, first full-range frame). Saves the frames to
// OUT_DIR for a look.
#include "benchutil.h"
#include "query/filterengine.h"
#include "render/timelinelayout.h"
#include "render/timelinerenderer.h"
#include "render/timelinerows.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QDate>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <numeric>

namespace {
double paintOnce(QImage &image, const TimelineFrame &frame)
{
    return Bench::timeMs([&] {
        const TimelineLayout layout(frame, &image);
        QPainter painter(&image);
        TimelineRenderer::paint(painter, frame, layout);
    });
}
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5)
        return 2;
    const qint64 n = args.at(1).toLongLong();
    const int runs = args.at(3).toInt();
    const QString outDir = args.at(4);

    std::shared_ptr<const IncidentColumns> columns;
    std::shared_ptr<const TimelineRows> rows;
    QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    TimelineFrame frame;
    frame.size = QSizeF(1920, 1080);

    const double open = Bench::timeMs([&] {
        Database db;
        QString error;
        if (!db.open(args.at(2), Database::Mode::ReadOnly, &error))
            qFatal("%s", qPrintable(error));
        columns = std::make_shared<const IncidentColumns>(IncidentStore(db).loadColumns());
        const FilterEngine::Result result = FilterEngine::apply(*columns, Filter(), nullptr, false);
        rows = TimelineRows::build(columns, result.indices, RowOptions());
        frame.rows = rows;
        frame.firstDay = rows->firstDay();
        frame.endDay = double(rows->lastDay()) + 1;
        paintOnce(image, frame);
    });
    Bench::report(QStringLiteral("open to first frame"), n, {open});

    std::vector<IncidentColumns::Index> all(columns->size());
    std::iota(all.begin(), all.end(), 0u);
    Bench::report(QStringLiteral("timeline rows build"), n,
                  Bench::repeat(runs, [&] { rows = TimelineRows::build(columns, all, RowOptions()); }));
    frame.rows = rows;

    QList<double> full;
    for (int r = 0; r < runs; ++r)
        full << paintOnce(image, frame);
    Bench::report(QStringLiteral("frame 1920x1080 full range"), n, full);
    image.save(outDir + QStringLiteral("/frame-full-range.png"));

    frame.firstDay = double(QDate(2013, 6, 1).toJulianDay());
    frame.endDay = double(QDate(2013, 7, 1).toJulianDay());
    QList<double> month;
    for (int r = 0; r < runs; ++r)
        month << paintOnce(image, frame);
    Bench::report(QStringLiteral("frame 1920x1080 one month"), n, month);
    image.save(outDir + QStringLiteral("/frame-one-month.png"));
    return 0;
}
