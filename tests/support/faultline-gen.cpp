// faultline-gen: writes the deterministic benchmark dataset (see generator.h).
//   faultline-gen --n N [--seed S] [--csv FILE] [--json FILE] [--stix FILE] [--veris FOLDER]
// --stix writes the same records as a STIX 2.1 bundle (locations, intrusion sets and
// relationships, through the STIX export); --veris writes one VERIS file per record.
#include "export/stixwriter.h"
#include "generator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {
// One VERIS incident file per record: the fields VerisReader reads.
bool writeVeris(const QString &folder, int n, std::uint64_t seed)
{
    if (!QDir().mkpath(folder))
        return false;
    Generator g(seed);
    for (int i = 0; i < n; ++i) {
        const Incident r = g.next();
        QJsonObject date { { QStringLiteral("year"), r.start.firstDate().year() } };
        if (r.start.precision() != Precision::Year)
            date.insert(QStringLiteral("month"), r.start.firstDate().month());
        if (r.start.precision() == Precision::Day)
            date.insert(QStringLiteral("day"), r.start.firstDate().day());
        QStringList urls;
        for (const Source &s : r.sources)
            urls.append(s.url);
        const QJsonObject o {
            { QStringLiteral("schema_version"), QStringLiteral("1.3.4") },
            { QStringLiteral("plus"), QJsonObject { { QStringLiteral("master_id"), r.id } } },
            { QStringLiteral("timeline"), QJsonObject { { QStringLiteral("incident"), date } } },
            { QStringLiteral("victim"),
                QJsonObject { { QStringLiteral("country"), QJsonArray::fromStringList(r.victims) },
                    { QStringLiteral("industry"), QStringLiteral("92111") },
                    { QStringLiteral("victim_id"), r.title } } },
            { QStringLiteral("action"),
                QJsonObject { { QStringLiteral("hacking"),
                    QJsonObject { { QStringLiteral("variety"), QJsonArray { QStringLiteral("DoS") } } } } } },
            { QStringLiteral("summary"), r.summary },
            { QStringLiteral("reference"), urls.join(QStringLiteral("; ")) },
        };
        QSaveFile file(QDir(folder).filePath(r.id + QStringLiteral(".json")));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson()) < 0 || !file.commit())
            return false;
    }
    return true;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Deterministic incident generator for Faultline benchmarks"));
    p.addHelpOption();
    p.addOption(
        { QStringLiteral("n"), QStringLiteral("Number of incidents."), QStringLiteral("N"), QStringLiteral("10000") });
    p.addOption({ QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("1") });
    p.addOption({ QStringLiteral("csv"), QStringLiteral("Write faultline CSV here."), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("json"), QStringLiteral("Write faultline JSON here."), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("stix"), QStringLiteral("Write a STIX 2.1 bundle here."), QStringLiteral("FILE") });
    p.addOption(
        { QStringLiteral("veris"), QStringLiteral("Write VERIS files into this folder."), QStringLiteral("FOLDER") });
    p.process(app);
    bool ok = false;
    const int n = p.value(QStringLiteral("n")).toInt(&ok);
    const auto seed = p.value(QStringLiteral("seed")).toULongLong();
    if (!ok || n < 0)
        p.showHelp(2);
    for (const QString &format : { QStringLiteral("csv"), QStringLiteral("json") }) {
        if (!p.isSet(format))
            continue;
        QSaveFile file(p.value(format));
        if (!file.open(QIODevice::WriteOnly)) {
            qCritical("cannot write %s", qPrintable(file.fileName()));
            return 2;
        }
        if (format == u"csv")
            Generator::writeCsv(&file, n, seed);
        else
            Generator::writeJson(&file, n, seed);
        if (!file.commit())
            return 2;
    }
    if (p.isSet(QStringLiteral("veris")) && !writeVeris(p.value(QStringLiteral("veris")), n, seed))
        return 2;
    if (p.isSet(QStringLiteral("stix"))) {
        Generator g(seed);
        QList<Incident> all;
        all.reserve(n);
        for (int i = 0; i < n; ++i)
            all.append(g.next());
        if (!StixWriter::write(p.value(QStringLiteral("stix")), all).ok)
            return 2;
    }
    return 0;
}
