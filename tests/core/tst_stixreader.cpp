#include "export/recordwriter.h"
#include "import/foreignrecords.h"
#include "import/importer.h"
#include "import/stixreader.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {
QStringList messages(const Importer::Result &r)
{
    QStringList list;
    for (const Diagnostic &d : r.diagnostics)
        list << d.toString();
    return list;
}

// The date the importer should give a campaign's timestamp: the day as written, or the
// month when ATT&CK (x_mitre_version) writes the first of a month.
QString expectedDate(const QJsonObject &o, const QString &key)
{
    QString d = o.value(key).toString().left(10);
    if (o.contains(QStringLiteral("x_mitre_version")) && d.endsWith(QStringLiteral("-01")))
        d.truncate(7);
    return d;
}
// One line per record and per diagnostic StixReader gives for `bytes`, to compare two reads.
QStringList readOut(const QByteArray &bytes)
{
    QStringList out;
    Diagnostics diagnostics;
    const ForeignRecords::Sink sink = [&](Incident &&r) {
        QStringList sources;
        for (const Source &s : std::as_const(r.sources))
            sources << s.url + u'|' + s.title + u'|' + s.publisher;
        out << QStringList { r.id, r.title, r.start.toString(), r.end.toString(), r.victims.join(u';'),
            r.attackers.join(u';'), QString::number(int(r.attribution)), r.actor, QString::number(int(r.type)),
            QString::number(r.sectors), r.summary, sources.join(u';'), r.tags.join(u';') }
                   .join(u'\t');
        return true;
    };
    ForeignRecords records(QStringLiteral("bundle.json"), QStringLiteral("bundle"), sink, diagnostics);
    out.prepend(StixReader::read(bytes, records) ? QStringLiteral("ok") : QStringLiteral("failed"));
    for (const Diagnostic &d : std::as_const(diagnostics))
        out << d.toString();
    return out;
}
} // namespace

class TestStixReader : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    QString m_path;
    int m_counter = 0;

    std::optional<Incident> incident(const char *id) { return IncidentStore(*m_db).incident(QString::fromLatin1(id)); }

