// ColumnCache: the encoding of the in-memory columns round-trips, and damaged or hostile
// bytes are refused without reading outside them or allocating what they claim.
#include "generator.h"
#include "import/importer.h"
#include "store/columncache.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QBuffer>
#include <QDataStream>
#include <QTemporaryDir>
#include <QTest>
#include <random>

namespace {
// One incident with a victim, an actor-less record of a small dataset.
IncidentColumns oneIncident()
{
    IncidentColumns c;
    c.rowid = { 1 };
    c.firstDay = { 2460000 };
    c.lastDay = { 2460001 };
    c.precision = { 0 };
    c.hasEnd = { 1 };
    c.type = { 0 };
    c.attribution = { 0 };
    c.sectors = { 0 };
    c.actor = { 0 };
    c.dataset = { 0 };
    c.victimOffset = { 0, 1 };
    c.victimCodes = { 0 };
    c.attackerOffset = { 0, 0 };
    c.countries = QStringList { QStringLiteral("FR") };
    c.actors = QStringList { QString() };
    c.datasets = QStringList { QStringLiteral("test") };
    c.idText = "a-1";
    c.idOffset = { 0, 3 };
    c.titleText = "Title";
    c.titleOffset = { 0, 5 };
    c.byDate = { 0 };
    return c;
}

// The bytes of the string tables and texts, the last part of the encoding.
QByteArray tablesOf(const IncidentColumns &c)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << c.countries << c.actors << c.datasets;
    out << quint64(c.idText.size());
    out.writeRawData(c.idText.constData(), int(c.idText.size()));
    out << quint64(c.titleText.size());
    out.writeRawData(c.titleText.constData(), int(c.titleText.size()));
    return bytes;
}

template <typename... Values> QByteArray bigEndian(Values... values)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    (out << ... << values);
    return bytes;
}

QString refusal(const QByteArray &bytes)
{
    QString whyNot;
    const auto decoded = ColumnCache::decode(bytes, &whyNot);
    return decoded ? QStringLiteral("accepted") : whyNot;
}
} // namespace

