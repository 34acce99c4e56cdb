#include "exportcommand.h"

#include "cli.h"
#include "clishared.h"
#include "export/figureexporter.h"
#include "export/figurescope.h"
#include "export/recordexport.h"
#include "interruption.h"
#include "query/filterengine.h"
#include "store/incidentstore.h"
#include "store/signalname.h"
#include "storyexport.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>
#include <algorithm>
#include <optional>

namespace Cli::ExportCommand {
namespace {
    enum class OutFormat { Png, Svg, Pdf, Csv, Json, Stix };

    struct Request
    {
        QString path;
        OutFormat format = OutFormat::Png;
        Filter filter;
        std::optional<int> width, height;
        double dpi = 96;
        QString title;
        bool titleSet = false;
        bool dark = false;
        RowKey rows = RowKey::VictimCountry;
        int top = 0;
    };

    constexpr int s_minPixels = 16;
    constexpr int s_maxPixels = 20000;
    constexpr double s_minDpi = 24;
    constexpr double s_maxDpi = 2400;
    constexpr int s_maxTop = 100000;

    const QStringList s_figureOptions = { QStringLiteral("width"), QStringLiteral("height"), QStringLiteral("dpi"),
        QStringLiteral("title"), QStringLiteral("theme"), QStringLiteral("rows"), QStringLiteral("top") };

    bool isFigure(OutFormat f)
    {
        return f == OutFormat::Png || f == OutFormat::Svg || f == OutFormat::Pdf;
    }

    std::optional<OutFormat> formatOf(const QString &path)
    {
        const QString name = QFileInfo(path).fileName().toLower();
        const std::pair<const char *, OutFormat> endings[]
            = { { ".stix.json", OutFormat::Stix }, { ".json", OutFormat::Json }, { ".csv", OutFormat::Csv },
                  { ".png", OutFormat::Png }, { ".svg", OutFormat::Svg }, { ".pdf", OutFormat::Pdf } };
        for (const auto &[ending, format] : endings) {
            const QString suffix = QString::fromLatin1(ending);
            if (name.endsWith(suffix) && name.size() > suffix.size())
                return format;
        }
        return std::nullopt;
    }

    bool parseInt(
        const QCommandLineParser &p, const char *option, int min, int max, std::optional<int> &value, QString *error)
    {
        const QString name = QString::fromLatin1(option);
        if (!p.isSet(name))
            return true;
        bool ok = false;
        const int v = p.value(name).trimmed().toInt(&ok);
        if (!ok || v < min || v > max) {
            *error = QStringLiteral("--%1: \"%2\" is not a whole number from %3 to %4")
                         .arg(name, p.value(name))
                         .arg(min)
                         .arg(max);
            return false;
        }
        value = v;
        return true;
    }

    bool parseChoices(const QCommandLineParser &p, Request &r, QString *error)
    {
        if (p.isSet(QStringLiteral("theme"))) {
            const QString theme = p.value(QStringLiteral("theme"));
            if (theme != u"light" && theme != u"dark") {
                *error = QStringLiteral("--theme: \"%1\" is not light or dark").arg(theme);
                return false;
            }
            r.dark = theme == u"dark";
        }
        if (p.isSet(QStringLiteral("rows"))) {
            const QString rows = p.value(QStringLiteral("rows"));
            const QHash<QString, RowKey> keys = { { QStringLiteral("victims"), RowKey::VictimCountry },
                { QStringLiteral("attackers"), RowKey::AttackerCountry }, { QStringLiteral("actor"), RowKey::Actor },
                { QStringLiteral("type"), RowKey::Type }, { QStringLiteral("sector"), RowKey::Sector } };
            if (!keys.contains(rows)) {
                *error = QStringLiteral("--rows: \"%1\" is not victims, attackers, actor, type or sector").arg(rows);
                return false;
            }
            r.rows = keys.value(rows);
        }
        if (p.isSet(QStringLiteral("dpi"))) {
            bool ok = false;
            r.dpi = p.value(QStringLiteral("dpi")).trimmed().toDouble(&ok);
            if (!ok || !(r.dpi >= s_minDpi && r.dpi <= s_maxDpi)) {
                *error = QStringLiteral("--dpi: \"%1\" is not a number from %2 to %3")
                             .arg(p.value(QStringLiteral("dpi")))
                             .arg(s_minDpi)
                             .arg(s_maxDpi);
                return false;
            }
        }
        r.titleSet = p.isSet(QStringLiteral("title"));
        r.title = p.value(QStringLiteral("title"));
        return true;
    }

    bool parseRequest(const QCommandLineParser &p, Request &r, QString *error)
    {
        r.path = p.value(QStringLiteral("out"));
        if (r.path.isEmpty()) {
            *error = QStringLiteral("export: --out FILE is required");
            return false;
        }
        const auto format = formatOf(r.path);
        if (!format) {
            *error = QStringLiteral("--out: \"%1\" does not end in .png, .svg, .pdf, .csv, .json or .stix.json")
                         .arg(QFileInfo(r.path).fileName());
            return false;
        }
        r.format = *format;
        if (!isFigure(r.format)) {
            for (const QString &option : s_figureOptions) {
                if (p.isSet(option)) {
                    *error = QStringLiteral("--%1: only figures (.png, .svg, .pdf) have it").arg(option);
                    return false;
                }
            }
        }
        std::optional<int> top;
        if (!parseInt(p, "width", s_minPixels, s_maxPixels, r.width, error)
            || !parseInt(p, "height", s_minPixels, s_maxPixels, r.height, error)
            || !parseInt(p, "top", 1, s_maxTop, top, error) || !parseChoices(p, r, error))
            return false;
        r.top = top.value_or(0);
        return Shared::parseFilter(p, r.filter, error);
    }

