// Any CSV through a mapping: the mapping file (CsvMapping), encodings and delimiters, dates,
// constants, value translation, multi-values, countries, long format and derived ids
// (MappedCsvReader), and the import through Importer (one transaction, idempotent).
#include "import/csvmapping.h"
#include "import/importer.h"
#include "import/mappedcsvreader.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct Read
{
    bool ok = false;
    QList<Incident> records;
    Diagnostics diagnostics;
    MappedCsvReader::Counts counts;

    QStringList messages() const
    {
        QStringList list;
        for (const Diagnostic &d : diagnostics)
            list << d.toString();
        return list;
    }
    const Incident *record(const QString &id) const
    {
        for (const Incident &r : records) {
            if (r.id == id)
                return &r;
        }
        return nullptr;
    }
};

CsvMapping mapping(const QByteArray &json)
{
    QString error;
    const std::optional<CsvMapping> m = CsvMapping::fromJson(json, &error);
    if (!m)
        qFatal("bad test mapping: %s", qPrintable(error));
    return *m;
}

Read readMapped(const QByteArray &csv, const CsvMapping &m, int maxRows = 0)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    Read result;
    result.ok = MappedCsvReader::read(
        &buffer, m, QStringLiteral("t.csv"), QStringLiteral("t"),
        [&](Incident &&r) {
            result.records.append(std::move(r));
            return true;
        },
        result.diagnostics, &result.counts, {}, maxRows);
    return result;
}

// A small tracker-like mapping used by several tests.
const QByteArray s_trackerMap = R"({
    "id": "ID",
    "title": "Name",
    "start": "Date",
    "victims": "Victim",
    "attackers": "Sponsor",
    "attribution": {"const": "suspected"},
    "type": {"column": "Category", "values": {"Espionage": "espionage", "Denial of service": "ddos",
                                              "Hack and leak": "data-theft"}},
    "summary": "Description",
    "sources": "Sources"
})";

QByteArray utf16(const QString &text, bool bigEndian)
{
    QByteArray bytes = bigEndian ? QByteArray("\xFE\xFF", 2) : QByteArray("\xFF\xFE", 2);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (bigEndian)
            bytes.append(char(u >> 8)).append(char(u & 0xFF));
        else
            bytes.append(char(u & 0xFF)).append(char(u >> 8));
    }
    return bytes;
}
} // namespace

