#include "cli.h"

#include "clishared.h"
#include "domain/countries.h"
#include "domain/regions.h"
#include "draftcommand.h"
#include "export/recordwriter.h"
#include "exportcommand.h"
#include "import/csvmapping.h"
#include "import/importer.h"
#include "interruption.h"
#include "query/filter.h"
#include "query/filterengine.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "store/signalname.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTextStream>
#include <cstdio>

namespace Cli {
namespace {
    const QStringList s_commands = { QStringLiteral("import"), QStringLiteral("list"), QStringLiteral("stats"),
        QStringLiteral("export"), QStringLiteral("draft") };

    QTextStream &out()
    {
        static QTextStream s(stdout);
        return s;
    }
    QTextStream &err()
    {
        static QTextStream s(stderr);
        return s;
    }

    void writeOut(const QByteArray &bytes)
    {
        out().flush();
        std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
        std::fflush(stdout);
    }

    int usageError(const QString &message)
    {
        err() << "faultline: " << message << "\n"
              << "Try 'faultline --help'.\n";
        err().flush();
        return Usage;
    }

    QString helpText()
    {
        return QStringLiteral(
            "Usage: faultline [--db PATH] [FILE...]          open the window (a FILE.faultline is opened, other FILEs "
            "imported)\n"
            "       faultline [--db PATH] import [--format auto|faultline|csv|stix|misp|veris] [--map MAP.json] "
            "[--strict] [--bundled] [FILE|FOLDER|ZIP...]\n"
            "       faultline [--db PATH] import --draft FILE|-  saves the draft of a news article in \"My "
            "records\"\n"
            "       faultline [--db PATH] list   [FILTERS] [--format table|csv|json]\n"
            "       faultline [--db PATH] stats  [FILTERS] [--json]\n"
            "       faultline [--db PATH] export [FILTERS] --out FILE [EXPORT OPTIONS]\n"
            "       faultline [--db PATH] export --story NAME --out FILE.pdf\n"
            "       faultline draft [--json] FILE|-          a news article's text (or HTML page) -> a draft record\n"
            "       faultline --version | --help\n"
            "\n"
            "Faultline keeps cyber-incident records in one SQLite document and draws them on a\n"
            "country-by-date timeline. Without --db it uses %1,\n"
            "which is created and filled with the bundled dataset on first use; a new file named\n"
            "with --db starts empty.\n"
            "\n"
            "FILTERS:\n"
            "  --from DATE          incidents that reach DATE or later (YYYY, YYYY-MM or YYYY-MM-DD)\n"
            "  --to DATE            incidents that start by DATE\n"
            "  --country CC[,CC]    victim countries (ISO codes or names)\n"
            "  --attacker CC[,CC]   countries the incidents are attributed to\n"
            "  --region R[,R]       victims in these UN M49 regions or sub-regions (Europe,\n"
            "                       \"Eastern Europe\", ...)\n"
            "  --type T[,T]         %2\n"
            "  --sector S[,S]       %3\n"
            "  --attribution A[,A]  %4\n"
            "  --actor TEXT         actor name or one of its aliases contains TEXT\n"
            "  --search QUERY       full-text search in title, summary, actor and tags\n"
            "\n"
            "import:\n"
            "  --map MAP.json       read every CSV through this mapping of its columns to record\n"
            "                       fields (see the README, \"CSV through a mapping\")\n"
            "  --draft FILE|-       draft a record from a news article (text or HTML; - reads standard\n"
            "                       input) as draft does, check it as an import would and save it as\n"
            "                       a new record of \"My records\"; nothing else may be imported with\n"
            "                       it. A draft that fails a check is not saved (exit 1): each field\n"
            "                       and its message are printed; finish it in the window (Edit > New\n"
            "                       Incident from Article)\n"
            "\n"
            "export:\n"
            "  --out FILE           where to write what list would print; the extension picks the\n"
            "                       format: .png .svg .pdf (a figure), .csv .json (faultline\n"
            "                       records) or .stix.json (a STIX 2.1 bundle). No display needed\n"
            "  --width PX           figure width in pixels, 16 to 20000 (default 1600)\n"
            "  --height PX          figure height in pixels, 16 to 20000; without it a PNG or SVG is as\n"
            "                       tall as its rows need, at most 900; a PDF is an A4 landscape\n"
            "                       page unless --width or --height gives its size\n"
            "  --dpi DPI            figure resolution, 24 to 2400 (default 96); text keeps its size\n"
            "  --title TEXT         figure title (default: proposed from the filters)\n"
            "  --theme light|dark   figure colours (default light)\n"
            "  --rows victims|attackers|actor|type|sector  what a figure row is (default victims)\n"
            "  --top N              only the N rows with the most incidents\n"
            "  --story NAME         the story's handout instead: a cover and one page per step\n"
            "\n"
            "Exit codes: 0 success; 1 some records rejected (the valid ones are in, unless --strict),\n"
            "or a draft not saved; 2 bad usage or unreadable input (nothing written); 128 + N when\n"
            "signal N (SIGINT, SIGTERM, SIGHUP) stopped an import or export (nothing written).\n")
            .arg(QDir::toNativeSeparators(defaultDatabasePath()), Vocabulary::allTypeKeys().join(u','),
                Vocabulary::allSectorKeys().join(u','), Vocabulary::allAttributionKeys().join(u','));
    }

