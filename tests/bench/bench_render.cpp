// bench_render: timeline frames over a benchmark document.
//   bench_render N DB RUNS OUT_DIR
// Reports: "core only: rows read to first frame" (store, filter, rows, one frame; the window
// path is bench_open), "timeline rows build" (once per filter change), "frame 1920x1080 full range",
// "frame 3840x2160 device pixels full range" (the same at device pixel ratio 2),
// "frame 1920x1080 one year", "frame 1920x1080 one month" (layout + paint into a reused
// QImage, GUI thread), "frame 1920x1080 panning" (one-year window shifted by 5 % per frame,
// 20 frames per run, per-frame times), and the exports: "export 3840x2160 PNG" (full range, logical
// 1920x1080 at device pixel ratio 2, written with QImageWriter), "export SVG one year"
// (QSvgGenerator) and "export PDF one year" (QPdfWriter, A4 landscape). Saves the frames and
// exports to OUT_DIR for a look.
#include "benchutil.h"
#include "query/filterengine.h"
#include "render/timelinelayout.h"
#include "render/timelinerenderer.h"
#include "render/timelinerows.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QBuffer>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
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
TimelineFrame exportFrame(const TimelineFrame &screen, QSizeF size)
{
    TimelineFrame frame = screen;
    frame.size = size;
    frame.forExport = true;
    frame.showLegend = true;
    frame.title = QStringLiteral("Cyber incidents by victim country");
    frame.footer = QStringLiteral("Sources: synthetic benchmark data (deterministic generator)");
    return frame;
}

// PNG: the logical frame times the device pixel ratio, as the view paints on a high-DPI screen.
void exportPng(const TimelineFrame &screen, const QString &fileName)
{
    constexpr qreal dpr = 2;
    const TimelineFrame frame = exportFrame(screen, QSizeF(3840 / dpr, 2160 / dpr));
    QImage image(QSize(3840, 2160), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    {
        const TimelineLayout layout(frame, &image);
        QPainter painter(&image);
        TimelineRenderer::paint(painter, frame, layout);
    }
    QImageWriter writer(fileName, "png");
    if (!writer.write(image))
        qFatal("%s", qPrintable(writer.errorString()));
}

void exportSvg(const TimelineFrame &screen, const QString &fileName)
{
    const TimelineFrame frame = exportFrame(screen, QSizeF(1920, 1080));
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("%s", qPrintable(file.errorString()));
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(frame.size.toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), frame.size));
    svg.setResolution(96);
    svg.setTitle(frame.title);
    const TimelineLayout layout(frame, &svg);
    QPainter painter(&svg);
    TimelineRenderer::paint(painter, frame, layout);
}

void exportPdf(const TimelineFrame &screen, const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("%s", qPrintable(file.errorString()));
    QPdfWriter pdf(&file);
    pdf.setResolution(300);
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(0, 0, 0, 0)));
    const double scale = pdf.resolution() / 96.0;
    const QSizeF logical(pdf.width() / scale, pdf.height() / scale);
    const TimelineFrame frame = exportFrame(screen, logical);
    const TimelineLayout layout(frame, &pdf);
    QPainter painter(&pdf);
    painter.scale(scale, scale);
    TimelineRenderer::paint(painter, frame, layout);
}