private slots:
    void init()
    {
        m_db = std::make_unique<Database>();
        m_path = m_dir.filePath(QStringLiteral("db%1.faultline").arg(++m_counter));
        QVERIFY(m_db->open(m_path));
    }
    void cleanup() { m_db.reset(); }

    void dateOf_data()
    {
        QTest::addColumn<QString>("timestamp");
        QTest::addColumn<QString>("date");
        QTest::newRow("utc") << "2015-12-01T05:00:00.000Z"
                             << "2015-12-01";
        QTest::newRow("late utc stays that day") << "2020-02-29T23:00:00.000Z"
                                                 << "2020-02-29";
        QTest::newRow("offset stays that day") << "2020-03-31T23:59:59+02:00"
                                               << "2020-03-31";
        QTest::newRow("six digits") << "2008-01-07T00:00:00.000000Z"
                                    << "2008-01-07";
        QTest::newRow("date only") << "2019-07-04"
                                   << "2019-07-04";
        QTest::newRow("not a timestamp") << "last spring"
                                         << "";
        QTest::newRow("empty") << ""
                               << "";
    }
    void dateOf()
    {
        QFETCH(QString, timestamp);
        QFETCH(QString, date);
        QCOMPARE(StixReader::dateOf(timestamp), date);
    }

    void detectsStixByContent()
    {
        QString why;
        QCOMPARE(Importer::detect(TestSupport::fileBytes(QFINDTESTDATA("../data/stix/bundle21.json")), &why),
            Importer::Format::Stix);
        QCOMPARE(Importer::detect(TestSupport::fileBytes(QFINDTESTDATA("../data/stix/single.json")), &why),
            Importer::Format::Stix);
    }

    void bundleResolvesTheGraph()
    {
        const Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/stix/bundle21.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.summary(), QStringLiteral("imported 3, updated 0, unchanged 0, rejected 2, no victim country 1"));

        const auto campaign = incident("campaign--00000000-0000-4000-8000-0000000000c1");
        QVERIFY(campaign);
        QCOMPARE(campaign->start.toString(), QStringLiteral("2020-02-29")); // not moved to another day
        QCOMPARE(campaign->end.toString(), QStringLiteral("2020-03-31"));
        QCOMPARE(campaign->victims, QStringList { QStringLiteral("FR") }); // Lyon, located at France (FRA)
        QCOMPARE(campaign->sources.size(), 2);
        QCOMPARE(campaign->sources.at(0).url, QStringLiteral("https://example.org/cert/advisory-1"));
        QCOMPARE(campaign->sources.at(0).publisher, QStringLiteral("Example CERT"));
        QCOMPARE(campaign->sources.at(1).title, QStringLiteral("CASE-17"));
        QCOMPARE(campaign->type, IncidentType::Other);
        QCOMPARE(campaign->provenance.dataset, QStringLiteral("bundle21"));

        const auto bank = incident("incident--00000000-0000-4000-8000-0000000000d1");
        QVERIFY(bank);
        QCOMPARE(bank->start.toString(), QStringLiteral("2022-04-30"));
        QCOMPARE(bank->victims, QStringList { QStringLiteral("DE") }); // identity located at Germany
        QCOMPARE(bank->attackers, QStringList { QStringLiteral("RU") }); // the group originates from
        QCOMPARE(bank->actor, QStringLiteral("Example Group"));
        QCOMPARE(bank->attribution, Attribution::Vendor);
        QCOMPARE(bank->type, IncidentType::Ransomware);
        QVERIFY(bank->sectors & sectorBit(Sector::Finance));

        const auto lonely = incident("campaign--00000000-0000-4000-8000-0000000000c2");
        QVERIFY(lonely);
        QCOMPARE(lonely->victims, QStringList { QStringLiteral("XX") });
        QVERIFY(!incident("campaign--00000000-0000-4000-8000-0000000000c5")); // revoked
    }

    void bareListOfObjectsIsReadAsABundle()
    {
        // Some tools write the objects without the bundle around them: the same records.
        const QJsonArray objects
            = QJsonDocument::fromJson(TestSupport::fileBytes(QFINDTESTDATA("../data/stix/bundle21.json")))
                  .object()
                  .value(u"objects")
                  .toArray();
        QVERIFY(objects.size() > 5);
        const QByteArray bare = QJsonDocument(objects).toJson();
        QString why;
        QCOMPARE(Importer::detect(bare, &why), Importer::Format::Stix);
        const Importer::Result r = Importer::importBytes(*m_db, bare, QStringLiteral("bare.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.summary(), QStringLiteral("imported 3, updated 0, unchanged 0, rejected 2, no victim country 1"));
        const auto bank = incident("incident--00000000-0000-4000-8000-0000000000d1");
        QVERIFY(bank);
        QCOMPARE(bank->victims, QStringList { QStringLiteral("DE") });
    }

    void plainAndOtherObjectsReadAlike()
    {
        // Most objects are read by a fast path for plain JSON and the rest by QJsonDocument:
        // a non-ASCII member in every object sends them all the other way, with the same result.
        const QByteArray plain = TestSupport::fileBytes(QFINDTESTDATA("../data/stix/bundle21.json"));
        QJsonObject bundle = QJsonDocument::fromJson(plain).object();
        QJsonArray objects = bundle.value(u"objects").toArray();
        for (qsizetype i = 0; i < objects.size(); ++i) {
            if (QJsonObject o = objects.at(i).toObject(); !o.isEmpty()) {
                o.insert(u"x_note", QStringLiteral("caf\u00e9"));
                objects[i] = o;
            }
        }
        bundle.insert(u"objects", objects);
        // One line each, so the added member moves no line numbers.
        const QByteArray other = QJsonDocument(bundle).toJson(QJsonDocument::Compact);
        QVERIFY(other.contains("caf\xc3\xa9"));
        const QStringList expected = readOut(QJsonDocument::fromJson(plain).toJson(QJsonDocument::Compact));
        QVERIFY(expected.size() > 5);
        QCOMPARE(expected.first(), QStringLiteral("ok"));
        QCOMPARE(readOut(other), expected);
    }

    void diagnosticsNameTheJsonPath()
    {
        const Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/stix/bundle21.json"));
        const QString all = messages(r).join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("bundle21.json:")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("objects[15].last_seen: 2018-01-01 is before start 2019-07-04")),
            qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("objects[16].first_seen: missing")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("objects[17]: warning: campaign is revoked; skipped")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("objects[19]: warning: is a string")), qPrintable(all));
        for (const Diagnostic &d : r.diagnostics)
            QVERIFY2(d.line > 1, qPrintable(d.toString())); // the line each object starts on
    }

    void attackDatesAndSingleObjects()
    {
        Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/stix/attack20.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        const auto month = incident("campaign--00000000-0000-4000-8000-0000000020c1");
        QCOMPARE(month->start.toString(), QStringLiteral("2015-12"));
        QCOMPARE(month->end.toString(), QStringLiteral("2016-01"));
        QVERIFY(month->tags.contains(QStringLiteral("C9999")));
        const auto day = incident("campaign--00000000-0000-4000-8000-0000000020c2");
        QCOMPARE(day->start.toString(), QStringLiteral("2023-01-31"));
        QCOMPARE(day->end.toString(), QStringLiteral("2023-02-14"));
        r = Importer::importFile(*m_db, QFINDTESTDATA("../data/stix/single.json"));
        QCOMPARE(r.summary(), QStringLiteral("imported 1, updated 0, unchanged 0, rejected 0, no victim country 1"));
        QCOMPARE(
            incident("campaign--00000000-0000-4000-8000-0000000030c1")->start.toString(), QStringLiteral("2021-06-15"));
    }

    void reimportChangesNothing()
    {
        QVERIFY(!Importer::importFile(*m_db, QFINDTESTDATA("../data/stix/bundle21.json")).failed);
        const QByteArray before = RecordWriter::toCsv(IncidentStore(*m_db).allIncidents());
        const Importer::Result again = Importer::importFile(*m_db, QFINDTESTDATA("../data/stix/bundle21.json"));
        QCOMPARE(again.unchanged, 3);
        QCOMPARE(again.imported + again.updated, 0);
        QCOMPARE(RecordWriter::toCsv(IncidentStore(*m_db).allIncidents()), before);
    }

    void brokenOrCancelledWritesNothing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("cancel");
        QTest::newRow("truncated") << "truncated.json" << false;
        QTest::newRow("cancelled") << "bundle21.json" << true;
    }
    void brokenOrCancelledWritesNothing()
    {
        QFETCH(QString, file);
        QFETCH(bool, cancel);
        QVERIFY(!Importer::importFile(*m_db, QFINDTESTDATA("../data/stix/single.json")).failed);
        const QByteArray before = TestSupport::fileHash(m_path);
        Importer::Options options;
        if (cancel)
            options.progress = [](qint64, qint64) { return false; };
        const Importer::Result r
            = Importer::importFile(*m_db, QFINDTESTDATA(QStringLiteral("../data/stix/") + file), options);
        QVERIFY(r.failed);
        QCOMPARE(r.cancelled, cancel);
        QVERIFY2(r.error.contains(file), qPrintable(r.error));
        QCOMPARE(TestSupport::fileHash(m_path), before);
    }

    void hostileInputIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("deep") << QByteArray(R"({"type": "bundle", "objects": [)") + QByteArray(5000, '[')
                + QByteArray(5000, ']') + "]}"
                              << "not valid JSON";
        QTest::newRow("objects not an array")
            << QByteArray(R"({"type": "bundle", "id": "bundle--1", "objects": 7})") << "objects: is a number";
        QTest::newRow("garbage in an object") << QByteArray(
            "{\"type\": \"bundle\", \"id\": \"bundle--1\", \"objects\": [{\"type\": \"campaign\", \xff\xfe}]}")
                                              << "objects[0]: not valid JSON";
        QTest::newRow("wrong types") << QByteArray(
            R"({"type": "bundle", "id": "bundle--1", "objects": [{"type": "campaign", "id": "campaign--1", "name": 5, "first_seen": ["x"]}]})")
                                     << "objects[0].name: missing";
    }
    void hostileInputIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QByteArray before = TestSupport::fileHash(m_path);
        Importer::Options options;
        options.format = Importer::Format::Stix;
        options.strict = true; // a rejected record, too, writes nothing
        const Importer::Result r = Importer::importBytes(*m_db, bytes, QStringLiteral("hostile.json"), options);
        QCOMPARE(r.accepted(), 0);
        QVERIFY2(messages(r).join(u'\n').contains(expected), qPrintable(messages(r).join(u'\n')));
        QCOMPARE(TestSupport::fileHash(m_path), before);
    }

    // Every ATT&CK campaign of the samples, with the dates its JSON gives.
    void attackSamples()
    {
        const QString shared = TestSupport::sharedDatasets();
        if (shared.isEmpty())
            QSKIP("the shared datasets are not beside the checkout");
        const QString folder = shared + QStringLiteral("/mitre-attack");
        const Importer::Result r = Importer::importFile(*m_db, folder);
        QVERIFY2(!r.failed, qPrintable(r.error + u'\n' + messages(r).join(u'\n')));
        QSet<QString> campaigns;
        QDirIterator it(folder, { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QJsonObject top = QJsonDocument::fromJson(TestSupport::fileBytes(it.next())).object();
            for (const QJsonValue &v : top.value(u"objects").toArray()) {
                const QJsonObject o = v.toObject();
                if (o.value(u"type").toString() != u"campaign" || o.value(u"revoked").toBool())
                    continue;
                campaigns.insert(o.value(u"id").toString());
                const auto e = IncidentStore(*m_db).incident(o.value(u"id").toString());
                QVERIFY2(e, qPrintable(o.value(u"name").toString()));
                QCOMPARE(e->title, o.value(u"name").toString());
                QCOMPARE(e->start.toString(), expectedDate(o, QStringLiteral("first_seen")));
                QCOMPARE(e->end.toString(), expectedDate(o, QStringLiteral("last_seen")));
                QCOMPARE(e->victims, QStringList { QStringLiteral("XX") }); // ATT&CK names no country
            }
        }
        QVERIFY(campaigns.size() >= 20);
        QCOMPARE(r.unknownCountry, int(campaigns.size()));
        // An attributed campaign names its intrusion set, found through the relationship.
        const auto triton
            = IncidentStore(*m_db).incident(QStringLiteral("campaign--45a98f02-852f-49b2-94c0-c63207bebbbf"));
        QVERIFY(triton);
        QCOMPARE(triton->actor, QStringLiteral("TEMP.Veles"));
        QCOMPARE(triton->start.toString(), QStringLiteral("2017-06"));
    }

    void otherStixSamples_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("records");
        QTest::newRow("opencti") << "opencti-stix21-testdata" << 2;
        QTest::newRow("incident core") << "stix21-incident-core-example" << 1;
        QTest::newRow("oasis examples") << "stix2-examples" << 3;
        QTest::newRow("geography") << "opencti-geography" << 0;
    }
    void otherStixSamples()
    {
        QFETCH(QString, path);
        QFETCH(int, records);
        const QString shared = TestSupport::sharedDatasets();
        if (shared.isEmpty())
            QSKIP("the shared datasets are not beside the checkout");
        const Importer::Result r = Importer::importFile(*m_db, shared + u'/' + path);
        QVERIFY2(records == 0 || !r.failed, qPrintable(r.error + u'\n' + messages(r).join(u'\n')));
        QCOMPARE(r.accepted(), records);
    }
};

QTEST_GUILESS_MAIN(TestStixReader)
#include "tst_stixreader.moc"
