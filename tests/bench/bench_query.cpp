// bench_query: reading a document into memory, filter changes and full-text search.
//   bench_query N DB RUNS
#include "benchutil.h"
#include "query/filterengine.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4)
        return 2;
    const qint64 n = args.at(1).toLongLong();
    const int runs = args.at(3).toInt();
    Database db;
    QString error;
    if (!db.open(args.at(2), Database::Mode::ReadOnly, &error)) {
        qCritical("%s", qPrintable(error));
        return 1;
    }
    IncidentStore store(db);
    IncidentColumns columns;
    Bench::report(QStringLiteral("load columns, one thread"), n,
        Bench::repeat(runs, [&] { columns = store.loadColumns(nullptr, IncidentStore::LoadMode::Sequential); }));
    Bench::report(QStringLiteral("load columns"), n,
        Bench::repeat(runs, [&] { columns = store.loadColumns(nullptr, IncidentStore::LoadMode::Scan); }));
    if (qint64(columns.size()) != n) {
        qCritical("expected %lld incidents, found %u", n, columns.size());
        return 1;
    }

    auto filterBench = [&](const QString &name, const Filter &f) {
        std::size_t shown = 0;
        Bench::report(name, n, Bench::repeat(runs, [&] {
            QList<qint64> hits;
            if (!f.search.isEmpty())
                hits = store.search(f.search);
            shown = FilterEngine::apply(columns, f, f.search.isEmpty() ? nullptr : &hits).indices.size();
        }));
        return shown;
    };
    Filter type;
    type.types = { IncidentType::Ransomware };
    filterBench(QStringLiteral("filter: one type"), type);
    Filter country;
    country.countries = { columns.countries.value(0) };
    filterBench(QStringLiteral("filter: one country"), country);
    // The facets of an attacker country and a victim region, as "Russia against Europe".
    Filter places;
    places.attackerCountries = { columns.countries.value(1) };
    places.regions = { QStringLiteral("Europe") };
    filterBench(QStringLiteral("filter: attacker country and region"), places);
    Filter range;
    range.fromDay = QDate(2015, 1, 1).toJulianDay();
    range.toDay = QDate(2016, 12, 31).toJulianDay();
    filterBench(QStringLiteral("filter: date range"), range);
    Filter search;
    search.search = QStringLiteral("hospital ransom");
    filterBench(QStringLiteral("full-text search"), search);
    Bench::report(QStringLiteral("columns memory"), n, { double(columns.memoryBytes()) / (1024.0 * 1024.0) },
        QStringLiteral("MiB"));
    return 0;
}