    // Opens the document; the default one is created and seeded with the bundled dataset.
    bool openDatabase(Database &db, const QString &explicitPath, Database::Mode mode, QString *error)
    {
        const QString path = explicitPath.isEmpty() ? defaultDatabasePath() : explicitPath;
        if (!db.open(path, mode, error))
            return false;
        if (explicitPath.isEmpty() && db.wasCreated()) {
            const Importer::Result seeded = Importer::importBundled(db);
            if (seeded.failed) {
                *error = seeded.error;
                return false;
            }
        }
        return true;
    }

    // Opens a document for a reading command (list, stats, export). A document named with --db
    // must exist: a mistyped path is an error naming it, never a new empty document. The
    // read-write fallback is for a document that needs migrating to this build's schema.
    bool openForReading(Database &db, const QString &explicitPath, QString *error)
    {
        if (!explicitPath.isEmpty() && !QFileInfo(explicitPath).isFile()) {
            *error = QFileInfo::exists(explicitPath)
                ? QStringLiteral("%1: not a document (a folder or a device); expected a Faultline document file")
                      .arg(explicitPath)
                : QStringLiteral("%1: no such document; nothing was created (import into it to start one)")
                      .arg(explicitPath);
            return false;
        }
        return openDatabase(db, explicitPath, Database::Mode::ReadOnly, error)
            || openDatabase(db, explicitPath, Database::Mode::ReadWrite, error);
    }