void setYear(TimelineFrame &frame, int year)
{
    frame.firstDay = double(QDate(year, 1, 1).toJulianDay());
    frame.endDay = double(QDate(year + 1, 1, 1).toJulianDay());
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
    QDir().mkpath(outDir);

    std::shared_ptr<const IncidentColumns> columns;
    std::shared_ptr<const TimelineRows> rows;
    QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    TimelineFrame frame;
    frame.size = QSizeF(1920, 1080);

    const double open = Bench::timeMs([&] {
        Database db;
        QString error;
        db.setQuickCheckOnOpen(false); // as the window opens it
        if (!db.open(args.at(2), Database::Mode::ReadOnly, &error))
            qFatal("%s", qPrintable(error));
        columns = std::make_shared<const IncidentColumns>(
            IncidentStore(db).loadColumns(nullptr, IncidentStore::LoadMode::Scan));
        const FilterEngine::Result result = FilterEngine::apply(*columns, Filter(), nullptr, false);
        rows = TimelineRows::build(columns, result.indices, RowOptions());
        frame.rows = rows;
        frame.firstDay = rows->firstDay();
        frame.endDay = double(rows->lastDay()) + 1;
        paintOnce(image, frame);
    });
    Bench::report(QStringLiteral("core only: rows read to first frame (no window)"), n, { open });

    // Everything, as the window passes it: a filter result, in date order.
    const std::vector<IncidentColumns::Index> all = FilterEngine::apply(*columns, Filter(), nullptr, false).indices;
    Bench::report(QStringLiteral("timeline rows build"), n,
        Bench::repeat(runs, [&] { rows = TimelineRows::build(columns, all, RowOptions()); }));
    frame.rows = rows;

    QList<double> full;
    for (int r = 0; r < runs; ++r)
        full << paintOnce(image, frame);
    Bench::report(QStringLiteral("frame 1920x1080 full range"), n, full);
    image.save(outDir + QStringLiteral("/frame-full-range.png"));

    // The same frame on a 4K or high-DPI laptop screen: 1920x1080 logical at device pixel
    // ratio 2, as the view paints it there.
    {
        QImage hiDpi(3840, 2160, QImage::Format_ARGB32_Premultiplied);
        hiDpi.setDevicePixelRatio(2.0);
        QList<double> big;
        for (int r = 0; r < runs; ++r)
            big << paintOnce(hiDpi, frame);
        Bench::report(QStringLiteral("frame 3840x2160 device pixels full range"), n, big);
    }

    const double fullFirst = frame.firstDay;
    const double fullEnd = frame.endDay;

    setYear(frame, 2013);
    QList<double> year;
    for (int r = 0; r < runs; ++r)
        year << paintOnce(image, frame);
    Bench::report(QStringLiteral("frame 1920x1080 one year"), n, year);
    image.save(outDir + QStringLiteral("/frame-one-year.png"));

    // Panning: 20 successive frames at one-year zoom, each shifted by 5 % of the range.
    QList<double> panning;
    for (int r = 0; r < runs; ++r) {
        setYear(frame, 2012);
        const double step = (frame.endDay - frame.firstDay) * 0.05;
        for (int k = 0; k < 20; ++k) {
            frame.firstDay += step;
            frame.endDay += step;
            panning << paintOnce(image, frame);
        }
    }
    Bench::report(QStringLiteral("frame 1920x1080 panning"), n, panning);
    image.save(outDir + QStringLiteral("/frame-panning.png"));

    frame.firstDay = double(QDate(2013, 6, 1).toJulianDay());
    frame.endDay = double(QDate(2013, 7, 1).toJulianDay());
    QList<double> month;
    for (int r = 0; r < runs; ++r)
        month << paintOnce(image, frame);
    Bench::report(QStringLiteral("frame 1920x1080 one month"), n, month);
    image.save(outDir + QStringLiteral("/frame-one-month.png"));

    frame.firstDay = fullFirst;
    frame.endDay = fullEnd;
    Bench::report(QStringLiteral("export 3840x2160 PNG"), n,
        Bench::repeat(runs, [&] { exportPng(frame, outDir + QStringLiteral("/export-full-range.png")); }));
    setYear(frame, 2013);
    Bench::report(QStringLiteral("export SVG one year"), n,
        Bench::repeat(runs, [&] { exportSvg(frame, outDir + QStringLiteral("/export-one-year.svg")); }));
    Bench::report(QStringLiteral("export PDF one year"), n,
        Bench::repeat(runs, [&] { exportPdf(frame, outDir + QStringLiteral("/export-one-year.pdf")); }));
    return 0;
}
