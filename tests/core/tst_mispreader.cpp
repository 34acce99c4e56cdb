#include "import/importer.h"
#include "import/mispreader.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
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
} // namespace

class TestMispReader : public QObject
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

    void detectsMispByContent_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("wrapped") << "event.json";
        QTest::newRow("list") << "list.json";
        QTest::newRow("response") << "response.json";
        QTest::newRow("feed event") << "feed/5a3c1f0e-0000-4000-8000-00000000f001.json";
    }
    void detectsMispByContent()
    {
        QFETCH(QString, file);
        QString why;
        QCOMPARE(Importer::detect(TestSupport::fileBytes(QFINDTESTDATA(QStringLiteral("../data/misp/") + file)), &why),
            Importer::Format::Misp);
    }

    void eventWithTagsAndGalaxies()
    {
        const Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/misp/event.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.summary(), QStringLiteral("imported 1, updated 0, unchanged 0, rejected 0"));
        const auto e = incident("5a3c1f0e-0000-4000-8000-00000000e001");
        QVERIFY(e);
        QCOMPARE(e->title, QStringLiteral("OSINT - Example ransomware against a French bank"));
        QCOMPARE(e->start.toString(), QStringLiteral("2021-11-05"));
        QCOMPARE(e->victims, QStringList { QStringLiteral("FR") }); // the country galaxy tag
        QCOMPARE(e->attackers, QStringList { QStringLiteral("RU") }); // the actor galaxy's meta.country
        QCOMPARE(e->actor, QStringLiteral("Sofacy"));
        QCOMPARE(e->attribution, Attribution::Vendor);
        QCOMPARE(e->type, IncidentType::Ransomware);
        QVERIFY(e->sectors & sectorBit(Sector::Finance));
        QVERIFY(e->tags.contains(QStringLiteral("misp-threat-level:high")));
        QVERIFY(e->tags.contains(QStringLiteral("attack-pattern:Data Encrypted for Impact - T1486")));
        QCOMPARE(e->sources.size(), 2); // a link attribute and a link inside an object
        QCOMPARE(e->sources.at(0).url, QStringLiteral("https://example.org/report-1"));
        QCOMPARE(e->sources.at(0).publisher, QStringLiteral("Example CERT"));
        QCOMPARE(e->sources.at(1).url, QStringLiteral("https://example.org/report-2"));
        QCOMPARE(e->provenance.dataset, QStringLiteral("event"));
    }

    void listsAndResponses()
    {
        Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/misp/list.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.summary(), QStringLiteral("imported 2, updated 0, unchanged 0, rejected 2, no victim country 1"));
        QCOMPARE(incident("5a3c1f0e-0000-4000-8000-00000000e002")->victims, QStringList { QStringLiteral("XX") });
        const auto ddos = incident("5a3c1f0e-0000-4000-8000-00000000e003");
        QCOMPARE(ddos->type, IncidentType::Ddos);
        QCOMPARE(ddos->victims, QStringList { QStringLiteral("EE") });
        const QString all = messages(r).join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("list.json:1: [2].Event.date:")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("list.json: [3]: is a number")), qPrintable(all));
        r = Importer::importFile(*m_db, QFINDTESTDATA("../data/misp/response.json"));
        QCOMPARE(r.imported, 1);
        QVERIFY(incident("5a3c1f0e-0000-4000-8000-00000000e005")
                    ->tags.contains(QStringLiteral("misp-threat-level:undefined")));
    }

    void feedFolderFollowsItsManifest()
    {
        const QString feed = QFINDTESTDATA("../data/misp/feed");
        const Importer::Result r = Importer::importFile(*m_db, feed);
        QVERIFY2(!r.failed, qPrintable(r.error + u'\n' + messages(r).join(u'\n')));
        QCOMPARE(r.imported, 2); // hashes.csv is not an event
        const auto one = incident("5a3c1f0e-0000-4000-8000-00000000f001");
        QCOMPARE(one->provenance.dataset, QStringLiteral("feed"));
        QCOMPARE(one->sources.first().url, QStringLiteral("https://example.org/feed-1"));
        QCOMPARE(incident("5a3c1f0e-0000-4000-8000-00000000f002")->victims, QStringList { QStringLiteral("DE") });
        // The manifest alone is not an event file.
        const Importer::Result manifest = Importer::importFile(*m_db, feed + QStringLiteral("/manifest.json"));
        QVERIFY(manifest.failed);
        QVERIFY2(manifest.error.contains(QStringLiteral("feed manifest")), qPrintable(manifest.error));
    }

    void badInputWritesNothing_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << QByteArray("{\"Event\": {\"uuid\": \"x\", \"info\": \"cut") << "not valid JSON";
        QTest::newRow("not an event") << QByteArray(R"({"Event": 3, "Attribute": []})") << "not a MISP event";
        QTest::newRow("deep") << QByteArray(R"({"response": )") + QByteArray(3000, '[') + QByteArray(3000, ']') + "}"
                              << "not valid JSON";
    }
    void badInputWritesNothing()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QVERIFY(!Importer::importFile(*m_db, QFINDTESTDATA("../data/misp/response.json")).failed);
        const QByteArray before = TestSupport::fileHash(m_path);
        Importer::Options options;
        options.format = Importer::Format::Misp;
        const Importer::Result r = Importer::importBytes(*m_db, bytes, QStringLiteral("bad.json"), options);
        QVERIFY(r.failed);
        QVERIFY2(messages(r).join(u'\n').contains(expected), qPrintable(messages(r).join(u'\n')));
        QCOMPARE(TestSupport::fileHash(m_path), before);
    }

    void cancelWritesNothing()
    {
        const QByteArray before = TestSupport::fileHash(m_path);
        Importer::Options options;
        options.progress = [](qint64, qint64) { return false; };
        const Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/misp/list.json"), options);
        QVERIFY(r.failed);
        QVERIFY(r.cancelled);
        QCOMPARE(TestSupport::fileHash(m_path), before);
    }

    // Every event of the samples imports, with its date and title.
    void samples()
    {
        const QString shared = TestSupport::sharedDatasets();
        if (shared.isEmpty())
            QSKIP("the shared datasets are not beside the checkout");
        const QString folder = shared + QStringLiteral("/misp-events-pymisp");
        const Importer::Result r = Importer::importFile(*m_db, folder);
        QVERIFY2(!r.failed, qPrintable(r.error + u'\n' + messages(r).join(u'\n')));
        QCOMPARE(r.rejected, 0);
        int events = 0;
        QDirIterator it(folder, { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QJsonObject e = QJsonDocument::fromJson(TestSupport::fileBytes(it.next())).object();
            if (e.contains(u"Event"))
                e = e.value(u"Event").toObject();
            ++events;
            const auto record = IncidentStore(*m_db).incident(e.value(u"uuid").toString());
            QVERIFY2(record, qPrintable(it.filePath()));
            QCOMPARE(record->start.toString(), e.value(u"date").toString());
            QCOMPARE(record->title, e.value(u"info").toString().trimmed().replace(u'\n', u' '));
        }
        QCOMPARE(r.accepted(), events);
        // The Sednit event's threat-actor galaxy names Sofacy, from Russia.
        const auto sednit = IncidentStore(*m_db).incident(QStringLiteral("5a3c2fcd-8328-42bb-a95e-4f4402de0b81"));
        QVERIFY(sednit);
        QCOMPARE(sednit->actor, QStringLiteral("Sofacy"));
        QCOMPARE(sednit->attackers, QStringList { QStringLiteral("RU") });
        QCOMPARE(sednit->victims, QStringList { QStringLiteral("XX") });
        QCOMPARE(r.unknownCountry, events); // no sample names a victim country in a structured way
    }
};

QTEST_GUILESS_MAIN(TestMispReader)
#include "tst_mispreader.moc"