    void say(const QString &text)
    {
        QTextStream out(stdout);
        out << text << "\n";
    }

    int finish(const ExportResult &result, const QString &done)
    {
        if (!result.ok) {
            Shared::printError(result.error);
            return Usage;
        }
        say(done);
        return Success;
    }

    // The incidents the filter matches, by index into `columns`, in date order.
    std::vector<IncidentColumns::Index> matching(
        IncidentStore &store, const IncidentColumns &columns, const Filter &filter)
    {
        QList<qint64> hits;
        if (!filter.search.isEmpty())
            hits = store.search(filter.search);
        std::vector<IncidentColumns::Index> order
            = FilterEngine::apply(columns, filter, filter.search.isEmpty() ? nullptr : &hits, false).indices;
        std::stable_sort(
            order.begin(), order.end(), [&](auto a, auto b) { return columns.firstDay[a] < columns.firstDay[b]; });
        return order;
    }

    int exportData(Database &db, const Request &r)
    {
        IncidentStore store(db);
        const IncidentColumns columns = store.loadColumns();
        const std::vector<IncidentColumns::Index> order = matching(store, columns, r.filter);
        const RecordExport::Format format = r.format == OutFormat::Csv ? RecordExport::Format::Csv
            : r.format == OutFormat::Json                              ? RecordExport::Format::FaultlineJson
                                                                       : RecordExport::Format::Stix;
        // A signal cancels the export at its next progress call: no file, or the old one, is left.
        const Interruption::Scope interruptible;
        const ExportResult result = RecordExport::write(
            r.path, format, db, columns, order, [](qint64, qint64) { return Interruption::carryOn(); });
        if (result.cancelled && Interruption::signal() != 0) {
            Shared::printError(QStringLiteral("interrupted by %1; %2 was not written")
                                   .arg(signalName(Interruption::signal()), r.path));
            return 128 + Interruption::signal();
        }
        return finish(result, QStringLiteral("wrote %1: %2 incidents").arg(r.path).arg(order.size()));
    }

    std::shared_ptr<const TimelineRows> rowsFor(Database &db, const Request &r)
    {
        IncidentStore store(db);
        auto columns = std::make_shared<const IncidentColumns>(store.loadColumns());
        RowOptions options;
        options.key = r.rows;
        return FigureScope::top(TimelineRows::build(columns, matching(store, *columns, r.filter), options), r.top);
    }

    FigureOptions figureOptions(const Request &r, std::shared_ptr<const TimelineRows> rows)
    {
        FigureOptions o;
        o.format = r.format == OutFormat::Png ? FigureFormat::Png
            : r.format == OutFormat::Svg      ? FigureFormat::Svg
                                              : FigureFormat::Pdf;
        o.dpi = r.dpi;
        o.dark = r.dark;
        o.pixels = QSize(r.width.value_or(o.pixels.width()), r.height.value_or(o.pixels.height()));
        o.fitHeight = !r.height; // without --height, as tall as the rows need (at most the default)
        if (o.format == FigureFormat::Pdf && (r.width || r.height)) {
            const QSizeF mm = QSizeF(o.pixels) / r.dpi * 25.4;
            o.pageSize = QPageSize(mm, QPageSize::Millimeter, {}, QPageSize::ExactMatch);
            o.orientation = QPageLayout::Portrait; // the custom size is already as wide as asked
        }
        const auto [first, end] = FigureScope::range(r.filter, rows.get());
        o.firstDay = first;
        o.endDay = end;
        o.title = r.titleSet ? r.title : FigureExporter::proposeTitle(r.filter, first, end);
        o.caption = FigureScope::caption(r.filter, rows.get(), first, end);
        o.rows = std::move(rows);
        return o;
    }

    int exportFigure(Database &db, const Request &r)
    {
        const std::shared_ptr<const TimelineRows> rows = rowsFor(db, r);
        const int rowCount = rows ? rows->rowCount() : 0;
        FigureExporter exporter(figureOptions(r, rows));
        return finish(exporter.write(r.path), QStringLiteral("wrote %1: %2 rows").arg(r.path).arg(rowCount));
    }
} // namespace

QStringList optionNames()
{
    return s_figureOptions + QStringList { QStringLiteral("out"), QStringLiteral("story") };
}

int run(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("story")))
        return StoryExport::run(parser);
    Request request;
    QString error;
    if (!parseRequest(parser, request, &error))
        return Shared::usageError(error);
    Database db;
    if (!Shared::openForReading(db, parser.value(QStringLiteral("db")), &error)) {
        Shared::printError(error);
        return Usage;
    }
    return isFigure(request.format) ? exportFigure(db, request) : exportData(db, request);
}
} // namespace Cli::ExportCommand