    bool parseFilter(const QCommandLineParser &p, Filter &f, QString *error)
    {
        auto list = [&](const char *name) {
            QStringList values;
            for (const QString &v : p.values(QString::fromLatin1(name)))
                values += v.split(u',', Qt::SkipEmptyParts);
            for (QString &v : values)
                v = v.trimmed();
            return values;
        };
        QString why;
        if (p.isSet(QStringLiteral("from"))) {
            const PartialDate d = PartialDate::parse(p.value(QStringLiteral("from")), &why);
            if (!d.isValid()) {
                *error = QStringLiteral("--from: ") + why;
                return false;
            }
            f.fromDay = d.firstDay();
        }
        if (p.isSet(QStringLiteral("to"))) {
            const PartialDate d = PartialDate::parse(p.value(QStringLiteral("to")), &why);
            if (!d.isValid()) {
                *error = QStringLiteral("--to: ") + why;
                return false;
            }
            f.toDay = d.lastDay();
        }
        for (const char *option : { "country", "attacker" }) {
            for (const QString &name : list(option)) {
                const auto code = Countries::instance().resolve(name);
                if (!code) {
                    *error = QStringLiteral("--%1: unknown country \"%2\"").arg(QString::fromLatin1(option), name);
                    return false;
                }
                (qstrcmp(option, "country") == 0 ? f.countries : f.attackerCountries) << *code;
            }
        }
        for (const QString &r : list("region")) {
            const QString region = Regions::instance().spelling(r);
            if (region.isEmpty()) {
                *error = QStringLiteral("--region: unknown region \"%1\"; expected one of %2 or a sub-region")
                             .arg(r, Regions::instance().regionNames().join(u','));
                return false;
            }
            f.regions << region;
        }
        for (const QString &t : list("type")) {
            const auto type = Vocabulary::typeFromKey(t);
            if (!type) {
                *error = QStringLiteral("--type: unknown type \"%1\"; expected %2")
                             .arg(t, Vocabulary::allTypeKeys().join(u','));
                return false;
            }
            f.types << *type;
        }
        for (const QString &s : list("sector")) {
            const auto sector = Vocabulary::sectorFromKey(s);
            if (!sector) {
                *error = QStringLiteral("--sector: unknown sector \"%1\"; expected %2")
                             .arg(s, Vocabulary::allSectorKeys().join(u','));
                return false;
            }
            f.sectors |= sectorBit(*sector);
        }
        for (const QString &a : list("attribution")) {
            const auto attribution = Vocabulary::attributionFromKey(a);
            if (!attribution) {
                *error = QStringLiteral("--attribution: unknown value \"%1\"; expected %2")
                             .arg(a, Vocabulary::allAttributionKeys().join(u','));
                return false;
            }
            f.attributions << *attribution;
        }
        f.actors = p.values(QStringLiteral("actor"));
        f.search = p.value(QStringLiteral("search"));
        return true;
    }

    QList<qint64> matchingRowids(Database &db, const Filter &filter)
    {
        IncidentStore store(db);
        const IncidentColumns columns = store.loadColumns();
        QList<qint64> hits;
        if (!filter.search.isEmpty())
            hits = store.search(filter.search);
        const FilterEngine::Result result
            = FilterEngine::apply(columns, filter, filter.search.isEmpty() ? nullptr : &hits, false);
        // In date order: the order a reader expects from a timeline.
        std::vector<IncidentColumns::Index> order = result.indices;
        std::stable_sort(
            order.begin(), order.end(), [&](auto a, auto b) { return columns.firstDay[a] < columns.firstDay[b]; });
        QList<qint64> rowids;
        rowids.reserve(qsizetype(order.size()));
        for (const auto i : order)
            rowids << columns.rowid[i];
        return rowids;
    }

