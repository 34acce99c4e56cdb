// Behaviour at scale with the deterministic generator: the import of a generated file, and
// the two-thread load of a large document giving exactly what the one-thread load gives.
#include "generator.h"
#include "import/importer.h"
#include "store/columncache.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>
#include <random>

namespace {
// Every array and table equal; QVERIFY-style failures name the first difference.
QString difference(const IncidentColumns &one, const IncidentColumns &two)
{
#define FL_SAME(field)                                                                                                 \
    if (!(one.field == two.field))                                                                                     \
        return QStringLiteral(#field);
    FL_SAME(rowid)
    FL_SAME(firstDay)
    FL_SAME(lastDay) FL_SAME(precision) FL_SAME(hasEnd) FL_SAME(type) FL_SAME(attribution) FL_SAME(sectors)
        FL_SAME(actor) FL_SAME(dataset) FL_SAME(victimOffset) FL_SAME(victimCodes) FL_SAME(attackerOffset)
            FL_SAME(attackerCodes) FL_SAME(countries) FL_SAME(actors) FL_SAME(datasets) FL_SAME(idText)
                FL_SAME(idOffset) FL_SAME(titleText) FL_SAME(titleOffset) FL_SAME(byDate)
#undef FL_SAME
                    return {};
}
} // namespace

class TestScale : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void generatorIsDeterministic()
    {
        Generator a(7), b(7), c(8);
        for (int i = 0; i < 100; ++i) {
            const Incident x = a.next();
            const Incident y = b.next();
            QVERIFY(x.sameContent(y));
            QVERIFY(x.summary.size() >= 100 && x.summary.size() <= 400);
            QVERIFY(!x.victims.isEmpty());
        }
        QVERIFY(!Generator(7).next().sameContent(c.next()));
    }

