#include "domain/spreadsheetcell.h"
#include "import/csvreader.h"
#include "import/importer.h"
#include "import/strictjson.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

namespace {
// A content signature of the document: an ordered dump of every user table plus the
// schema version. Equal signatures mean nothing was written.
QByteArray signature(Database &db)
{
    QByteArray dump = db.scalar(QStringLiteral("PRAGMA user_version")).toString().toUtf8();
    for (const char *sql : { "SELECT * FROM incident ORDER BY rowid", "SELECT * FROM incident_country ORDER BY 1, 2, 3",
             "SELECT * FROM source ORDER BY 1, 2" }) {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db.handle(), sql, -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); ++c)
                dump += QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(st, c))) + '\x1f';
            dump += '\n';
        }
        sqlite3_finalize(st);
    }
    return QCryptographicHash::hash(dump, QCryptographicHash::Sha256).toHex();
}

QStringList messages(const Importer::Result &r)
{
    QStringList list;
    for (const Diagnostic &d : r.diagnostics)
        list << d.toString();
    return list;
}
} // namespace

class TestImport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;

private slots:
    void init()
    {
        m_db = std::make_unique<Database>();
        QVERIFY(m_db->open(m_dir.filePath(QStringLiteral("db%1.faultline").arg(++m_counter))));
    }
    void cleanup() { m_db.reset(); }

    void importsNativeJson()
    {
        const Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/good.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.summary(), QStringLiteral("imported 3, updated 0, unchanged 0, rejected 0"));
        IncidentStore store(*m_db);
        const auto e = store.incident(QStringLiteral("t-estonia"));
        QVERIFY(e);
        QCOMPARE(e->end.toString(), QStringLiteral("2007-05-18"));
        QCOMPARE(e->attackers, QStringList { QStringLiteral("RU") });
        QCOMPARE(e->attribution, Attribution::Suspected);
        QCOMPARE(e->sources.size(), 1);
        QCOMPARE(e->sources.first().url, QStringLiteral("https://example.org/estonia"));
        QCOMPARE(e->sources.first().publisher, QStringLiteral("Example Wire"));
        QCOMPARE(e->provenance.dataset, QStringLiteral("fixture"));
        QCOMPARE(e->provenance.file, QStringLiteral("good.json"));
        const auto m = store.incident(QStringLiteral("t-month"));
        QCOMPARE(m->victims, QStringList { QStringLiteral("DE") }); // a name resolved to its code
        QCOMPARE(m->sources.first().url, QStringLiteral("https://example.org/month"));
        const auto y = store.incident(QStringLiteral("t-year"));
        QCOMPARE(y->victims, (QStringList { QStringLiteral("PH"), QStringLiteral("US") }));
        QCOMPARE(y->disclosed.toString(), QStringLiteral("2016-04"));
    }

    void importsNativeCsv()
    {
        const Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/good.csv"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.imported, 2);
        QCOMPARE(r.rejected, 0);
        IncidentStore store(*m_db);
        const auto a = store.incident(QStringLiteral("c-1"));
        QVERIFY(a);
        QCOMPARE(a->title, QStringLiteral("Ransomware hits a hospital, wards closed"));
        QCOMPARE(a->summary, QStringLiteral("Line one\r\nline two with \"quotes\""));
        QCOMPARE(a->sources.size(), 2);
        QCOMPARE(a->tags, (QStringList { QStringLiteral("health"), QStringLiteral("ransomware") }));
        const auto b = store.incident(QStringLiteral("c-2"));
        QVERIFY(b);
        QCOMPARE(
            b->title, QStringLiteral("=HYPERLINK(\"x\")")); // the export's apostrophe is removed, text kept literally
        QCOMPARE(b->victims, QStringList { QStringLiteral("XK") });
        QCOMPARE(b->attackers, QStringList { QStringLiteral("RS") });
        QCOMPARE(b->start.toString(), QStringLiteral("2020-02-29"));
    }

    void diagnostics_data()
    {
        QTest::addColumn<QString>("expected"); // regular expression over one diagnostic
        QTest::newRow("month") << "bad.csv:3: start: \"2019-13\": month must be 01 to 12$";
        QTest::newRow("no-such-day") << "bad.csv:4: start: \"2019-02-29\": no such day in the calendar$";
        QTest::newRow("country")
            << "bad.csv:5: victims: unknown country \"Atlantis\"; expected an ISO 3166-1 code or country name$";
        QTest::newRow("type") << "bad.csv:6: type: unknown type \"cyberwar\"; expected one of espionage, ";
        QTest::newRow("sector") << "bad.csv:7: sectors: unknown sector \"space\"; expected some of government, ";
        QTest::newRow("end-before-start") << "bad.csv:8: end: 2019-03-01 is before start 2019-03-02$";
        QTest::newRow("attribution")
            << "bad.csv:9: attribution: attackers are named but attribution is none; expected ";
        QTest::newRow("ragged") << "bad.csv:10: expected 13 fields, found 3$";
    }

    void diagnostics()
    {
        QFETCH(QString, expected);
        const Importer::Result r = Importer::importFile(*m_db, QFINDTESTDATA("../data/bad.csv"));
        QVERIFY(!r.failed);
        QCOMPARE(r.imported, 2);
        QCOMPARE(r.rejected, 8);
        const QRegularExpression re(expected);
        QVERIFY(re.isValid());
        bool found = false;
        for (const QString &m : messages(r))
            found = found || re.match(m).hasMatch();
        QVERIFY2(found, qPrintable(messages(r).join(u'\n')));
    }

    void jsonDiagnosticsNameLineAndField()
    {
        const QByteArray json
            = "{\n  \"faultline\": 1,\n  \"incidents\": [\n    {\"id\": \"ok\", \"title\": \"Fine\", \"start\": "
              "\"2020\",\n"
              "     \"victims\": [\"FR\"], \"type\": \"ddos\"},\n"
              "    {\"id\": \"bad\", \"title\": \"Bad\", \"start\": \"2020-02-30\", \"victims\": [\"FR\"], \"type\": "
              "\"ddos\"},\n"
              "    {\"id\": \"types\", \"title\": 5, \"start\": \"2020\", \"victims\": \"FR\", \"type\": \"ddos\"},\n"
              "    \"not an object\"\n  ]\n}\n";
        const Importer::Result r = Importer::importBytes(*m_db, json, QStringLiteral("x.json"));
        QVERIFY(!r.failed);
        QCOMPARE(r.imported, 1);
        QCOMPARE(r.rejected, 3);
        const QString all = messages(r).join(u'\n');
        QVERIFY2(all.contains(QStringLiteral(
                     "x.json:6: incidents[1].start: \"2020-02-30\": no such day in the calendar (record \"bad\")")),
            qPrintable(all));
        QVERIFY2(all.contains(
                     QStringLiteral("x.json:7: incidents[2].title: is a number; expected a string (record \"types\")")),
            qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("x.json:8: incidents[3]: is a string; expected a record object")),
            qPrintable(all));
    }

    void jsonRecordsAreSplitCorrectly()
    {
        // Brackets, braces, commas, escaped quotes and backslashes inside strings must not
        // confuse the scan that splits the records; neither must key order or nesting.
        const QByteArray json
            = "{\"incidents\": [\n"
              "  {\"id\": \"s1\", \"title\": \"a [b], {c} \\\"d\\\" \\\\\", \"start\": \"2020\",\n"
              "   \"victims\": [\"FR\"], \"type\": \"ddos\", \"sources\": [{\"url\": \"https://x.org/a,b\"}]},\n"
              "  {\"title\": \"second\", \"id\": \"s2\", \"start\": \"2021\", \"victims\": \"DE\", \"type\": "
              "\"other\"}\n"
              "], \"dataset\": \"split\", \"faultline\": 1}";
        const Importer::Result r = Importer::importBytes(*m_db, json, QStringLiteral("split.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.imported, 2);
        IncidentStore store(*m_db);
        QCOMPARE(store.incident(QStringLiteral("s1"))->title, QStringLiteral("a [b], {c} \"d\" \\"));
        QCOMPARE(store.incident(QStringLiteral("s1"))->sources.first().url, QStringLiteral("https://x.org/a,b"));
        QCOMPARE(store.incident(QStringLiteral("s2"))->provenance.dataset, QStringLiteral("split"));

        const QByteArray broken
            = "{\"faultline\": 1, \"incidents\": [\n{\"id\": \"ok\"},\n{\"id\": \"bad\", \"title\": tru}\n]}";
        const Importer::Result b = Importer::importBytes(*m_db, broken, QStringLiteral("broken.json"));
        QVERIFY(b.failed);
        QVERIFY2(b.error.contains(QStringLiteral("broken.json:3: not valid JSON")), qPrintable(b.error));
    }

    void wholeFileErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "empty.csv"
                               << "empty, no records";
        QTest::newRow("whitespace") << QByteArray(" \n\t\n") << "blank.csv"
                                    << "empty, no records";
        QTest::newRow("bom-only") << QByteArray("\xEF\xBB\xBF") << "bom.csv"
                                  << "empty, no records";
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "image.csv"
                             << "looks like a PNG image";
        QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\0\0\0", 8) << "archive.json"
                             << "not a readable ZIP archive";
        QTest::newRow("html") << QByteArray("<!DOCTYPE html><html><body>502</body></html>") << "page.json"
                              << "looks like HTML";
        QTest::newRow("other-json") << QByteArray("{\"type\": \"bundle\", \"objects\": []}") << "bundle.json"
                                    << "none of the formats Faultline reads";
        QTest::newRow("broken-json") << QByteArray("{\"faultline\": 1, \"incidents\": [ {\"id\": ] }") << "broken.json"
                                     << "not valid JSON";
        QTest::newRow("wrong-version") << QByteArray("{\"faultline\": 7, \"incidents\": []}") << "v7.json"
                                       << "version 7 is not supported";
        QTest::newRow("incidents-not-array") << QByteArray("{\"faultline\": 1, \"incidents\": {}}") << "obj.json"
                                             << "\"incidents\" is not an array; expected an array of records";
        QTest::newRow("csv-missing-column") << QByteArray("id,title,start\n1,x,2020\n") << "cols.csv"
                                            << "victims: no such column in the header";
        QTest::newRow("csv-duplicate-column") << QByteArray("title,title,start,victims,type\n") << "dup.csv"
                                              << "title: duplicate column";
        QTest::newRow("csv-unterminated-quote")
            << QByteArray("title,start,victims,type\nok,2020,FR,ddos\n\"never closed,2020,FR,ddos\nmore,2020,FR,ddos\n")
            << "quote.csv"
            << "quote.csv:3: quote opened here is never closed";
        QTest::newRow("csv-invalid-utf8")
            << QByteArray("title,start,victims,type\nok,2020,FR,ddos\nbad \xC0\x80,2020,FR,ddos\n") << "latin.csv"
            << "latin.csv:3: invalid UTF-8";
        QTest::newRow("deep-json") << QByteArray("{\"faultline\": 1, \"incidents\": ") + QByteArray(2000, '[')
                                   << "deep.json"
                                   << "not valid JSON";
        // Issue 17 #4: JSON that is not JSON is refused, with line and column.
        QTest::newRow("second-incidents")
            << QByteArray("{\"faultline\": 1, \"incidents\": [], \"incidents\": []}") << "twice.json"
            << "duplicate key \"incidents\" in the top-level object";
        QTest::newRow("trailing-comma") << QByteArray(
            "{\"faultline\": 1, \"incidents\": [{\"id\": \"a\", \"title\": \"t\"},]}")
                                        << "comma.json"
                                        << "a trailing comma before ']'";
        QTest::newRow("trailing-comma-object")
            << QByteArray("{\"faultline\": 1, \"incidents\": [{\"id\": \"a\", \"title\": \"t\",}]}") << "comma2.json"
            << "a trailing comma before '}'";
        QTest::newRow("x-escape") << QByteArray("{\"faultline\": 1, \"incidents\": [{\"title\": \"\\x41\"}]}")
                                  << "escape.json"
                                  << "\\x is not a JSON escape";
        QTest::newRow("lone-surrogate") << QByteArray("{\"faultline\": 1, \"incidents\": [{\"title\": \"a\\ud800b\"}]}")
                                        << "surrogate.json"
                                        << "a lone UTF-16 surrogate \\ud800";
        QTest::newRow("lone-low-surrogate")
            << QByteArray("{\"faultline\": 1, \"incidents\": [{\"title\": \"\\udc00\"}]}") << "low.json"
            << "a lone UTF-16 surrogate \\udc00";
        QTest::newRow("nan") << QByteArray("{\"faultline\": 1, \"incidents\": [{\"n\": NaN}]}") << "nan.json"
                             << "unexpected 'N'";
        QTest::newRow("two-documents") << QByteArray("{\"faultline\": 1, \"incidents\": []}\n{}") << "two.json"
                                       << "two.json:2: not valid JSON: '{' after the end of the JSON document";
        QTest::newRow("control-character")
            << QByteArray("{\"faultline\": 1, \"incidents\": [{\"title\": \"a\tb\"}]}") << "tab.json"
            << "control character U+0009";
        QTest::newRow("overlong-utf8") << QByteArray("{\"faultline\": 1, \"incidents\": [{\"title\": \"\xC0\x80\"}]}")
                                       << "overlong.json"
                                       << "invalid UTF-8";
        QTest::newRow("version-after-records-wrong")
            << QByteArray("{\"incidents\": [], \"faultline\": 2}") << "late.json"
            << "version 2 is not supported";
    }

    void wholeFileErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QVERIFY(!Importer::importFile(*m_db, QFINDTESTDATA("../data/good.json")).failed);
        const QByteArray before = signature(*m_db);
        const QString path = m_dir.filePath(name);
        QVERIFY(TestSupport::writeFile(path, bytes));
        const Importer::Result r = Importer::importFile(*m_db, path);
        QVERIFY(r.failed);
        QVERIFY2(r.error.contains(expected) || messages(r).join(u'\n').contains(expected),
            qPrintable(r.error + u'\n' + messages(r).join(u'\n')));
        QVERIFY2(r.error.contains(name), "the error names the file");
        QCOMPARE(r.accepted(), 0);
        QCOMPARE(signature(*m_db), before);
    }

    // Issue 17 #4: a duplicate key inside a record rejects that record, naming the path and id.
    void duplicateKeyRejectsTheRecord()
    {
        const QByteArray json = "{\"faultline\": 1, \"incidents\": ["
                                "{\"id\": \"a\", \"title\": \"A\", \"start\": \"2020\", \"victims\": [\"FR\"], "
                                "\"type\": \"ddos\", \"type\": \"espionage\"},"
                                "{\"id\": \"b\", \"title\": \"B\", \"start\": \"2020\", \"victims\": [\"FR\"], "
                                "\"type\": \"ddos\"}]}";
        const Importer::Result r = Importer::importBytes(*m_db, json, QStringLiteral("dup.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.imported, 1);
        QCOMPARE(r.rejected, 1);
        QVERIFY2(messages(r).contains(QStringLiteral(
                     "dup.json:1: incidents[0].type: duplicate key \"type\"; expected each key once (record \"a\")")),
            qPrintable(messages(r).join(u'\n')));
    }

    // Issue 17 #4: the version key may come anywhere, even after the records and the head.
    void versionKeyAfterTheRecordsIsAccepted()
    {
        QByteArray json = "{\"incidents\": [";
        for (int i = 0; i < 400; ++i)
            json += QStringLiteral("%1{\"id\": \"late-%2\", \"title\": \"Record %2\", \"start\": \"2020\", "
                                   "\"victims\": [\"FR\"], \"type\": \"ddos\", \"summary\": \"%3\"}")
                        .arg(i ? QStringLiteral(",") : QString())
                        .arg(i)
                        .arg(QString(200, u'x'))
                        .toUtf8();
        json += "], \"dataset\": \"late\", \"faultline\": 1}";
        QVERIFY(json.indexOf("\"faultline\"") > 65536);
        const QString path = m_dir.filePath(QStringLiteral("late.json"));
        QVERIFY(TestSupport::writeFile(path, json));
        const Importer::Result r = Importer::importFile(*m_db, path);
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.imported, 400);
        QCOMPARE(IncidentStore(*m_db).incident(QStringLiteral("late-7"))->provenance.dataset, QStringLiteral("late"));
    }

    // Issue 17 #2, #3: single-line JSON with many bad records: the rejected count is the number
    // of records, each diagnostic names its JSON path and id, and diagnostics stop at the cap
    // with the rest counted.
    void jsonCountsRecordsAndCapsDiagnostics()
    {
        QByteArray json = "{\"faultline\": 1, \"incidents\": [";
        for (int i = 0; i < 17; ++i)
            json += QStringLiteral("{\"id\": \"bad-%1\", \"title\": \"T\", \"start\": \"2020-13\", \"victims\": "
                                   "[\"FR\"], \"type\": \"ddos\"},")
                        .arg(i)
                        .toUtf8();
        json
            += "{\"id\": \"good\", \"title\": \"T\", \"start\": \"2020\", \"victims\": [\"FR\"], \"type\": \"ddos\"}]}";
        Importer::Result r = Importer::importBytes(*m_db, json, QStringLiteral("line.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.rejected, 17);
        QCOMPARE(r.imported, 1);
        QVERIFY2(messages(r).contains(QStringLiteral(
                     "line.json:1: incidents[12].start: \"2020-13\": month must be 01 to 12 (record \"bad-12\")")),
            qPrintable(messages(r).join(u'\n')));

        // 5,000 empty records: several diagnostics each, capped at 1,000, the rest counted.
        QByteArray empties = "{\"faultline\": 1, \"incidents\": [{}";
        for (int i = 1; i < 5000; ++i)
            empties += ",{}";
        empties += "]}";
        r = Importer::importBytes(*m_db, empties, QStringLiteral("empties.json"));
        QCOMPARE(r.rejected, 5000);
        QCOMPARE(r.diagnostics.size(), Diagnostics::s_cap);
        QVERIFY(r.diagnostics.omitted() >= 5000);
        QVERIFY(r.diagnostics.omittedLine().contains(QString::number(r.diagnostics.omitted())));
    }

    void csvCountsRecordsAndCapsDiagnostics()
    {
        QByteArray csv = "title,start,victims,type\n";
        for (int i = 0; i < 3000; ++i)
            csv += "a\"b,2020-13,Atlantis,cyberwar\n";
        csv += "fine,2020,FR,ddos\n";
        const QString path = m_dir.filePath(QStringLiteral("many-bad.csv"));
        QVERIFY(TestSupport::writeFile(path, csv));
        const Importer::Result r = Importer::importFile(*m_db, path);
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.rejected, 3000);
        QCOMPARE(r.imported, 1);
        QCOMPARE(r.diagnostics.size(), Diagnostics::s_cap);
        QVERIFY(r.diagnostics.omitted() >= 3000);
    }

    // Issue 17 #2: a record over the element cap is rejected unread; the others are imported.
    void oversizedJsonRecordIsRejected()
    {
        QByteArray json = "{\"faultline\": 1, \"incidents\": [{\"id\": \"huge\", \"title\": \"";
        json += QByteArray(StrictJson::s_maxElementBytes + 1024, 'a');
        json += "\"}, {\"id\": \"ok\", \"title\": \"T\", \"start\": \"2020\", \"victims\": [\"FR\"], \"type\": "
                "\"ddos\"}]}";
        const Importer::Result r = Importer::importBytes(*m_db, json, QStringLiteral("huge.json"));
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.imported, 1);
        QCOMPARE(r.rejected, 1);
        QVERIFY2(
            messages(r).first().startsWith(QStringLiteral("huge.json:1: incidents[0]: a record larger than 16 MiB")),
            qPrintable(messages(r).join(u'\n')));
    }

    void notAFile()
    {
        // A folder holding nothing importable (only a document) imports nothing and says so.
        QTemporaryDir empty;
        QVERIFY(TestSupport::writeFile(empty.filePath(QStringLiteral("doc.faultline")), "SQLite format 3"));
        const Importer::Result dir = Importer::importFile(*m_db, empty.path());
        QVERIFY(dir.failed);
        QVERIFY2(dir.error.contains(QStringLiteral("no file in it")), qPrintable(dir.error));
        const Importer::Result missing = Importer::importFile(*m_db, m_dir.filePath(QStringLiteral("nope.csv")));
        QVERIFY(missing.failed);
        QVERIFY(missing.error.contains(QStringLiteral("no such file")));
        const Importer::Result device = Importer::importFile(*m_db, QStringLiteral("/dev/zero"));
        QVERIFY(device.failed);
        QVERIFY(device.error.contains(QStringLiteral("not a regular file")));
    }

    void reimportIsIdempotentAndKeepsNotes()
    {
        const QString file = QFINDTESTDATA("../data/good.json");
        QCOMPARE(Importer::importFile(*m_db, file).imported, 3);
        IncidentStore store(*m_db);
        QString error;
        QVERIFY(store.setNotes(QStringLiteral("t-month"), QStringLiteral("Call the ministry press office"), &error));
        const QByteArray before = signature(*m_db);
        const Importer::Result again = Importer::importFile(*m_db, file);
        QCOMPARE(again.summary(), QStringLiteral("imported 0, updated 0, unchanged 3, rejected 0"));
        QCOMPARE(signature(*m_db), before);
        QCOMPARE(store.count(), 3);

        // A changed record is updated in place; the user's notes survive.
        QByteArray changed = TestSupport::fileBytes(file);
        changed.replace("Only the month is known.", "Only the month is known; the ministry confirmed it.");
        const Importer::Result update = Importer::importBytes(*m_db, changed, QStringLiteral("good.json"));
        QCOMPARE(update.summary(), QStringLiteral("imported 0, updated 1, unchanged 2, rejected 0"));
        const auto m = store.incident(QStringLiteral("t-month"));
        QCOMPARE(m->summary, QStringLiteral("Only the month is known; the ministry confirmed it."));
        QCOMPARE(m->notes, QStringLiteral("Call the ministry press office"));
        QCOMPARE(store.count(), 3);
    }

    void csvWithoutIdsIsIdempotent()
    {
        const QByteArray csv = "title,start,victims,type\nFirst,2021-01,FR,ddos\nSecond,2021-02,DE,ddos\n";
        QCOMPARE(Importer::importBytes(*m_db, csv, QStringLiteral("noid.csv")).imported, 2);
        QCOMPARE(Importer::importBytes(*m_db, csv, QStringLiteral("noid.csv")).unchanged, 2);
        QCOMPARE(IncidentStore(*m_db).count(), 2);
    }

    void duplicateIdInOneImportIsReported()
    {
        const QByteArray csv = "id,title,start,victims,type\nd1,First,2021,FR,ddos\nd1,Again,2021,FR,ddos\n";
        const Importer::Result r = Importer::importBytes(*m_db, csv, QStringLiteral("dup.csv"));
        QCOMPARE(r.imported, 1);
        QCOMPARE(r.rejected, 1);
        QVERIFY(messages(r).join(u'\n').contains(QStringLiteral("appears more than once")));
        QCOMPARE(IncidentStore(*m_db).incident(QStringLiteral("d1"))->title, QStringLiteral("First"));
    }

    void duplicateIdIsReportedWhateverTheDocumentHolds()
    {
        // Into a document that already holds records (no bulk insert), a repeat is told by the
        // rows this import wrote: a new id twice, an unchanged one twice, an updated one twice.
        const QByteArray first = "id,title,start,victims,type\nk1,Kept,2021,FR,ddos\nu1,Old,2021,FR,ddos\n";
        QCOMPARE(Importer::importBytes(*m_db, first, QStringLiteral("second.csv")).imported, 2);
        const QByteArray csv = "id,title,start,victims,type\n"
                               "n1,New,2022,DE,ddos\nn1,New again,2022,DE,ddos\n"
                               "k1,Kept,2021,FR,ddos\nk1,Kept,2021,FR,ddos\n"
                               "u1,Changed,2021,FR,ddos\nu1,Changed twice,2021,FR,ddos\n";
        const Importer::Result r = Importer::importBytes(*m_db, csv, QStringLiteral("second.csv"));
        QCOMPARE(r.imported, 1);
        QCOMPARE(r.unchanged, 1);
        QCOMPARE(r.updated, 1);
        QCOMPARE(r.rejected, 3);
        QCOMPARE(IncidentStore(*m_db).incident(QStringLiteral("n1"))->title, QStringLiteral("New"));
        QCOMPARE(IncidentStore(*m_db).incident(QStringLiteral("u1"))->title, QStringLiteral("Changed"));
        // The next import starts afresh: the same ids are not repeats there.
        const Importer::Result again = Importer::importBytes(*m_db, csv, QStringLiteral("second.csv"));
        QCOMPARE(again.rejected, 3);
        QCOMPARE(again.unchanged, 3);
    }

    void fullDiskIsReportedAsSuch()
    {
        // SQLite's page limit fails a write the way a full disk does (SQLITE_FULL): the import
        // writes nothing and says the disk is full.
        QCOMPARE(Importer::importBytes(*m_db, "title,start,victims,type\nOne,2021,FR,ddos\n", QStringLiteral("a.csv"))
                     .imported,
            1);
        const qint64 pages = m_db->scalar(QStringLiteral("PRAGMA page_count")).toLongLong();
        QVERIFY(m_db->exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 2)));
        QByteArray csv = "title,start,victims,type,summary\n";
        for (int i = 0; i < 2000; ++i)
            csv += "Record " + QByteArray::number(i) + ",2022,DE,ddos," + QByteArray(300, 'x') + "\n";
        const Importer::Result r = Importer::importBytes(*m_db, csv, QStringLiteral("big.csv"));
        QVERIFY(r.failed);
        QVERIFY2(r.error.contains(QStringLiteral("the disk is full")), qPrintable(r.error));
        QVERIFY(r.documentLine().contains(QStringLiteral("still holds 1 record")));
        QCOMPARE(IncidentStore(*m_db).count(), 1);
    }

    void strictWritesNothing()
    {
        QVERIFY(!Importer::importFile(*m_db, QFINDTESTDATA("../data/good.json")).failed);
        const QString path = m_dir.filePath(QStringLiteral("strict.db"));
        m_db->close();
        QFile::copy(m_dir.filePath(QStringLiteral("db%1.faultline").arg(m_counter)), path);
        const QByteArray fileBefore = TestSupport::fileHash(path);
        {
            Database db;
            QVERIFY(db.open(path));
            Importer::Options options;
            options.strict = true;
            const Importer::Result r = Importer::importFile(db, QFINDTESTDATA("../data/bad.csv"), options);
            QVERIFY(r.failed);
            QCOMPARE(r.rejected, 8);
            QCOMPARE(r.accepted(), 0);
            QVERIFY(r.error.contains(QStringLiteral("--strict")));
            QCOMPARE(IncidentStore(db).count(), 3);
        }
        // Rolled back: the file is byte-for-byte what it was.
        QCOMPARE(TestSupport::fileHash(path), fileBefore);
    }

    void failedImportRollsBackByteForByte()
    {
        QVERIFY(!Importer::importFile(*m_db, QFINDTESTDATA("../data/good.json")).failed);
        const QString path = m_db->path();
        m_db->close();
        const QByteArray before = TestSupport::fileHash(path);
        {
            Database db;
            QVERIFY(db.open(path));
            // Valid records first, then a quote that never closes: the whole file is refused.
            const QByteArray csv
                = "id,title,start,victims,type\nr1,One,2021,FR,ddos\nr2,Two,2021,DE,ddos\nr3,\"Three,2021,IT,ddos\n";
            const QString file = m_dir.filePath(QStringLiteral("partial.csv"));
            QVERIFY(TestSupport::writeFile(file, csv));
            const Importer::Result r = Importer::importFile(db, file);
            QVERIFY(r.failed);
            QCOMPARE(IncidentStore(db).count(), 3);
            QVERIFY(!IncidentStore(db).incident(QStringLiteral("r1")));
        }
        QCOMPARE(TestSupport::fileHash(path), before);
    }

    void cancelWritesNothing()
    {
        QByteArray csv = "id,title,start,victims,type\n";
        for (int i = 0; i < 5000; ++i)
            csv += QStringLiteral("k%1,Record %1,2021-03,FR,ddos\n").arg(i).toUtf8();
        const QString file = m_dir.filePath(QStringLiteral("big.csv"));
        QVERIFY(TestSupport::writeFile(file, csv));
        const QByteArray before = signature(*m_db);
        Importer::Options options;
        int calls = 0;
        options.progress = [&](qint64, qint64) { return ++calls < 2; };
        const Importer::Result r = Importer::importFile(*m_db, file, options);
        QVERIFY(r.cancelled);
        QVERIFY(r.failed);
        QCOMPARE(signature(*m_db), before);
        QCOMPARE(IncidentStore(*m_db).count(), 0);
    }

    void fileChangedWhileReadingWritesNothing()
    {
        QByteArray csv = "id,title,start,victims,type\n";
        for (int i = 0; i < 5000; ++i)
            csv += QStringLiteral("w%1,Record %1,2021-03,FR,ddos\n").arg(i).toUtf8();
        const QString path = m_dir.filePath(QStringLiteral("growing.csv"));
        QVERIFY(TestSupport::writeFile(path, csv));
        const QByteArray before = signature(*m_db);
        Importer::Options options;
        bool appended = false;
        options.progress = [&](qint64, qint64) {
            if (!appended) { // another program appends to the file mid-import
                QFile f(path);
                appended = f.open(QIODevice::Append) && f.write("late,Late,2021,FR,ddos\n") > 0;
            }
            return true;
        };
        const Importer::Result r = Importer::importFile(*m_db, path, options);
        QVERIFY(appended);
        QVERIFY(r.failed);
        QVERIFY2(r.error.contains(QStringLiteral("changed while it was being read")), qPrintable(r.error));
        QCOMPARE(signature(*m_db), before);
    }

    void lineEndingsGiveIdenticalRecords_data()
    {
        QTest::addColumn<QByteArray>("newline");
        QTest::newRow("lf") << QByteArray("\n");
        QTest::newRow("crlf") << QByteArray("\r\n");
        QTest::newRow("cr") << QByteArray("\r");
    }

    void lineEndingsGiveIdenticalRecords()
    {
        QFETCH(QByteArray, newline);
        QByteArray csv = "id,title,start,victims,type,summary" + newline + "e1,One,2021,FR,ddos,\"two" + newline
            + "lines\"" + newline + newline + "e2,Two,2022,DE,ddos,x" + newline + "bad,Three,2022-13,DE,ddos,x";
        const Importer::Result r = Importer::importBytes(*m_db, csv, QStringLiteral("eol.csv"));
        QCOMPARE(r.imported, 2);
        QCOMPARE(r.rejected, 1);
        QVERIFY2(
            messages(r).join(u'\n').contains(QStringLiteral("eol.csv:6: start:")), qPrintable(messages(r).join(u'\n')));
        QCOMPARE(IncidentStore(*m_db).incident(QStringLiteral("e1"))->summary,
            QStringLiteral("two") + QString::fromLatin1(newline) + QStringLiteral("lines"));
    }

    void spreadsheetCells_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("written");
        QTest::newRow("formula") << "=HYPERLINK(\"x\")"
                                 << "'=HYPERLINK(\"x\")";
        QTest::newRow("plus") << "+cmd|' /C calc'!A0"
                              << "'+cmd|' /C calc'!A0";
        QTest::newRow("minus") << "-2+3"
                               << "'-2+3";
        QTest::newRow("at") << "@SUM(1)"
                            << "'@SUM(1)";
        QTest::newRow("tab") << "\tx"
                             << "'\tx";
        QTest::newRow("apostrophe-kept") << "'=x"
                                         << "''=x";
        QTest::newRow("plain") << "Albania"
                               << "Albania";
        QTest::newRow("inner-equals") << "a=b"
                                      << "a=b";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("lone-apostrophe") << "'"
                                         << "''";
    }

    void spreadsheetCells()
    {
        QFETCH(QString, text);
        QFETCH(QString, written);
        QCOMPARE(SpreadsheetCell::neutralise(text), written);
        QCOMPARE(SpreadsheetCell::restore(written), text);
    }

    void csvReaderDelimiters_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QChar>("delimiter");
        QTest::newRow("comma") << QByteArray("a,b;c,d") << QChar(u',');
        QTest::newRow("semicolon") << QByteArray("a;b;c,d") << QChar(u';');
        QTest::newRow("tab") << QByteArray("a\tb\tc") << QChar(u'\t');
        QTest::newRow("pipe") << QByteArray("a|b|c") << QChar(u'|');
        QTest::newRow("quoted-commas-ignored") << QByteArray("\"a,b,c,d\";x;y") << QChar(u';');
    }

    void csvReaderDelimiters()
    {
        QFETCH(QByteArray, header);
        QFETCH(QChar, delimiter);
        QCOMPARE(CsvReader::detectDelimiter(header), delimiter);
    }

    void bundledDatasetLoadsFirstRecordFirst()
    {
        const Importer::Result r = Importer::importBundled(*m_db);
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.rejected, 0);
        QVERIFY(r.imported >= 3);
        const IncidentColumns c = IncidentStore(*m_db).loadColumns();
        QCOMPARE(c.id(0), QStringLiteral("fl-2022-al-akshi-shutdown"));
        const auto seed = IncidentStore(*m_db).incident(QStringLiteral("fl-2022-al-akshi-shutdown"));
        QCOMPARE(seed->start.toString(), QStringLiteral("2022-07-15"));
        QCOMPARE(seed->victims, QStringList { QStringLiteral("AL") });
        QCOMPARE(seed->sources.first().publisher, QStringLiteral("ANI"));
        QCOMPARE(
            seed->sources.first().title, QStringLiteral("Albania closes down online gov't systems after cyber attack"));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