    int commandImport(const QCommandLineParser &p, const QStringList &files)
    {
        if (p.isSet(QStringLiteral("draft")))
            return DraftCommand::importDraft(p, files);
        bool ok = false;
        Importer::Options options;
        options.format = Importer::formatFromName(
            p.value(QStringLiteral("format")).isEmpty() ? QStringLiteral("auto") : p.value(QStringLiteral("format")),
            &ok);
        if (!ok)
            return usageError(QStringLiteral("import: --format must be auto, faultline, csv, stix, misp or veris"));
        options.strict = p.isSet(QStringLiteral("strict"));
        if (p.isSet(QStringLiteral("map"))) {
            if (options.format != Importer::Format::Auto && options.format != Importer::Format::Csv)
                return usageError(QStringLiteral("import: --map reads CSV; it cannot go with --format %1")
                                      .arg(p.value(QStringLiteral("format"))));
            QString mapError;
            const std::optional<CsvMapping> mapping = CsvMapping::load(p.value(QStringLiteral("map")), &mapError);
            if (!mapping) {
                err() << "faultline: " << mapError << "\n";
                err().flush();
                return Usage;
            }
            options.mapping = std::make_shared<const CsvMapping>(*mapping);
        }
        const bool bundled = p.isSet(QStringLiteral("bundled"));
        if (files.isEmpty() && !bundled)
            return usageError(QStringLiteral("import: name at least one FILE, or --bundled"));

        Database db;
        QString error;
        if (!openDatabase(db, p.value(QStringLiteral("db")), Database::Mode::ReadWrite, &error)) {
            err() << "faultline: " << error << "\n";
            return Usage;
        }
        // Every file, folder and archive (and the bundled dataset) is one transaction: a failure
        // anywhere writes nothing, and the report says what the document holds afterwards. A
        // signal meanwhile cancels it the same way (Interruption).
        const Interruption::Scope interruptible;
        options.progress = [](qint64, qint64) { return Interruption::carryOn(); };
        const Importer::Result total = Importer::importFiles(db, files, options, bundled);
        QString documentLine = total.documentLine();
        // A document this command created and left without a record is removed again: an
        // import that failed, was cancelled or rejected everything leaves the disk as it was.
        if (!p.value(QStringLiteral("db")).isEmpty() && db.wasCreated() && total.documentRecords == 0) {
            const QString path = db.path();
            db.close();
            QFile::remove(path + QStringLiteral("-journal"));
            if (QFile::remove(path))
                documentLine = QStringLiteral("no document was created at %1").arg(QDir::toNativeSeparators(path));
        }
        if (total.cancelled && Interruption::signal() != 0) {
            err() << "faultline: interrupted by " << signalName(Interruption::signal()) << "; nothing was imported\n";
            err().flush();
            out() << documentLine << "\n";
            out().flush();
            return 128 + Interruption::signal();
        }
        for (const Diagnostic &d : total.diagnostics)
            err() << d.toString() << "\n";
        if (total.diagnostics.omitted() > 0)
            err() << total.diagnostics.omittedLine() << "\n";
        err().flush();
        if (total.failed) {
            // The reason is usually one of the lines above already; say it once.
            bool said = false;
            for (const Diagnostic &d : total.diagnostics)
                said = said || d.toString() == total.error;
            if (!said)
                err() << "faultline: " << total.error << "\n";
            err().flush();
            out() << total.summary() << "\n" << documentLine << "\n";
            out().flush();
            return options.strict && total.rejected > 0 && !total.cancelled ? Rejected : Usage;
        }
        out() << total.summary() << "\n" << documentLine << "\n";
        out().flush();
        return total.rejected > 0 ? Rejected : Success;
    }

    // The filters and the document of a reading command (list, stats): Success, or the exit code
    // of the usage error already printed.
    int openFiltered(const QCommandLineParser &p, Filter &filter, Database &db)
    {
        QString error;
        if (!parseFilter(p, filter, &error))
            return usageError(error);
        if (!openForReading(db, p.value(QStringLiteral("db")), &error)) {
            err() << "faultline: " << error << "\n";
            return Usage;
        }
        return Success;
    }

    int commandList(const QCommandLineParser &p)
    {
        const QString format
            = p.value(QStringLiteral("format")).isEmpty() ? QStringLiteral("table") : p.value(QStringLiteral("format"));
        if (format != u"table" && format != u"csv" && format != u"json")
            return usageError(QStringLiteral("list: --format must be table, csv or json"));
        Filter filter;
        Database db;
        if (const int refused = openFiltered(p, filter, db))
            return refused;
        const QList<Incident> incidents = IncidentStore(db).incidents(matchingRowids(db, filter));
        if (format == u"json")
            writeOut(RecordWriter::toJsonArray(incidents));
        else if (format == u"csv")
            writeOut(RecordWriter::toCsv(incidents));
        else
            writeOut(RecordWriter::toTable(incidents));
        return Success;
    }

    struct Stats
    {
        QMap<QString, int> byType, byCountry, byAttacker, bySector, byAttribution, byYear;
        int incidents = 0;
        QString first, last;
    };