class TestColumnCache : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void roundTrips()
    {
        const IncidentColumns c = oneIncident();
        const auto decoded = ColumnCache::decode(ColumnCache::encode(c));
        QVERIFY(decoded);
        QCOMPARE(decoded->rowid, c.rowid);
        QCOMPARE(decoded->victimCodes, c.victimCodes);
        QCOMPARE(decoded->countries, c.countries);
        QCOMPARE(decoded->datasets, c.datasets);
        QCOMPARE(decoded->id(0), QStringLiteral("a-1"));
        QCOMPARE(decoded->title(0), QStringLiteral("Title"));
    }

    void encodesInParts()
    {
        const IncidentColumns c = oneIncident();
        QByteArray joined;
        int parts = 0;
        QVERIFY(ColumnCache::encode(c, 16, [&](QByteArrayView part) {
            if (part.size() > 16)
                return false;
            joined.append(part);
            ++parts;
            return true;
        }));
        QCOMPARE(joined, ColumnCache::encode(c));
        QVERIFY(parts > 1);
        // A part that fails stops the encoding and reports it.
        QVERIFY(!ColumnCache::encode(c, 16, [](QByteArrayView) { return false; }));
    }

    void craftedLengthsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("tables");
        QTest::addColumn<QString>("why");
        const QString tables = QStringLiteral("truncated tables");
        // Counts and lengths far beyond the bytes that follow: refused before any allocation
        // (an allocation of the claimed size would fail under AddressSanitizer).
        QTest::newRow("huge string count") << bigEndian(quint32(0xFFFFFFF0)) << tables;
        QTest::newRow("count beyond the bytes") << bigEndian(quint32(1000), quint32(0)) << tables;
        QTest::newRow("huge string length") << bigEndian(quint32(1), quint32(0x7FFFFFFE)) << tables;
        QTest::newRow("odd string length")
            << bigEndian(quint32(1), quint32(3), quint8(0), quint8(65), quint8(0)) << tables;
        QTest::newRow("huge text length") << bigEndian(quint32(1), quint32(4), quint16('F'), quint16('R'), quint32(1),
            quint32(0xFFFFFFFF), quint32(1), quint32(0), quint64(0xFFFFFFFFFFFFull))
                                          << tables;
        QTest::newRow("truncated string") << bigEndian(quint32(1), quint32(4), quint16('F')) << tables;
        QTest::newRow("nothing") << QByteArray() << tables;
        QTest::newRow("bytes after the end") << tablesOf(oneIncident()) + QByteArray(1, 'x') << tables;
        QTest::newRow("sound") << tablesOf(oneIncident()) << QStringLiteral("accepted");
    }

    void craftedLengthsAreRefused()
    {
        QFETCH(QByteArray, tables);
        QFETCH(QString, why);
        const IncidentColumns c = oneIncident();
        const QByteArray good = ColumnCache::encode(c);
        const QByteArray sound = tablesOf(c);
        QVERIFY(good.endsWith(sound));
        const QByteArray arrays = good.left(good.size() - sound.size());
        QCOMPARE(refusal(arrays + tables), why);
    }

    void craftedHeadersAreRefused()
    {
        const QByteArray good = ColumnCache::encode(oneIncident());
        const QByteArray header = good.left(4 + 4 + 2); // magic, version, byte order
        // An incident count beyond the size, and array counts that do not match it.
        QCOMPARE(refusal(header + bigEndian(quint64(1) << 60) + good.mid(18)),
            QStringLiteral("incident count larger than the cache"));
        QCOMPARE(
            refusal(header + bigEndian(quint64(1), quint64(1) << 61)), QStringLiteral("truncated or mis-sized arrays"));
        QCOMPARE(refusal(header + bigEndian(quint64(1), quint64(1), qint64(1))),
            QStringLiteral("truncated or mis-sized arrays"));
        QCOMPARE(refusal(good.left(9)), QStringLiteral("not a column cache of this version"));
        QByteArray otherVersion = good;
        otherVersion[7] = 9;
        QCOMPARE(refusal(otherVersion), QStringLiteral("not a column cache of this version"));
        // Every truncation of a sound cache is refused.
        for (qsizetype size = 0; size < good.size(); ++size)
            QVERIFY2(!ColumnCache::decode(good.left(size)), qPrintable(QString::number(size)));
    }

    void indexesOutOfRangeAreRefused()
    {
        IncidentColumns c = oneIncident();
        c.victimCodes = { 7 }; // no country 7
        QCOMPARE(refusal(ColumnCache::encode(c)), QStringLiteral("an index out of range"));
        c = oneIncident();
        c.titleOffset = { 0, 9 }; // past the end of the titles
        QCOMPARE(refusal(ColumnCache::encode(c)), QStringLiteral("offsets out of order or out of range"));
        c = oneIncident();
        c.lastDay = { 1 }; // ends before it starts
        QCOMPARE(refusal(ColumnCache::encode(c)), QStringLiteral("dates or rowids out of order"));
    }

    void storedForOneGeneration()
    {
        const QString path = m_dir.filePath(QStringLiteral("lifecycle.faultline"));
        Database db;
        QVERIFY(db.open(path));
        QVERIFY(!Importer::importBytes(
            db, "id,title,start,victims,type\na-1,One,2024-03-01,FR,ddos\n", QStringLiteral("one.csv"))
                     .failed);
        QString whyNot;
        QVERIFY(!ColumnCache::read(db, &whyNot));
        QCOMPARE(whyNot, QStringLiteral("no cache for this generation"));

        const qint64 generation = ColumnCache::generation(db);
        const IncidentColumns columns = IncidentStore(db).loadColumns(nullptr, IncidentStore::LoadMode::Scan);
        QString error;
        QVERIFY2(ColumnCache::write(path, columns, generation, &error), qPrintable(error));
        const auto cached = ColumnCache::read(db);
        QVERIFY(cached);
        QCOMPARE(cached->id(0), QStringLiteral("a-1"));

        // Invalidated: the generation rises, the cache is gone, and a write for the old
        // generation stores nothing.
        QVERIFY(ColumnCache::invalidate(db));
        QCOMPARE(ColumnCache::generation(db), generation + 1);
        QVERIFY(!ColumnCache::read(db));
        QVERIFY(!ColumnCache::write(path, columns, generation, &error));
        QVERIFY(error.contains(QStringLiteral("changed")));
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM column_cache")).toInt(), 0);

        // In the background, for the current generation.
        QFuture<bool> written = ColumnCache::writeInBackground(
            path, std::make_shared<const IncidentColumns>(columns), ColumnCache::generation(db));
        written.waitForFinished();
        QVERIFY(written.result());
        QVERIFY(ColumnCache::read(db));

        // Bytes damaged in the document are refused.
        QVERIFY(db.exec(QStringLiteral("UPDATE column_cache SET data = substr(data, 1, length(data) - 3)")));
        QVERIFY(!ColumnCache::read(db, &whyNot));
        QVERIFY(!whyNot.isEmpty());
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
        const auto decodedGood = ColumnCache::decode(good);
        QVERIFY(decodedGood.has_value());
        QCOMPARE(decodedGood->size(), columns.size());
        QCOMPARE(decodedGood->titleText, columns.titleText);
        QCOMPARE(decodedGood->actors, columns.actors);
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
                QVERIFY(c.titleOffset[i + 1] <= std::uint32_t(c.titleText.size()));
                QVERIFY(c.idOffset[i + 1] <= std::uint32_t(c.idText.size()));
                for (auto k = c.victimOffset[i]; k < c.victimOffset[i + 1]; ++k)
                    QVERIFY(c.victimCodes[k] < c.countries.size());
                QVERIFY(c.actor[i] < std::uint32_t(c.actors.size()));
                QVERIFY(c.dataset[i] < c.datasets.size());
            }
        }
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(TestColumnCache)
#include "tst_columncache.moc"
