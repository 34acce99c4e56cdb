#include "import/importer.h"
#include "import/verisreader.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QJsonArray>
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

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList out;
    for (const char *t : texts)
        out.append(QString::fromUtf8(t));
    return out;
}

QString number(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toInt()) : v.toString();
}

// What a VCDB file says: its victim countries (XX when none is known) and its partial date.
QStringList countriesOf(const QJsonObject &o)
{
    const QJsonValue country = o.value(u"victim").toObject().value(u"country");
    QStringList out;
    const QJsonArray list = country.isArray() ? country.toArray() : QJsonArray { country };
    for (const QJsonValue &c : list) {
        if (c.toString() != u"Unknown" && c.toString() != u"Other" && !out.contains(c.toString()))
            out.append(c.toString());
    }
    return out.isEmpty() ? QStringList { QStringLiteral("XX") } : out;
}

QString dateOf(const QJsonObject &o)
{
    const QJsonObject t = o.value(u"timeline").toObject().value(u"incident").toObject();
    QString date = number(t.value(u"year"));
    if (t.contains(u"month"))
        date += u'-' + number(t.value(u"month")).rightJustified(2, u'0');
    if (t.contains(u"month") && t.contains(u"day"))
        date += u'-' + number(t.value(u"day")).rightJustified(2, u'0');
    return date;
}
} // namespace

class TestVerisReader : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    QString m_path;
    int m_counter = 0;

    std::optional<Incident> incident(const char *id) { return IncidentStore(*m_db).incident(QString::fromLatin1(id)); }

    // Imports `folder` and checks each file's record against what its JSON says.
    void checkVcdbFolder(const QString &folder, int expectedFiles)
    {
        const Importer::Result r = Importer::importFile(*m_db, folder);
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.rejected, 0);
        int files = 0;
        QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
                continue;
            ++files;
            const QJsonObject o = QJsonDocument::fromJson(TestSupport::fileBytes(path)).object();
            const QString id = o.value(u"plus").toObject().value(u"master_id").toString();
            const auto e = IncidentStore(*m_db).incident(id);
            QVERIFY2(e, qPrintable(path));
            QCOMPARE(e->victims, countriesOf(o));
            QCOMPARE(e->start.toString(), dateOf(o));
        }
        QCOMPARE(files, expectedFiles);
        QCOMPARE(r.accepted(), expectedFiles);
    }