    // The statistics of the incidents `indices` names.
    Stats countStats(const IncidentColumns &c, const std::vector<IncidentColumns::Index> &indices)
    {
        Stats s;
        qint64 first = std::numeric_limits<qint64>::max(), last = std::numeric_limits<qint64>::min();
        for (const IncidentColumns::Index i : indices) {
            ++s.byType[Vocabulary::typeKey(c.typeOf(i))];
            ++s.byAttribution[Vocabulary::attributionKey(Attribution(c.attribution[i]))];
            for (auto k = c.victimOffset[i]; k < c.victimOffset[i + 1]; ++k)
                ++s.byCountry[c.countries.at(c.victimCodes[k])];
            for (auto k = c.attackerOffset[i]; k < c.attackerOffset[i + 1]; ++k)
                ++s.byAttacker[c.countries.at(c.attackerCodes[k])];
            for (const QString &sector : Vocabulary::sectorKeys(c.sectors[i]))
                ++s.bySector[sector];
            ++s.byYear[QString::number(QDate::fromJulianDay(c.firstDay[i]).year())];
            first = std::min<qint64>(first, c.firstDay[i]);
            last = std::max<qint64>(last, c.firstDay[i]);
        }
        s.incidents = int(indices.size());
        if (!indices.empty()) {
            s.first = QDate::fromJulianDay(first).toString(Qt::ISODate);
            s.last = QDate::fromJulianDay(last).toString(Qt::ISODate);
        }
        return s;
    }

    void printStats(const Stats &s, bool json)
    {
        if (json) {
            auto object = [](const QMap<QString, int> &map) {
                QJsonObject o;
                for (auto it = map.cbegin(); it != map.cend(); ++it)
                    o.insert(it.key(), it.value());
                return o;
            };
            QJsonObject o;
            o.insert(u"incidents", s.incidents);
            o.insert(u"countries", int(s.byCountry.size()));
            o.insert(u"first", s.first.isEmpty() ? QJsonValue() : QJsonValue(s.first));
            o.insert(u"last", s.last.isEmpty() ? QJsonValue() : QJsonValue(s.last));
            o.insert(u"by_type", object(s.byType));
            o.insert(u"by_country", object(s.byCountry));
            o.insert(u"by_attacker", object(s.byAttacker));
            o.insert(u"by_sector", object(s.bySector));
            o.insert(u"by_attribution", object(s.byAttribution));
            o.insert(u"by_year", object(s.byYear));
            writeOut(QJsonDocument(o).toJson(QJsonDocument::Indented));
            return;
        }
        out() << "incidents  " << s.incidents << "\n";
        out() << "countries  " << s.byCountry.size() << " victim, " << s.byAttacker.size() << " attacker\n";
        out() << "dates      " << s.first << " to " << s.last << "\n";
        out() << "by type   ";
        for (auto it = s.byType.cbegin(); it != s.byType.cend(); ++it)
            out() << " " << it.key() << " " << it.value();
        out() << "\nby year   ";
        for (auto it = s.byYear.cbegin(); it != s.byYear.cend(); ++it)
            out() << " " << it.key() << " " << it.value();
        out() << "\n";
        out().flush();
    }

    // Statistics of the incidents the filters match (all of them without filters).
    int commandStats(const QCommandLineParser &p)
    {
        Filter filter;
        Database db;
        if (const int refused = openFiltered(p, filter, db))
            return refused;
        IncidentStore store(db);
        const IncidentColumns c = store.loadColumns();
        QList<qint64> hits;
        if (!filter.search.isEmpty())
            hits = store.search(filter.search);
        const FilterEngine::Result result
            = FilterEngine::apply(c, filter, filter.search.isEmpty() ? nullptr : &hits, false);
        printStats(countStats(c, result.indices), p.isSet(QStringLiteral("json")));
        return Success;
    }
} // namespace

namespace Shared {
    int usageError(const QString &message)
    {
        return Cli::usageError(message);
    }
    void printError(const QString &message)
    {
        err() << "faultline: " << message << "\n";
        err().flush();
    }
    bool parseFilter(const QCommandLineParser &parser, Filter &filter, QString *error)
    {
        return Cli::parseFilter(parser, filter, error);
    }
    bool openForReading(Database &db, const QString &explicitPath, QString *error)
    {
        return Cli::openForReading(db, explicitPath, error);
    }
    bool openForWriting(Database &db, const QString &explicitPath, QString *error)
    {
        return Cli::openDatabase(db, explicitPath, Database::Mode::ReadWrite, error);
    }
    QList<qint64> matchingRowids(Database &db, const Filter &filter)
    {
        return Cli::matchingRowids(db, filter);
    }
} // namespace Shared

QString defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/faultline.db");
}

