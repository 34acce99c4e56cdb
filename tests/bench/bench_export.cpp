// bench_export: the exports as users run them, through FigureExporter, RecordWriter and
// StixWriter, over a benchmark document.
//   bench_export N DB RUNS OUT_DIR
// Reports "figure PNG 3840x2160 full range" (192 dpi, every row that fits, written to a file),
// "figure PDF A4 one year" and "figure SVG one year" (2013, 1600 x 900 for the SVG),
// "export CSV everything" (every record read from the document in one pass and written as
// faultline CSV, and its reading with formatting and its writing apart), "export JSON everything" (the same as
// faultline JSON) and "export STIX 10,000 incidents" (the first 10,000 records read and written as a STIX 2.1 bundle).
// Leaves the files in OUT_DIR for a look.
#include "benchutil.h"
#include "export/figureexporter.h"
#include "export/recordexport.h"
#include "query/filterengine.h"
#include "render/timelinerows.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "store/recordtexts.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QGuiApplication>

namespace {
FigureOptions figure(std::shared_ptr<const TimelineRows> rows, FigureFormat format)
{
    FigureOptions o;
    o.format = format;
    o.rows = std::move(rows);
    o.title = QStringLiteral("Cyber incidents by victim country");
    o.caption = QStringLiteral("Synthetic benchmark data (deterministic generator); Faultline");
    return o;
}

void setYear(FigureOptions &o, int year)
{
    o.firstDay = double(QDate(year, 1, 1).toJulianDay());
    o.endDay = double(QDate(year + 1, 1, 1).toJulianDay());
}

void check(const ExportResult &result)
{
    if (!result.ok)
        qFatal("%s", qPrintable(result.error));
}

void benchFigures(qint64 n, int runs, const std::shared_ptr<const TimelineRows> &rows, const QString &outDir)
{
    FigureOptions png = figure(rows, FigureFormat::Png);
    png.pixels = QSize(3840, 2160);
    png.dpi = 192;
    png.firstDay = rows->firstDay();
    png.endDay = rows->lastDay() + 1.0;
    Bench::report(QStringLiteral("figure PNG 3840x2160 full range"), n, Bench::repeat(runs, [&] {
        check(FigureExporter(png).write(outDir + QStringLiteral("/figure-full-range.png")));
    }));
    FigureOptions pdf = figure(rows, FigureFormat::Pdf);
    setYear(pdf, 2013);
    Bench::report(QStringLiteral("figure PDF A4 one year"), n, Bench::repeat(runs, [&] {
        check(FigureExporter(pdf).write(outDir + QStringLiteral("/figure-one-year.pdf")));
    }));
    FigureOptions svg = figure(rows, FigureFormat::Svg);
    setYear(svg, 2013);
    Bench::report(QStringLiteral("figure SVG one year"), n, Bench::repeat(runs, [&] {
        check(FigureExporter(svg).write(outDir + QStringLiteral("/figure-one-year.svg")));
    }));
}

void benchData(qint64 n, int runs, Database &db, const IncidentColumns &columns, const QString &outDir)
{
    // Every record in date order, as `faultline export --out everything.csv` writes them.
    const std::vector<IncidentColumns::Index> all = columns.byDate;
    Bench::report(QStringLiteral("export CSV everything"), n, Bench::repeat(runs, [&] {
        check(RecordExport::write(
            outDir + QStringLiteral("/everything.csv"), RecordExport::Format::Csv, db, columns, all));
    }));
    // Its two halves apart: reading the records, each row formatted by the thread that reads
    // it; then writing the rows in order to the file through QSaveFile.
    Bench::report(QStringLiteral("export CSV everything: reading and formatting"), n, Bench::repeat(runs, [&] {
        if (!RecordExport::readCsvRows(db, columns, all))
            qFatal("cannot read the records");
    }));
    const std::optional<RecordTexts> rows = RecordExport::readCsvRows(db, columns, all);
    if (!rows)
        qFatal("cannot read the records");
    Bench::report(QStringLiteral("export CSV everything: writing"), n, Bench::repeat(runs, [&] {
        check(ExportFile::write(outDir + QStringLiteral("/everything-2.csv"), [&](QIODevice &device) {
            return RecordExport::writeCsvRows(device, *rows) ? ExportResult::success() : ExportResult::cancel();
        }));
    }));
    Bench::report(QStringLiteral("export JSON everything"), n, Bench::repeat(runs, [&] {
        check(RecordExport::write(
            outDir + QStringLiteral("/everything.json"), RecordExport::Format::FaultlineJson, db, columns, all));
    }));
    std::vector<IncidentColumns::Index> first(all.size() < 10000 ? all.size() : 10000);
    for (std::size_t i = 0; i < first.size(); ++i)
        first[i] = IncidentColumns::Index(i); // the first 10,000 rowids
    Bench::report(QStringLiteral("export STIX 10,000 incidents"), n, Bench::repeat(runs, [&] {
        check(RecordExport::write(
            outDir + QStringLiteral("/first-10000.stix.json"), RecordExport::Format::Stix, db, columns, first));
    }));
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

    Database db;
    QString error;
    db.setQuickCheckOnOpen(false);
    if (!db.open(args.at(2), Database::Mode::ReadOnly, &error))
        qFatal("%s", qPrintable(error));
    auto columns = std::make_shared<const IncidentColumns>(
        IncidentStore(db).loadColumns(nullptr, IncidentStore::LoadMode::Scan));
    const FilterEngine::Result everything = FilterEngine::apply(*columns, Filter(), nullptr, false);
    const auto rows = TimelineRows::build(columns, everything.indices, RowOptions());
    benchFigures(n, runs, rows, outDir);
    benchData(n, runs, db, *columns, outDir);
    return 0;
}