class TestMappedCsv : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    // --- the mapping file ---------------------------------------------------------------

    void mappingLoadsEveryForm()
    {
        const CsvMapping m = mapping(R"({
            "title": "Name", "summary": ["A", "B"], "victims": {"const": "US"},
            "type": {"column": "Kind", "values": {"Hacking/IT Incident": "data-theft"}},
            "sectors": {"columns": ["S1", "S2"], "separator": "/"},
            "start": "Date", "date_format": "dd/MM/yyyy", "separator": ",", "delimiter": "\\t",
            "encoding": "windows-1252"})");
        QCOMPARE(m.fields.value(QStringLiteral("title")).columns, QStringList { QStringLiteral("Name") });
        QCOMPARE(m.fields.value(QStringLiteral("summary")).columns, (QStringList { u"A"_qs, u"B"_qs }));
        QCOMPARE(m.fields.value(QStringLiteral("victims")).constant, std::optional<QString>(QStringLiteral("US")));
        QCOMPARE(m.fields.value(QStringLiteral("type")).values.value(QStringLiteral("hacking/it incident")),
            QStringLiteral("data-theft"));
        QCOMPARE(m.fields.value(QStringLiteral("sectors")).separator, QStringLiteral("/"));
        QCOMPARE(m.dateFormat, QStringLiteral("dd/MM/yyyy"));
        QCOMPARE(m.separator, QStringLiteral(","));
        QCOMPARE(m.delimiter, std::optional<QChar>(u'\t'));
        QCOMPARE(m.encoding, CsvReader::Encoding::Windows1252);
    }

    void mappingErrorsNameTheKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected"); // start of the message
        const QByteArray base = R"("title": "T", "start": "S", "victims": "V", "type": "K")";
        QTest::newRow("unknown-key") << QByteArray("{" + base + R"(, "colour": "C"})") << u"colour: unknown key"_qs;
        QTest::newRow("number") << QByteArray(R"({"title": 3, "start": "S", "victims": "V", "type": "K"})")
                                << u"title: a number; expected"_qs;
        QTest::newRow("missing-required")
            << QByteArray(R"({"title": "T", "start": "S", "victims": "V"})") << u"type: missing"_qs;
        QTest::newRow("empty-column") << QByteArray(R"({"title": "", "start": "S", "victims": "V", "type": "K"})")
                                      << u"title: empty column name"_qs;
        QTest::newRow("list-item") << QByteArray("{" + base + R"(, "summary": ["A", 2]})")
                                   << u"summary[1]: a number"_qs;
        QTest::newRow("inner-key") << QByteArray("{" + base + R"(, "actor": {"column": "A", "value": {}}})")
                                   << u"actor.value: unknown key"_qs;
        QTest::newRow("two-sources") << QByteArray("{" + base + R"(, "actor": {"column": "A", "const": "B"}})")
                                     << u"actor: more than one of column"_qs;
        QTest::newRow("const-type") << QByteArray("{" + base + R"(, "actor": {"const": 1}})")
                                    << u"actor.const: a number"_qs;
        QTest::newRow("values-list") << QByteArray("{" + base + R"(, "actor": {"column": "A", "values": []}})")
                                     << u"actor.values: an array"_qs;
        QTest::newRow("values-number") << QByteArray("{" + base + R"(, "actor": {"column": "A", "values": {"x": 1}}})")
                                       << u"actor.values.x: a number"_qs;
        QTest::newRow("date-format") << QByteArray("{" + base + R"(, "date_format": "dd/MM"})")
                                     << u"date_format: \"dd/MM\" names no year"_qs;
        QTest::newRow("delimiter") << QByteArray("{" + base + R"(, "delimiter": ";;"})") << u"delimiter: \";;\""_qs;
        QTest::newRow("encoding") << QByteArray("{" + base + R"(, "encoding": "ebcdic"})")
                                  << u"encoding: \"ebcdic\""_qs;
        QTest::newRow("separator") << QByteArray("{" + base + R"(, "separator": ""})") << u"separator: empty"_qs;
        QTest::newRow("not-json") << QByteArray("{\"title\": ") << u"not JSON"_qs;
        QTest::newRow("array") << QByteArray("[]") << u"an array; expected an object"_qs;
    }
    void mappingErrorsNameTheKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!CsvMapping::fromJson(json, &error));
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }

    void mappingFileErrorsNameTheFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad.map.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"title": "T", "start": "S", "victims": "V", "type": "K", "typo": 1})");
        file.close();
        QString error;
        QVERIFY(!CsvMapping::load(path, &error));
        QVERIFY2(error.startsWith(path + QStringLiteral(": typo: unknown key")), qPrintable(error));
    }

    void mappingSavesWhatItLoads()
    {
        const CsvMapping m = mapping(s_trackerMap);
        const QString path = m_dir.filePath(QStringLiteral("round.map.json"));
        QString error;
        QVERIFY2(m.save(path, &error), qPrintable(error));
        const std::optional<CsvMapping> back = CsvMapping::load(path, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), m.toJson());
        QCOMPARE(back->fields.value(QStringLiteral("type")).values.value(QStringLiteral("denial of service")),
            QStringLiteral("ddos"));
        QCOMPARE(back->fields.value(QStringLiteral("attribution")).constant,
            std::optional<QString>(QStringLiteral("suspected")));
    }

    void guessesColumnsFromHeaderNames()
    {
        const CsvMapping m = CsvMapping::guess({ u"Incident ID"_qs, u"Name"_qs, u"Date of incident"_qs,
            u"Victim country"_qs, u"State sponsor"_qs, u"Type"_qs, u"Description"_qs, u"Sources"_qs, u"Other"_qs });
        auto column = [&](const char *field) { return m.fields.value(QString::fromLatin1(field)).columns.value(0); };
        QCOMPARE(column("id"), u"Incident ID"_qs);
        QCOMPARE(column("title"), u"Name"_qs);
        QCOMPARE(column("start"), u"Date of incident"_qs);
        QCOMPARE(column("victims"), u"Victim country"_qs);
        QCOMPARE(column("attackers"), u"State sponsor"_qs);
        QCOMPARE(column("type"), u"Type"_qs);
        QCOMPARE(column("summary"), u"Description"_qs);
        QCOMPARE(column("sources"), u"Sources"_qs);
        QVERIFY(!m.fields.value(QStringLiteral("actor")).isSet());
    }

    // --- bytes: encodings, delimiters, quoting --------------------------------------------

    void encodingsAreDetected_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        const QString text = QStringLiteral("ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                                            "1,Attaque contre l'État,2022-07-17,Côte d'Ivoire,,Espionage,"
                                            "Coût: 5 €,\n");
        QTest::newRow("utf-8") << text.toUtf8() << u"utf-8"_qs;
        QTest::newRow("utf-8-bom") << QByteArray("\xEF\xBB\xBF" + text.toUtf8()) << u"utf-8"_qs;
        QTest::newRow("utf-16le-bom") << utf16(text, false) << u"utf-16le"_qs;
        QTest::newRow("utf-16be-bom") << utf16(text, true) << u"utf-16be"_qs;
        QByteArray cp1252 = text.toLatin1();
        cp1252.replace('?', '\x80'); // toLatin1 writes ? for the euro sign; Windows-1252 has it at 0x80
        QTest::newRow("windows-1252") << cp1252 << u"windows-1252"_qs;
    }
    void encodingsAreDetected()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        const MappedCsvReader::Sample sample = MappedCsvReader::sample(&buffer, mapping(s_trackerMap), 5);
        QCOMPARE(CsvReader::encodingName(sample.encoding), encoding);
        const Read r = readMapped(bytes, mapping(s_trackerMap));
        QVERIFY2(r.ok, qPrintable(r.messages().join(u'\n')));
        QCOMPARE(r.records.size(), 1);
        QCOMPARE(r.records.first().title, QStringLiteral("Attaque contre l'État"));
        QCOMPARE(r.records.first().victims, QStringList { QStringLiteral("CI") });
        QCOMPARE(r.records.first().summary, QStringLiteral("Coût: 5 €"));
        const bool warned = r.messages().join(u'\n').contains(QStringLiteral("read as Windows-1252"));
        QCOMPARE(warned, encoding == u"windows-1252");
    }

    void mappingNamesTheEncoding()
    {
        // Latin-1 named in the mapping: 0x80 is a C1 control there, not the euro sign.
        CsvMapping m = mapping(s_trackerMap);
        m.encoding = CsvReader::Encoding::Latin1;
        const QByteArray bytes = "ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                                 "1,Caf\xE9,2022,FR,,Espionage,x\x80y,\n";
        const Read r = readMapped(bytes, m);
        QVERIFY(r.ok);
        QCOMPARE(r.records.first().title, QStringLiteral("Café"));
        QCOMPARE(r.records.first().summary, QString::fromUtf16(u"x\u0080y"));
    }

    void delimitersAreDetected_data()
    {
        QTest::addColumn<QChar>("delimiter");
        QTest::newRow("comma") << QChar(u',');
        QTest::newRow("semicolon") << QChar(u';');
        QTest::newRow("tab") << QChar(u'\t');
        QTest::newRow("bar") << QChar(u'|');
    }
    void delimitersAreDetected()
    {
        QFETCH(QChar, delimiter);
        QString text = QStringLiteral("ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                                      "1,One,2022,FR,RU,Espionage,\"a, b; c | d\",\n");
        // Swap the delimiter outside the quoted field only.
        const qsizetype quote = text.indexOf(u'"');
        QString head = text.left(quote);
        head.replace(u',', delimiter);
        text = head + text.mid(quote, text.lastIndexOf(u'"') - quote + 1) + delimiter + u'\n';
        const Read r = readMapped(text.toUtf8(), mapping(s_trackerMap));
        QVERIFY2(r.ok, qPrintable(r.messages().join(u'\n')));
        QCOMPARE(r.records.size(), 1);
        QCOMPARE(r.records.first().summary, QStringLiteral("a, b; c | d"));
        QCOMPARE(r.records.first().attackers, QStringList { QStringLiteral("RU") });
    }

    void quotedLineBreaksKeepLineNumbers()
    {
        const QByteArray csv = "ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                               "1,One,2022,FR,,Espionage,\"first line\nsecond line\r\nthird\",\n"
                               "2,Two,2022,Narnia,,Espionage,plain,\n"
                               "3,Three,2022,DE,,\"Denial\nof service\",x,\n"
                               "4,Four,2022,DE,,Espionage,\"x\",\n";
        const Read r = readMapped(csv, mapping(s_trackerMap));
        QVERIFY(r.ok);
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.records.first().summary, QStringLiteral("first line\nsecond line\r\nthird"));
        const QStringList m = r.messages();
        QVERIFY2(m.contains(QStringLiteral("t.csv:5: victims: unknown country \"Narnia\"; expected an ISO 3166-1 code "
                                           "or a country name (translate it in the mapping's \"values\")")),
            qPrintable(m.join(u'\n')));
        QVERIFY2(m.filter(QStringLiteral("t.csv:6: type: unknown type \"Denial\nof service\"")).size() == 1,
            qPrintable(m.join(u'\n')));
        QCOMPARE(r.counts.rejected, 2);
    }

    void unterminatedQuoteIsAWholeFileError()
    {
        const Read r = readMapped("ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                                  "1,One,2022,FR,,Espionage,\"never closed,\n",
            mapping(s_trackerMap));
        QVERIFY(!r.ok);
        QVERIFY2(r.messages().join(u'\n').contains(QStringLiteral("t.csv:2: quote opened here is never closed")),
            qPrintable(r.messages().join(u'\n')));
    }

    void missingColumnNamesFieldAndHeader()
    {
        const Read r = readMapped(
            "ID,Title,Date,Victim,Sponsor,Category,Description,Sources\n1,x,2022,FR,,ddos,,\n", mapping(s_trackerMap));
        QVERIFY(!r.ok);
        QCOMPARE(r.records.size(), 0);
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().toString(),
            QStringLiteral("t.csv:1: title: no column \"Name\" in the header; the header has: ID, Title, Date, Victim, "
                           "Sponsor, Category, Description, Sources"));
    }

    // --- values -------------------------------------------------------------------------

    void datesInEveryForm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected"); // ISO, or "" for an error
        QTest::newRow("iso-day") << u"2022-07-17"_qs << QString() << u"2022-07-17"_qs;
        QTest::newRow("iso-month") << u"2022-07"_qs << QString() << u"2022-07"_qs;
        QTest::newRow("iso-year") << u"2022"_qs << QString() << u"2022"_qs;
        QTest::newRow("iso-time") << u"2022-07-17T23:30:00-05:00"_qs << QString() << u"2022-07-17"_qs;
        QTest::newRow("day-first") << u"17/07/2022"_qs << QString() << u"2022-07-17"_qs;
        QTest::newRow("day-first-short") << u"5/3/2022"_qs << QString() << u"2022-03-05"_qs;
        QTest::newRow("month-first-refused") << u"07/17/2022"_qs << QString() << QString();
        QTest::newRow("month-first-by-format") << u"07/17/2022"_qs << u"MM/dd/yyyy"_qs << u"2022-07-17"_qs;
        QTest::newRow("format-is-not-overridden") << u"17/07/2022"_qs << u"MM/dd/yyyy"_qs << QString();
        QTest::newRow("format-month") << u"07.2022"_qs << u"MM.yyyy"_qs << u"2022-07"_qs;
        QTest::newRow("format-then-iso") << u"2022-07-17"_qs << u"MM/dd/yyyy"_qs << u"2022-07-17"_qs;
        QTest::newRow("month-name") << u"17 July 2022"_qs << QString() << u"2022-07-17"_qs;
        QTest::newRow("month-name-year") << u"July 2022"_qs << QString() << u"2022-07"_qs;
        QTest::newRow("month-first-name") << u"July 17, 2022"_qs << QString() << u"2022-07-17"_qs;
        QTest::newRow("excel-serial") << u"44927"_qs << QString() << u"2023-01-01"_qs;
        QTest::newRow("excel-serial-time") << u"44759.75"_qs << QString() << u"2022-07-17"_qs;
        QTest::newRow("leap-day") << u"29/02/2024"_qs << QString() << u"2024-02-29"_qs;
        QTest::newRow("no-such-day") << u"31/02/2022"_qs << QString() << QString();
        QTest::newRow("words") << u"sometime"_qs << QString() << QString();
    }
    void datesInEveryForm()
    {
        QFETCH(QString, text);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        QString why;
        const PartialDate date = MappedCsvReader::parseDate(text, format, &why);
        QCOMPARE(date.isValid() ? date.toString() : QString(), expected);
        if (expected.isEmpty())
            QVERIFY2(why.contains(text), qPrintable(why));
    }

    void dateErrorsNameLineAndField()
    {
        CsvMapping m = mapping(s_trackerMap);
        m.dateFormat = QStringLiteral("MM/dd/yyyy");
        const Read r = readMapped("ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                                  "1,One,07/17/2022,FR,,Espionage,,\n"
                                  "2,Two,17/07/2022,FR,,Espionage,,\n",
            m);
        QCOMPARE(r.records.size(), 1);
        QCOMPARE(r.records.first().start.toString(), QStringLiteral("2022-07-17"));
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().toString(),
            QStringLiteral("t.csv:3: start: \"17/07/2022\" does not fit date_format \"MM/dd/yyyy\""));
    }

    void constantsTranslationsAndSeparators()
    {
        const CsvMapping m = mapping(R"({
            "title": ["Victim org", "What"],
            "start": {"const": "2021"},
            "victims": {"column": "Countries", "values": {"Unknown": "XX", "Somewhere": ""}},
            "attackers": {"column": "Sponsor", "separator": "/"},
            "attribution": {"column": "Sponsor", "values": {"Russia/China": "suspected", "Iran": "official"}},
            "type": {"column": "Kind", "values": {"Hacking/IT Incident": "data-theft", "DDoS": "ddos"}},
            "sectors": {"column": "Sector", "values": {"Banks": "finance", "Hospitals": "health"}},
            "tags": "Tags",
            "separator": "|"
        })");
        const Read r = readMapped("Victim org,What,Countries,Sponsor,Kind,Sector,Tags\n"
                                  "Acme Bank,breach,FR | germany | UNITED KINGDOM,Russia/China,"
                                  "hacking/it incident,Banks|Hospitals,a|b|a\n"
                                  "Beta, outage ,Unknown|Somewhere,,DDoS,,\n"
                                  "Gamma,x,usa,Iran,DDoS,,\n",
            m);
        QVERIFY2(r.ok, qPrintable(r.messages().join(u'\n')));
        QCOMPARE(r.diagnostics.size(), 0);
        QCOMPARE(r.records.size(), 3);
        const Incident &a = r.records.at(0);
        QCOMPARE(a.title, QStringLiteral("Acme Bank breach"));
        QCOMPARE(a.start.toString(), QStringLiteral("2021"));
        QCOMPARE(a.victims, (QStringList { u"FR"_qs, u"DE"_qs, u"GB"_qs }));
        QCOMPARE(a.attackers, (QStringList { u"RU"_qs, u"CN"_qs }));
        QCOMPARE(a.attribution, Attribution::Suspected);
        QCOMPARE(a.type, IncidentType::DataTheft);
        QCOMPARE(a.sectors, sectorBit(Sector::Finance) | sectorBit(Sector::Health));
        QCOMPARE(a.tags, (QStringList { u"a"_qs, u"b"_qs }));
        QCOMPARE(r.records.at(1).title, QStringLiteral("Beta outage"));
        QCOMPARE(r.records.at(1).victims, QStringList { u"XX"_qs });
        QCOMPARE(r.records.at(1).type, IncidentType::Ddos);
        QCOMPARE(r.records.at(2).victims, QStringList { u"US"_qs });
        QCOMPARE(r.counts.unknownCountry, 1);
    }

    void unknownCountriesAreListedWithCounts()
    {
        const Read r = readMapped("ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                                  "1,One,2022,Narnia,,Espionage,,\n"
                                  "2,Two,2022,narnia,,Espionage,,\n"
                                  "3,Three,2022,Ruritania;FR,Atlantis,Espionage,,\n"
                                  "4,Four,2022,fRaNcE,,Espionage,,\n"
                                  "5,Five,2022,Türkiye;South Korea;Albanian,,Espionage,,\n",
            mapping(s_trackerMap));
        QVERIFY(r.ok);
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.records.at(0).victims, QStringList { u"FR"_qs });
        QCOMPARE(r.records.at(1).victims, (QStringList { u"TR"_qs, u"KR"_qs, u"AL"_qs }));
        QCOMPARE(r.counts.rejected, 3);
        const QList<std::pair<QString, int>> victims = r.counts.unknownCountries.value(QStringLiteral("victims"));
        QCOMPARE(victims.size(), 2);
        QCOMPARE(victims.at(0), (std::pair<QString, int>(u"Narnia"_qs, 2)));
        QCOMPARE(victims.at(1), (std::pair<QString, int>(u"Ruritania"_qs, 1)));
        QCOMPARE(r.counts.unknownCountries.value(QStringLiteral("attackers")).size(), 1);
        const QStringList m = r.messages();
        QVERIFY2(m.contains(QStringLiteral(
                     "t.csv: victims: warning: 2 unknown country values: \"Narnia\" (2 rows), \"Ruritania\" (1 row); "
                     "add each to the field's \"values\" in the mapping (\"Unknown\": \"XX\") or to "
                     "data/country-aliases.tsv")),
            qPrintable(m.join(u'\n')));
        QVERIFY(m.contains(QStringLiteral("t.csv:4: attackers: unknown country \"Atlantis\"; expected an ISO 3166-1 "
                                          "code or a country name (translate it in the mapping's \"values\")")));
    }

    void sourcesKeepUrlsAndTitles()
    {
        const Read r = readMapped("ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                                  "1,One,2022,FR,,Espionage,,\"https://a.example/x; Reuters: https://b.example/y;"
                                  " Le Monde, 3 May\"\n",
            mapping(s_trackerMap));
        QVERIFY(r.ok);
        const QList<Source> s = r.records.first().sources;
        QCOMPARE(s.size(), 3);
        QCOMPARE(s.at(0).url, QStringLiteral("https://a.example/x"));
        QCOMPARE(s.at(1).url, QStringLiteral("https://b.example/y"));
        QCOMPARE(s.at(1).title, QStringLiteral("Reuters"));
        QVERIFY(s.at(2).url.isEmpty());
        QCOMPARE(s.at(2).title, QStringLiteral("Le Monde, 3 May"));
    }

    // --- records from rows ----------------------------------------------------------------

    void longFormatMergesRowsOfOneId()
    {
        const CsvMapping m = mapping(R"({
            "id": "ID", "title": "Name", "start": "Date", "victims": "Victim", "attackers": "Sponsor",
            "attribution": {"const": "suspected"}, "actor": "Actor", "type": "Type", "sectors": "Sector",
            "sources": "Source"})");
        const Read r = readMapped("ID,Name,Date,Victim,Sponsor,Actor,Type,Sector,Source\n"
                                  "7,Wave,2022-05,Ukraine,Russia,Sandworm,destructive,energy,https://a.example\n"
                                  "8,Other,2021,FR,,,espionage,,\n"
                                  "7,Wave,2022-05,Poland,Russia,APT28,destructive,government,https://a.example\n"
                                  "7,,,Ukraine,,,ddos,,https://b.example\n",
            m);
        QVERIFY2(r.ok, qPrintable(r.messages().join(u'\n')));
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.records.at(0).id, QStringLiteral("7")); // in the order of first rows
        const Incident &w = r.records.at(0);
        QCOMPARE(w.title, QStringLiteral("Wave"));
        QCOMPARE(w.victims, (QStringList { u"UA"_qs, u"PL"_qs }));
        QCOMPARE(w.attackers, QStringList { u"RU"_qs });
        QCOMPARE(w.actor, QStringLiteral("Sandworm, APT28"));
        QCOMPARE(w.type, IncidentType::Destructive);
        QCOMPARE(w.sectors, sectorBit(Sector::Energy) | sectorBit(Sector::Government));
        QCOMPARE(w.sources.size(), 2);
        // The later, different type is a warning on its own line, naming both values.
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().toString(),
            QStringLiteral("t.csv:5: type: warning: \"ddos\" differs from \"destructive\" on an earlier row of the "
                           "same record; kept \"destructive\""));
        QCOMPARE(r.counts.rows, 4);
    }

    void aBadRowRejectsItsWholeRecord()
    {
        const Read r = readMapped("ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                                  "1,One,2022,FR,,Espionage,,\n"
                                  "1,One,2022,Narnia,,Espionage,,\n"
                                  "2,Two,2022,DE,,Espionage,,\n",
            mapping(s_trackerMap));
        QCOMPARE(r.records.size(), 1);
        QCOMPARE(r.records.first().id, QStringLiteral("2"));
        QCOMPARE(r.counts.rejected, 1);
        QCOMPARE(r.diagnostics.first().line, 3);
        QCOMPARE(r.diagnostics.first().recordId, QStringLiteral("1"));
    }

    void noIdColumnDerivesIdsFromContent()
    {
        const CsvMapping m = mapping(R"({"title": "Name", "start": "Date", "victims": "Victim", "type": "Type"})");
        const QByteArray csv = "Name,Date,Victim,Type\n"
                               "Wave,17/07/2022,UA,ddos\n"
                               "Wave,2022-07-17,PL,ddos\n" // same title and start: the same record
                               "Wave,2022-07-18,PL,ddos\n";
        const Read r = readMapped(csv, m);
        QVERIFY2(r.ok, qPrintable(r.messages().join(u'\n')));
        QCOMPARE(r.records.size(), 2);
        QVERIFY(r.records.at(0).id.startsWith(QStringLiteral("h-")));
        QCOMPARE(r.records.at(0).id, RecordValidator::derivedId(u"Wave"_qs, u"2022-07-17"_qs, {}));
        QCOMPARE(r.records.at(0).victims, (QStringList { u"UA"_qs, u"PL"_qs }));
        QVERIFY(r.records.at(0).id != r.records.at(1).id);
        // Read again, with a victim changed: the same ids.
        QByteArray changed = csv;
        changed.replace("Wave,2022-07-18,PL", "Wave,2022-07-18,LT");
        const Read again = readMapped(changed, m);
        QCOMPARE(again.records.at(0).id, r.records.at(0).id);
        QCOMPARE(again.records.at(1).id, r.records.at(1).id);
    }

    void wrongFieldCountNamesTheLine()
    {
        const Read r = readMapped("ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n"
                                  "1,One,2022,FR,,Espionage,\n"
                                  "2,Two,2022,FR,,Espionage,,\n",
            mapping(s_trackerMap));
        QCOMPARE(r.records.size(), 1);
        QCOMPARE(
            r.diagnostics.first().toString(), QStringLiteral("t.csv:2: expected 8 fields, as the header has, found 7"));
        QCOMPARE(r.counts.rejected, 1);
    }

    void previewStopsAfterRows()
    {
        QByteArray csv = "ID,Name,Date,Victim,Sponsor,Category,Description,Sources\n";
        for (int i = 1; i <= 50; ++i)
            csv += QByteArray::number(i) + ",Row " + QByteArray::number(i) + ",2022,FR,,Espionage,,\n";
        const Read r = readMapped(csv, mapping(s_trackerMap), 10);
        QVERIFY(r.ok);
        QCOMPARE(r.records.size(), 10);
        QCOMPARE(r.records.last().title, QStringLiteral("Row 10"));
    }

    // --- the import ---------------------------------------------------------------------

    void importIsTransactionalAndIdempotent()
    {
        const QString csvPath = m_dir.filePath(QStringLiteral("tracker.csv"));
        QFile file(csvPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Name;Date;Victim;Type\n"
                   "Wave;17/07/2022;Ukraine;ddos\n"
                   "Wave;17/07/2022;Poland;ddos\n"
                   "Leak;3 May 2021;Narnia;data-theft\n");
        file.close();
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("import.faultline"))));
        Importer::Options options;
        options.mapping = std::make_shared<const CsvMapping>(
            mapping(R"({"title": "Name", "start": "Date", "victims": "Victim", "type": "Type"})"));
        const Importer::Result first = Importer::importFile(db, csvPath, options);
        QVERIFY2(!first.failed, qPrintable(first.error));
        QCOMPARE(first.summary(), QStringLiteral("imported 1, updated 0, unchanged 0, rejected 1"));
        QCOMPARE(first.unknownCountries.value(QStringLiteral("victims")).value(0).first, QStringLiteral("Narnia"));
        const auto wave = IncidentStore(db).incident(RecordValidator::derivedId(u"Wave"_qs, u"2022-07-17"_qs, {}));
        QVERIFY(wave);
        QCOMPARE(wave->victims, (QStringList { u"UA"_qs, u"PL"_qs }));
        QCOMPARE(wave->provenance.dataset, QStringLiteral("tracker"));
        const Importer::Result second = Importer::importFile(db, csvPath, options);
        QCOMPARE(second.summary(), QStringLiteral("imported 0, updated 0, unchanged 1, rejected 1"));
        // --strict with a rejected record writes nothing.
        Database empty;
        QVERIFY(empty.open(m_dir.filePath(QStringLiteral("strict.faultline"))));
        options.strict = true;
        const Importer::Result strict = Importer::importFile(empty, csvPath, options);
        QVERIFY(strict.failed);
        QCOMPARE(empty.scalar(QStringLiteral("SELECT count(*) FROM incident")).toInt(), 0);
    }

    void fixtureImportsThroughItsMappingFile()
    {
        const QString csv = QFINDTESTDATA("../data/mapped/tracker.csv");
        QVERIFY(Importer::needsCsvMapping(csv));
        QVERIFY(!Importer::needsCsvMapping(QFINDTESTDATA("../data/good.csv")));
        QVERIFY(!Importer::needsCsvMapping(QFINDTESTDATA("../data/good.json")));
        QString error;
        const std::optional<CsvMapping> m = CsvMapping::load(QFINDTESTDATA("../data/mapped/tracker.map.json"), &error);
        QVERIFY2(m, qPrintable(error));
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("fixture.faultline"))));
        Importer::Options options;
        options.mapping = std::make_shared<const CsvMapping>(*m);
        const Importer::Result r = Importer::importFile(db, csv, options);
        QCOMPARE(r.summary(), QStringLiteral("imported 4, updated 0, unchanged 0, rejected 1"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM incident")).toInt(), 4);
        const auto port = IncidentStore(db).incident(
            RecordValidator::derivedId(u"Port authority email theft"_qs, u"2021-03-14"_qs, {}));
        QVERIFY(port);
        QCOMPARE(port->summary,
            QStringLiteral("Mailboxes of the port authority were copied.\nThe intrusion lasted two months."));
        QCOMPARE(port->attackers, QStringList { u"CN"_qs });
        QCOMPARE(port->actor, QStringLiteral("Group A"));
        QCOMPARE(port->sectors, sectorBit(Sector::Government));
    }
};

QTEST_GUILESS_MAIN(TestMappedCsv)
#include "tst_mappedcsv.moc"