bool drawsFigures(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments.at(i) == u"--db") {
            ++i;
            continue;
        }
        if (arguments.at(i) == u"--")
            return false;
        if (!arguments.at(i).startsWith(u'-'))
            return arguments.at(i) == u"export";
    }
    return false;
}

ProcessArguments splitArguments(const QStringList &arguments)
{
    static const QStringList qtOptions = { QStringLiteral("-platform"), QStringLiteral("-style") };
    ProcessArguments split;
    qsizetype i = 0;
    for (; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (qtOptions.contains(a) && i + 1 < arguments.size()) {
            split.qt << a << arguments.at(++i);
            continue;
        }
        const QString name = a.section(u'=', 0, 0);
        if (a.contains(u'=') && qtOptions.contains(name)) {
            split.qt << name << a.section(u'=', 1);
            continue;
        }
        break;
    }
    split.faultline = arguments.mid(i);
    return split;
}

WindowArguments windowArguments(const QStringList &arguments)
{
    WindowArguments parsed;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--") {
            parsed.imports += arguments.mid(i + 1); // files, whatever their names
            break;
        }
        if (a == u"--db" && i + 1 < arguments.size())
            parsed.document = arguments.at(++i);
        else if (a.startsWith(QStringLiteral("--db=")))
            parsed.document = a.mid(5);
        else if (parsed.document.isEmpty() && a.endsWith(QStringLiteral(".faultline"), Qt::CaseInsensitive))
            parsed.document = a;
        else
            parsed.imports << a;
    }
    return parsed;
}

QStringList commands()
{
    return s_commands;
}

bool wantsCli(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--db") {
            ++i;
            continue;
        }
        if (a == u"--")
            return false; // files follow: the window imports them
        if (a == u"--help" || a == u"-h" || a == u"--version" || a == u"-v" || a == u"--help-all")
            return true;
        if (!a.startsWith(u'-'))
            return s_commands.contains(a);
    }
    return false;
}

namespace {
    // The options each command takes: the filters are shared by list, stats and export.
    QHash<QString, QStringList> allowedOptions()
    {
        QHash<QString, QStringList> allowed = {
            { QStringLiteral("import"),
                { QStringLiteral("db"), QStringLiteral("format"), QStringLiteral("strict"), QStringLiteral("bundled"),
                    QStringLiteral("map"), QStringLiteral("draft") } },
            { QStringLiteral("list"),
                { QStringLiteral("db"), QStringLiteral("format"), QStringLiteral("from"), QStringLiteral("to"),
                    QStringLiteral("country"), QStringLiteral("attacker"), QStringLiteral("region"),
                    QStringLiteral("type"), QStringLiteral("sector"), QStringLiteral("attribution"),
                    QStringLiteral("actor"), QStringLiteral("search") } },
            { QStringLiteral("draft"), { QStringLiteral("json") } },
        };
        QStringList statsOptions = allowed.value(QStringLiteral("list"));
        statsOptions.replace(statsOptions.indexOf(QStringLiteral("format")), QStringLiteral("json"));
        allowed.insert(QStringLiteral("stats"), statsOptions);
        QStringList exportOptions = allowed.value(QStringLiteral("list")) + ExportCommand::optionNames();
        exportOptions.removeAll(QStringLiteral("format")); // the extension of --out says it
        allowed.insert(QStringLiteral("export"), exportOptions);
        return allowed;
    }
} // namespace

