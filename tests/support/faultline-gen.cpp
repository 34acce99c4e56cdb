// faultline-gen: writes the deterministic benchmark dataset (see generator.h).
//   faultline-gen --n N [--seed S] [--csv FILE] [--json FILE]
#include "generator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSaveFile>

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
    return 0;
}