private slots:
    void init()
    {
        m_db = std::make_unique<Database>();
        m_path = m_dir.filePath(QStringLiteral("db%1.faultline").arg(++m_counter));
        QVERIFY(m_db->open(m_path));
    }
    void cleanup() { m_db.reset(); }

    void splitReference_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QStringList>("parts");
        QTest::newRow("semicolons and stray dots")
            << "https://a.example/x/. ;https://b.example/y ;  https://c.example/z"
            << strings({ "https://a.example/x/", "https://b.example/y", "https://c.example/z" });
        QTest::newRow("commas before URLs")
            << "http://a.example/1, http://a.example/2" << strings({ "http://a.example/1", "http://a.example/2" });
        QTest::newRow("comma inside a URL stays")
            << "https://a.example/p?x=1,2" << strings({ "https://a.example/p?x=1,2" });
        QTest::newRow("a case number") << "Case 2013-44." << strings({ "Case 2013-44" });
        QTest::newRow("spaces between URLs")
            << "https://a.example/1 https://a.example/2" << strings({ "https://a.example/1", "https://a.example/2" });
        QTest::newRow("empty") << "" << QStringList();
    }
    void splitReference()
    {
        QFETCH(QString, reference);
        QFETCH(QStringList, parts);
        QStringList got;
        for (const Source &s : VerisReader::splitReference(reference))
            got.append(s.url.isEmpty() ? s.title : s.url);
        QCOMPARE(got, parts);
    }

    void folderOfIncidents()
    {
        const Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/veris"));
        QVERIFY2(!r.failed, qPrintable(r.error + u'\n' + messages(r).join(u'\n')));
        QCOMPARE(r.summary(), QStringLiteral("imported 3, updated 0, unchanged 0, rejected 0, no victim country 1"));

        const auto a = incident("A-121"); // schema 1.2.1: the country is a string
        QVERIFY(a);
        QCOMPARE(a->start.toString(), QStringLiteral("2013-03"));
        QCOMPARE(a->victims, QStringList { QStringLiteral("GB") });
        QVERIFY(a->attackers.isEmpty());
        QCOMPARE(a->type, IncidentType::Ransomware);
        QCOMPARE(a->sectors, sectorBit(Sector::Government));
        QCOMPARE(a->summary, QStringLiteral("Ransomware at a county office."));
        QCOMPARE(a->title, QStringLiteral("Example County Council (malware)"));
        QCOMPARE(a->sources.size(), 3);
        QCOMPARE(a->sources.at(2).title, QStringLiteral("Case 2013-44"));
        QCOMPARE(a->provenance.dataset, QStringLiteral("veris"));

        const auto b = incident("B-134"); // .JSON, a list of countries, a year only
        QVERIFY(b);
        QCOMPARE(b->start.toString(), QStringLiteral("2014"));
        QCOMPARE(b->victims, (QStringList { QStringLiteral("US"), QStringLiteral("CA") }));
        QCOMPARE(b->attackers, QStringList { QStringLiteral("CN") });
        QCOMPARE(b->attribution, Attribution::Suspected);
        QCOMPARE(b->actor, QStringLiteral("Example Group / APT00"));
        QCOMPARE(b->type, IncidentType::DataTheft);
        QCOMPARE(b->sectors, sectorBit(Sector::Telecom));
        QCOMPARE(b->disclosed.toString(), QStringLiteral("2015-02-03"));

        const auto c = incident("c-140"); // in a subfolder; master_id, not incident_id
        QVERIFY(c);
        QCOMPARE(c->start.toString(), QStringLiteral("2022-11-07"));
        QCOMPARE(c->victims, QStringList { QStringLiteral("XX") });
        QCOMPARE(c->type, IncidentType::Ddos);
        QCOMPARE(c->title, QStringLiteral("Unnamed victim (hacking)"));
    }

    void rejectionsNameFileAndPath()
    {
        const QString folder = QFINDTESTDATA("../data/veris-bad");
        const QByteArray before = TestSupport::fileHash(m_path);
        Importer::Options strict;
        strict.strict = true;
        const Importer::Result r = Importer::importFile(*m_db, folder, strict);
        QVERIFY(r.failed);
        QCOMPARE(r.rejected, 2);
        const QString all = messages(r).join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("bad-month.json:1: timeline.incident: ")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("bad-country.json:1: victim.country: unknown country \"Atlantis\"")),
            qPrintable(all));
        QCOMPARE(TestSupport::fileHash(m_path), before);
    }

    void hostileFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << QByteArray(R"({"schema_version": "1.3.4", "timeline": {"incident": {"year": 20)")
                                   << "not valid JSON";
        QTest::newRow("year 2102 in text") << QByteArray(
            R"({"schema_version": "1.3.4", "timeline": {"incident": {"year": "twenty"}}, "victim": {"country": "FR"}})")
                                           << "timeline.incident";
        QTest::newRow("wrong types") << QByteArray(
            R"({"schema_version": "1.3.4", "timeline": [], "victim": 7, "action": "x", "reference": 5})")
                                     << "timeline.incident: missing";
        QTest::newRow("binary") << QByteArray("\x00\x01\x02garbage", 10) << "not valid JSON";
    }
    void hostileFilesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        Importer::Options options;
        options.format = Importer::Format::Veris;
        options.strict = true;
        const QByteArray before = TestSupport::fileHash(m_path);
        const Importer::Result r = Importer::importBytes(*m_db, bytes, QStringLiteral("hostile.json"), options);
        QVERIFY(r.failed);
        QVERIFY2(messages(r).join(u'\n').contains(expected), qPrintable(messages(r).join(u'\n')));
        QVERIFY2(messages(r).join(u'\n').contains(QStringLiteral("hostile.json")), "the file is named");
        QCOMPARE(TestSupport::fileHash(m_path), before);
    }

    // Every VCDB sample file imports with the victim country and partial date its JSON says.
    void vcdbSamples()
    {
        const QString shared = TestSupport::sharedDatasets();
        if (shared.isEmpty())
            QSKIP("the shared datasets are not beside the checkout");
        checkVcdbFolder(shared + QStringLiteral("/vcdb/jayjacobs-VCDB-2013"), 300);
        checkVcdbFolder(shared + QStringLiteral("/vcdb/vz-risk-VCDB-current"), 7);
    }
};

QTEST_GUILESS_MAIN(TestVerisReader)
#include "tst_verisreader.moc"