int run(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Offline timeline of cyber incidents"));
    p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QList<QCommandLineOption> options = {
        { QStringLiteral("db"), QStringLiteral("Database document."), QStringLiteral("PATH") },
        { QStringLiteral("format"), QStringLiteral("Input or output format."), QStringLiteral("FORMAT") },
        { QStringLiteral("strict"), QStringLiteral("Reject the whole import if any record is rejected.") },
        { QStringLiteral("bundled"), QStringLiteral("Import the bundled dataset.") },
        { QStringLiteral("map"), QStringLiteral("CSV mapping file."), QStringLiteral("MAP") },
        { QStringLiteral("draft"), QStringLiteral("Article to save as a draft record."), QStringLiteral("FILE") },
        { QStringLiteral("json"), QStringLiteral("Print statistics as JSON.") },
        { QStringLiteral("from"), QStringLiteral("From date."), QStringLiteral("DATE") },
        { QStringLiteral("to"), QStringLiteral("To date."), QStringLiteral("DATE") },
        { QStringLiteral("country"), QStringLiteral("Victim countries."), QStringLiteral("CC") },
        { QStringLiteral("attacker"), QStringLiteral("Attacker countries."), QStringLiteral("CC") },
        { QStringLiteral("region"), QStringLiteral("Victim regions."), QStringLiteral("R") },
        { QStringLiteral("type"), QStringLiteral("Types."), QStringLiteral("T") },
        { QStringLiteral("sector"), QStringLiteral("Sectors."), QStringLiteral("S") },
        { QStringLiteral("attribution"), QStringLiteral("Attribution bases."), QStringLiteral("A") },
        { QStringLiteral("actor"), QStringLiteral("Actor contains."), QStringLiteral("TEXT") },
        { QStringLiteral("search"), QStringLiteral("Full-text query."), QStringLiteral("QUERY") },
        { QStringLiteral("out"), QStringLiteral("Export to this file."), QStringLiteral("FILE") },
        { QStringLiteral("width"), QStringLiteral("Figure width."), QStringLiteral("PX") },
        { QStringLiteral("height"), QStringLiteral("Figure height."), QStringLiteral("PX") },
        { QStringLiteral("dpi"), QStringLiteral("Figure resolution."), QStringLiteral("DPI") },
        { QStringLiteral("title"), QStringLiteral("Figure title."), QStringLiteral("TEXT") },
        { QStringLiteral("theme"), QStringLiteral("Figure theme."), QStringLiteral("THEME") },
        { QStringLiteral("rows"), QStringLiteral("Figure rows."), QStringLiteral("ROWS") },
        { QStringLiteral("top"), QStringLiteral("Figure row count."), QStringLiteral("N") },
        { QStringLiteral("story"), QStringLiteral("Story handout."), QStringLiteral("NAME") },
        { { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help.") },
        { { QStringLiteral("v"), QStringLiteral("version") }, QStringLiteral("Show the version.") },
    };
    p.addOptions(options);
    if (!p.parse(QStringList { QStringLiteral("faultline") } + arguments))
        return usageError(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        out() << helpText();
        out().flush();
        return Success;
    }
    if (p.isSet(QStringLiteral("version"))) {
        out() << "faultline " << FAULTLINE_VERSION << " (Qt " << qVersion() << ")\n";
        out().flush();
        return Success;
    }
    QStringList positional = p.positionalArguments();
    if (positional.isEmpty())
        return usageError(QStringLiteral("no command"));
    const QString command = positional.takeFirst();
    // Options that belong to another command are usage errors, not silently ignored.
    const QHash<QString, QStringList> allowed = allowedOptions();
    if (!allowed.contains(command))
        return usageError(QStringLiteral("unknown command \"%1\"").arg(command));
    for (const QString &name : p.optionNames()) {
        const QString longName = name == u"h" ? QStringLiteral("help")
            : name == u"v"                    ? QStringLiteral("version")
                                              : name;
        if (!allowed.value(command).contains(longName))
            return usageError(QStringLiteral("%1: unknown option --%2").arg(command, longName));
    }
    if (command == u"import")
        return commandImport(p, positional);
    if (command == u"draft")
        return DraftCommand::run(p, positional);
    if (!positional.isEmpty())
        return usageError(QStringLiteral("%1: unexpected argument \"%2\"").arg(command, positional.first()));
    if (command == u"list")
        return commandList(p);
    if (command == u"export")
        return ExportCommand::run(p);
    return commandStats(p);
}
} // namespace Cli