    void parallelLoadEqualsSequential()
    {
        const int n = int(IncidentStore::s_parallelLoadThreshold) + 5000;
        const QString path = m_dir.filePath(QStringLiteral("scale.faultline"));
        QByteArray csv;
        QBuffer buffer(&csv);
        buffer.open(QIODevice::WriteOnly);
        Generator::writeCsv(&buffer, n, 3);
        Database db;
        QVERIFY(db.open(path));
        const Importer::Result r = Importer::importBytes(db, csv, QStringLiteral("generated.csv"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.imported, n);
        QCOMPARE(r.rejected, 0);

        IncidentStore store(db);
        const IncidentColumns one = store.loadColumns(nullptr, IncidentStore::LoadMode::Sequential);
        const IncidentColumns two = store.loadColumns(nullptr, IncidentStore::LoadMode::Auto);
        QCOMPARE(two.size(), IncidentColumns::Index(n));
        QVERIFY(one.rowid == two.rowid);
        QVERIFY(one.firstDay == two.firstDay);
        QVERIFY(one.lastDay == two.lastDay);
        QVERIFY(one.precision == two.precision);
        QVERIFY(one.hasEnd == two.hasEnd);
        QVERIFY(one.type == two.type);
        QVERIFY(one.attribution == two.attribution);
        QVERIFY(one.sectors == two.sectors);
        QVERIFY(one.actor == two.actor);
        QVERIFY(one.dataset == two.dataset);
        QVERIFY(one.victimOffset == two.victimOffset);
        QVERIFY(one.victimCodes == two.victimCodes);
        QVERIFY(one.attackerOffset == two.attackerOffset);
        QVERIFY(one.attackerCodes == two.attackerCodes);
        QCOMPARE(one.countries, two.countries);
        QCOMPARE(one.actors, two.actors);
        QCOMPARE(one.datasets, two.datasets);
        QCOMPARE(one.idText, two.idText);
        QVERIFY(one.idOffset == two.idOffset);
        QCOMPARE(one.titleText, two.titleText);
        QVERIFY(one.titleOffset == two.titleOffset);
        QVERIFY(one.byDate == two.byDate);
        QVERIFY(std::is_sorted(
            two.byDate.begin(), two.byDate.end(), [&](auto a, auto b) { return two.firstDay[a] < two.firstDay[b]; }));
        // Spot-check against the records themselves, across the split.
        for (const IncidentColumns::Index i : { 0u, IncidentColumns::Index(n / 2), IncidentColumns::Index(n - 1) }) {
            const auto record = store.incidentByRowid(two.rowid[i]);
            QVERIFY(record);
            QCOMPARE(two.id(i), record->id);
            QCOMPARE(two.title(i), record->title);
            QCOMPARE(qint64(two.firstDay[i]), record->firstDay());
            QCOMPARE(two.victimOffset[i + 1] - two.victimOffset[i], std::uint32_t(record->victims.size()));
            QCOMPARE(two.countries.at(two.victimCodes[two.victimOffset[i]]), record->victims.first());
        }

        // The column cache: written, it is read back equal; an import voids it.
        bool fromCache = true;
        const IncidentColumns scanned = store.loadColumns(nullptr, IncidentStore::LoadMode::Auto, &fromCache);
        QVERIFY(!fromCache);
        const qint64 generation = store.generation();
        QString error;
        QVERIFY2(IncidentStore::writeColumnCache(path, scanned, generation, &error), qPrintable(error));
        const IncidentColumns cached = store.loadColumns(nullptr, IncidentStore::LoadMode::Auto, &fromCache);
        QVERIFY(fromCache);
        QCOMPARE(difference(scanned, cached), QString());

        const Importer::Result more = Importer::importBytes(
            db, "id,title,start,victims,type\nlate-1,Late record,2026-01-02,FR,ddos\n", QStringLiteral("late.csv"));
        QCOMPARE(more.imported, 1);
        QVERIFY(store.generation() > generation);
        const IncidentColumns after = store.loadColumns(nullptr, IncidentStore::LoadMode::Auto, &fromCache);
        QVERIFY(!fromCache);
        QCOMPARE(after.size(), IncidentColumns::Index(n + 1));
        // A cache built before the import is refused when it arrives late.
        QVERIFY(!IncidentStore::writeColumnCache(path, scanned, generation));
        QVERIFY(!store.loadColumns(nullptr, IncidentStore::LoadMode::Auto, &fromCache).isEmpty());
        QVERIFY(!fromCache);

        // A damaged cache is refused and the rows are read instead.
        QVERIFY(IncidentStore::writeColumnCache(path, after, store.generation()));
        QVERIFY(
            db.exec(QStringLiteral("UPDATE column_cache SET data = substr(data, 1, length(data) / 2) WHERE part = 0")));
        const IncidentColumns fallback = store.loadColumns(nullptr, IncidentStore::LoadMode::Auto, &fromCache);
        QVERIFY(!fromCache);
        QCOMPARE(difference(after, fallback), QString());
    }

    void damagedCacheBytesAreRefused()
    {
        // A small cache with bytes flipped at random: decoding refuses it or gives columns
        // whose every index is in range; it never reads outside what it holds.
        QByteArray csv;
        QBuffer buffer(&csv);
        buffer.open(QIODevice::WriteOnly);
        Generator::writeCsv(&buffer, 300, 5);
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("small.faultline"))));
        QVERIFY(!Importer::importBytes(db, csv, QStringLiteral("small.csv")).failed);
        const IncidentColumns columns = IncidentStore(db).loadColumns(nullptr, IncidentStore::LoadMode::Scan);
        const QByteArray good = ColumnCache::encode(columns);
        QVERIFY(ColumnCache::decode(good).has_value());
        QCOMPARE(difference(columns, *ColumnCache::decode(good)), QString());
        QVERIFY(!ColumnCache::decode(good.left(good.size() - 1)).has_value());
        QVERIFY(!ColumnCache::decode(QByteArray()).has_value());
        std::mt19937 rng(11);
        int refused = 0;
        for (int round = 0; round < 400; ++round) {
            QByteArray bad = good;
            for (int flips = 0; flips < 1 + int(rng() % 4); ++flips)
                bad[qsizetype(rng() % std::uint32_t(bad.size()))] = char(rng());
            const auto decoded = ColumnCache::decode(bad);
            if (!decoded) {
                ++refused;
                continue;
            }
            const IncidentColumns &c = *decoded;
            for (IncidentColumns::Index i = 0; i < c.size(); ++i) {
                QVERIFY(c.title(i).size() >= 0);
                for (auto k = c.victimOffset[i]; k < c.victimOffset[i + 1]; ++k)
                    QVERIFY(!c.countries.at(c.victimCodes[k]).isNull());
                QVERIFY(c.actor[i] < std::uint32_t(c.actors.size()));
            }
        }
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(TestScale)
#include "tst_scale.moc"
