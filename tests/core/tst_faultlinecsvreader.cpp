// FaultlineCsvReader: the `sources` column in the form the CSV export writes, and a
// diagnostic naming the line and the field for every malformed source.
#include "import/faultlinecsvreader.h"

#include <QBuffer>
#include <QTest>

namespace {
struct Read
{
    bool ok = false;
    QList<Incident> records;
    Diagnostics diagnostics;
};

Read readCsv(const QByteArray &csv)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    Read result;
    result.ok = FaultlineCsvReader::read(
        &buffer, QStringLiteral("s.csv"), QStringLiteral("test"),
        [&](Incident &&r) {
            result.records.append(std::move(r));
            return true;
        },
        result.diagnostics);
    return result;
}
} // namespace

class TestFaultlineCsvReader : public QObject
{
    Q_OBJECT
private slots:
    void utf16CutInHalfIsAnErrorNotACrash()
    {
        // A UTF-16 byte order mark, then one byte: half a character. Found by fuzzing.
        const Read r = readCsv(QByteArray("\xFF\xFE\x1A", 3));
        QVERIFY(!r.ok);
        QCOMPARE(r.records.size(), 0);
        QCOMPARE(r.diagnostics.size(), 1);
        QVERIFY2(r.diagnostics.first().toString().contains(QStringLiteral("middle of a character")),
            qPrintable(r.diagnostics.first().toString()));
        // The same with whole characters reads the header and one record.
        QByteArray text;
        for (const char16_t c : u"id,title,start,victims,type\na-1,One,2024-01-02,FR,ddos\n")
            if (c)
                text.append(char(c & 0xFF)).append(char(c >> 8));
        const Read whole = readCsv(QByteArray("\xFF\xFE", 2) + text);
        QVERIFY(whole.ok);
        QCOMPARE(whole.records.size(), 1);
    }

    void sourcesAreDecoded()
    {
        const Read r = readCsv("id,title,start,victims,type,sources\n"
                               "a-1,One,2024-01-02,FR,ddos,\"Wire | A title | 2024-01-03 | https://a.example;"
                               "https://b.example;Radio \\| TV | Only a title |  | \"\n");
        QVERIFY(r.ok);
        QCOMPARE(r.diagnostics.size(), 0);
        QCOMPARE(r.records.size(), 1);
        const QList<Source> sources = r.records.first().sources;
        QCOMPARE(sources.size(), 3);
        QCOMPARE(sources.at(0).publisher, QStringLiteral("Wire"));
        QCOMPARE(sources.at(0).title, QStringLiteral("A title"));
        QCOMPARE(sources.at(0).date, QStringLiteral("2024-01-03"));
        QCOMPARE(sources.at(0).url, QStringLiteral("https://a.example"));
        QCOMPARE(sources.at(1).url, QStringLiteral("https://b.example")); // a URL alone, as older files hold
        QVERIFY(sources.at(1).title.isEmpty());
        QCOMPARE(sources.at(2).publisher, QStringLiteral("Radio | TV"));
        QCOMPARE(sources.at(2).title, QStringLiteral("Only a title"));
        QVERIFY(sources.at(2).url.isEmpty());
    }

    void malformedSourcesNameLineAndField()
    {
        const Read r = readCsv("id,title,start,victims,type,sources\n"
                               "a-1,One,2024-01-02,FR,ddos,https://fine.example\n"
                               "a-2,Two,2024-01-02,FR,ddos,\"a | b;https://ok.example;c | d | e\"\n");
        QVERIFY(r.ok);
        QCOMPARE(r.records.size(), 1); // the row with malformed sources is rejected
        QCOMPARE(r.records.first().id, QStringLiteral("a-1"));
        QCOMPARE(r.diagnostics.size(), 2); // one per malformed source
        for (const Diagnostic &d : r.diagnostics) {
            QCOMPARE(d.line, 3);
            QCOMPARE(d.field, QStringLiteral("sources"));
            QCOMPARE(d.severity, Diagnostic::Severity::Error);
            QCOMPARE(d.recordId, QStringLiteral("a-2"));
        }
        QVERIFY2(
            r.diagnostics.at(0).reason.contains(QStringLiteral("source 1")), qPrintable(r.diagnostics.at(0).reason));
        QVERIFY2(
            r.diagnostics.at(1).reason.contains(QStringLiteral("source 3")), qPrintable(r.diagnostics.at(1).reason));
        QVERIFY(r.diagnostics.at(0).toString().startsWith(QStringLiteral("s.csv:3: sources: ")));
    }

    void otherProblemsOfTheRowAreReportedToo()
    {
        const Read r = readCsv("title,start,victims,type,sources\n"
                               "One,2024-01-02,FR,nonsense,a | b\n");
        QVERIFY(r.ok);
        QVERIFY(r.records.isEmpty());
        QStringList fields;
        for (const Diagnostic &d : r.diagnostics)
            fields << d.field;
        QCOMPARE(fields, (QStringList { QStringLiteral("sources"), QStringLiteral("type") }));
    }
};

QTEST_GUILESS_MAIN(TestFaultlineCsvReader)
#include "tst_faultlinecsvreader.moc"
