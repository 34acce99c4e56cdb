#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cstdio>
#include <functional>

// Tiny helpers shared by the benchmark programs: time a callable several times and print
// one JSON line per benchmark for tests/bench/run-bench to collect.
namespace Bench {

inline double timeMs(const std::function<void()> &work)
{
    QElapsedTimer t;
    t.start();
    work();
    return double(t.nsecsElapsed()) / 1e6;
}

inline void report(
    const QString &name, qint64 n, const QList<double> &values, const QString &unit = QStringLiteral("ms"))
{
    QJsonArray array;
    for (double v : values)
        array.append(v);
    const QJsonObject o { { QStringLiteral("benchmark"), name }, { QStringLiteral("n"), n },
        { QStringLiteral("values"), array }, { QStringLiteral("unit"), unit } };
    const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stdout);
    std::fflush(stdout);
}

inline QList<double> repeat(int runs, const std::function<void()> &work)
{
    QList<double> values;
    for (int i = 0; i < runs; ++i)
        values << timeMs(work);
    return values;
}

// Peak resident set size of this process, in MiB (VmHWM).
inline double peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace Bench
