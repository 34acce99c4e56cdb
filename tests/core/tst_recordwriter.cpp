#include "domain/sourcelist.h"
#include "domain/spreadsheetcell.h"
#include "export/jsonstream.h"
#include "export/recordwriter.h"
#include "import/csvreader.h"
#include "import/importer.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <map>

// Data out: faultline JSON that imports back into the same records, faultline CSV whose
// cells are safe in a spreadsheet and whose sources keep their publisher and title, and
// the atomic file writers (a failed or cancelled write leaves nothing, or the old file).
class TestRecordWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A new document holding `bytes` imported; its records by id.
    std::map<QString, Incident> importInto(const QByteArray &bytes, const QString &name)
    {
        Database db;
        if (!db.open(path(QStringLiteral("doc%1.faultline").arg(++m_counter))))
            return {};
        const Importer::Result result = Importer::importBytes(db, bytes, name);
        if (result.failed || result.rejected > 0) {
            for (const Diagnostic &d : result.diagnostics)
                qWarning().noquote() << d.toString();
            return {};
        }
        std::map<QString, Incident> byId;
        for (const Incident &r : IncidentStore(db).allIncidents())
            byId.emplace(r.id, r);
        return byId;
    }

    std::map<QString, Incident> importBundled()
    {
        Database db;
        if (!db.open(path(QStringLiteral("doc%1.faultline").arg(++m_counter))))
            return {};
        if (Importer::importBundled(db).failed)
            return {};
        std::map<QString, Incident> byId;
        for (const Incident &r : IncidentStore(db).allIncidents())
            byId.emplace(r.id, r);
        return byId;
    }

    static QList<Incident> values(const std::map<QString, Incident> &byId)
    {
        QList<Incident> list;
        for (const auto &[id, r] : byId)
            list << r;
        return list;
    }

    // Every field of the record (provenance is the store's, not the record's).
    static void compareRecords(const Incident &a, const Incident &b)
    {
        QCOMPARE(a.id, b.id);
        QCOMPARE(a.title, b.title);
        QCOMPARE(a.start, b.start);
        QCOMPARE(a.end, b.end);
        QCOMPARE(a.victims, b.victims);
        QCOMPARE(a.attackers, b.attackers);
        QCOMPARE(a.attribution, b.attribution);
        QCOMPARE(a.actor, b.actor);
        QCOMPARE(a.type, b.type);
        QCOMPARE(a.sectors, b.sectors);
        QCOMPARE(a.disclosed, b.disclosed);
        QCOMPARE(a.attributedOn, b.attributedOn);
        QCOMPARE(a.summary, b.summary);
        QCOMPARE(a.sources, b.sources);
        QCOMPARE(a.tags, b.tags);
        QCOMPARE(a.related, b.related);
    }

    static QList<CsvReader::Row> csvRows(const QByteArray &csv)
    {
        QBuffer buffer;
        buffer.setData(csv);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QList<CsvReader::Row> rows;
        CsvReader::Row row;
        while (reader.readRow(row))
            rows << row;
        return rows;
    }

    QStringList filesIn(const QString &dir) const
    {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void jsonRoundTripGivesTheSameRecords()
    {
        const std::map<QString, Incident> original = importInto(
            TestSupport::fileBytes(QFINDTESTDATA("../data/export/records.json")), QStringLiteral("records.json"));
        QCOMPARE(original.size(), std::size_t(6));
        QVERIFY(!original.at(QStringLiteral("x-every-field")).notes.isEmpty());

        const QByteArray json = RecordWriter::toFaultlineJson(values(original), QStringLiteral("export-fixture"));
        const std::map<QString, Incident> back = importInto(json, QStringLiteral("exported.json"));
        QCOMPARE(back.size(), original.size());
        for (const auto &[id, r] : original) {
            compareRecords(back.at(id), r);
            QCOMPARE(back.at(id).notes, r.notes);
            QCOMPARE(back.at(id).provenance.dataset, QStringLiteral("export-fixture"));
        }
        // The source without a URL kept its publisher, title and date.
        const QList<Source> &sources = back.at(QStringLiteral("x-every-field")).sources;
        QCOMPARE(sources.at(1),
            (Source { {}, QStringLiteral("No link; only a printed report"), QStringLiteral("Example Wire"),
                QStringLiteral("2022-05") }));
    }

    void jsonRoundTripOfTheBundledDataset()
    {
        const std::map<QString, Incident> original = importBundled();
        QVERIFY(original.size() > 100);
        const std::map<QString, Incident> back
            = importInto(RecordWriter::toFaultlineJson(values(original)), QStringLiteral("bundled.json"));
        QCOMPARE(back.size(), original.size());
        for (const auto &[id, r] : original)
            compareRecords(back.at(id), r);
    }

    void streamedJsonIsWhatQJsonDocumentWrites()
    {
        const std::map<QString, Incident> records = importInto(
            TestSupport::fileBytes(QFINDTESTDATA("../data/export/records.json")), QStringLiteral("r.json"));
        for (const QList<Incident> &list : { values(records), QList<Incident>(), values(records).mid(0, 1) }) {
            QJsonArray array;
            for (const Incident &r : list)
                array.append(RecordWriter::toJson(r));
            const QJsonObject top { { QStringLiteral("faultline"), 1 },
                { QStringLiteral("dataset"), QStringLiteral("a \"quoted\" name") },
                { QStringLiteral("incidents"), array } };
            QCOMPARE(RecordWriter::toFaultlineJson(list, QStringLiteral("a \"quoted\" name")),
                QJsonDocument(top).toJson(QJsonDocument::Indented));
        }
    }

    void jsonStreamWritesWhatQJsonDocumentWrites()
    {
        const QJsonObject nested { { QStringLiteral("b"),
                                       QJsonArray { 1, QStringLiteral("two\nlines"), QJsonObject() } },
            { QStringLiteral("a"), QJsonObject { { QStringLiteral("x"), QJsonArray() } } } };
        const QJsonObject element { { QStringLiteral("k"), nested }, { QStringLiteral("e"), QJsonArray() } };
        for (int elements : { 0, 1, 3 }) {
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            JsonStream json(buffer);
            json.member(QStringLiteral("a"), nested);
            json.member(QStringLiteral("b"), QStringLiteral("\"quoted\" \u00e9"));
            json.beginArray(QStringLiteral("c"));
            QJsonArray array;
            for (int i = 0; i < elements; ++i) {
                json.element(element);
                array.append(element);
            }
            json.endArray();
            json.member(QStringLiteral("d"), QJsonValue::Null);
            json.finish();
            const QJsonObject whole { { QStringLiteral("a"), nested },
                { QStringLiteral("b"), QStringLiteral("\"quoted\" \u00e9") }, { QStringLiteral("c"), array },
                { QStringLiteral("d"), QJsonValue::Null } };
            QCOMPARE(buffer.data(), QJsonDocument(whole).toJson(QJsonDocument::Indented));
        }
    }

    void csvNeutralisesFormulaCells()
    {
        const std::map<QString, Incident> records = importInto(
            TestSupport::fileBytes(QFINDTESTDATA("../data/export/records.json")), QStringLiteral("r.json"));
        const Incident formula = records.at(QStringLiteral("x-formula"));
        const QList<CsvReader::Row> rows = csvRows(RecordWriter::toCsv({ formula }));
        QCOMPARE(rows.size(), 2);
        const QStringList header = rows.at(0).fields;
        const QStringList cells = rows.at(1).fields;
        QCOMPARE(cells.size(), header.size());
        auto cell = [&](const char *name) { return cells.at(header.indexOf(QString::fromLatin1(name))); };
        // Every cell a spreadsheet would run starts with the apostrophe that stops it.
        QCOMPARE(cell("title"), u'\'' + formula.title);
        QCOMPARE(cell("summary"), QStringLiteral("'+1 starts like a formula"));
        QCOMPARE(cell("sources"), QStringLiteral("'@handle | -dash first | 2019 | "));
        QCOMPARE(cell("tags"), QStringLiteral("'-minus;@at;+plus;'quoted"));
        for (const QString &c : cells) {
            QVERIFY2(c.isEmpty() || !QStringLiteral("=+-@\t\r").contains(c.front()), qPrintable(c));
        }
        // And the reader's restore gives the data back.
        QCOMPARE(SpreadsheetCell::restore(cell("title")), formula.title);
        QCOMPARE(SourceList::decode(SpreadsheetCell::restore(cell("sources"))), formula.sources);
    }

    void csvCarriesEverySourceField()
    {
        const std::map<QString, Incident> records = importInto(
            TestSupport::fileBytes(QFINDTESTDATA("../data/export/records.json")), QStringLiteral("r.json"));
        const QList<Incident> list = values(records);
        const QList<CsvReader::Row> rows = csvRows(RecordWriter::toCsv(list));
        QCOMPARE(rows.size(), list.size() + 1);
        const qsizetype sources = rows.at(0).fields.indexOf(QStringLiteral("sources"));
        QVERIFY(sources >= 0);
        for (qsizetype i = 0; i < list.size(); ++i) {
            QStringList errors;
            QCOMPARE(SourceList::decode(SpreadsheetCell::restore(rows.at(i + 1).fields.at(sources)), &errors),
                list.at(i).sources);
            QVERIFY(errors.isEmpty());
        }
    }

    void csvImportsBack()
    {
        const std::map<QString, Incident> original = importInto(
            TestSupport::fileBytes(QFINDTESTDATA("../data/export/records.json")), QStringLiteral("r.json"));
        const std::map<QString, Incident> back
            = importInto(RecordWriter::toCsv(values(original)), QStringLiteral("r.csv"));
        QCOMPARE(back.size(), original.size());
        // Every field, sources included: the reader decodes the cell the writer encodes.
        for (const auto &[id, r] : original)
            compareRecords(back.at(id), r);
    }

    void filesAreWrittenWithProgress()
    {
        const std::map<QString, Incident> bundled = importBundled();
        QList<Incident> many;
        while (many.size() < 1000)
            many += values(bundled);
        QList<std::pair<qint64, qint64>> calls;
        const QString json = path(QStringLiteral("all.json"));
        const ExportResult result
            = RecordWriter::writeFaultlineJson(json, many, QStringLiteral("faultline"), [&](qint64 done, qint64 total) {
                  calls.append({ done, total });
                  return true;
              });
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(TestSupport::fileBytes(json), RecordWriter::toFaultlineJson(many));
        QVERIFY(calls.size() >= 4);
        QCOMPARE(calls.last(), std::pair(qint64(many.size()), qint64(many.size())));
        for (qsizetype i = 1; i < calls.size(); ++i)
            QVERIFY(calls.at(i).first > calls.at(i - 1).first);

        const QString csv = path(QStringLiteral("all.csv"));
        QVERIFY(RecordWriter::writeCsv(csv, many).ok);
        QCOMPARE(TestSupport::fileBytes(csv), RecordWriter::toCsv(many));
    }

    void cancelLeavesTheOldFile()
    {
        const QList<Incident> many = values(importBundled());
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(TestSupport::writeFile(file, "old content"));
        int calls = 0;
        const ExportResult result = RecordWriter::writeCsv(file, many, [&](qint64, qint64) { return ++calls < 1; });
        QVERIFY(!result.ok);
        QVERIFY(result.cancelled);
        QVERIFY(result.error.isEmpty());
        QCOMPARE(TestSupport::fileBytes(file), QByteArray("old content"));
        QCOMPARE(filesIn(dir.path()), QStringList { QStringLiteral("out.csv") }); // no temporary file left

        const ExportResult json = RecordWriter::writeFaultlineJson(
            dir.filePath(QStringLiteral("new.json")), many, {}, [](qint64, qint64) { return false; });
        QVERIFY(json.cancelled);
        QCOMPARE(filesIn(dir.path()), QStringList { QStringLiteral("out.csv") });
    }

    void failedWriteLeavesNothing()
    {
        // Tests run as root, so permissions do not stop a write: use a folder that does not
        // exist, and a "folder" that is a file.
        QTemporaryDir dir;
        const QList<Incident> one = values(importBundled()).mid(0, 1);
        const QString missing = dir.filePath(QStringLiteral("no/such/folder/out.json"));
        const ExportResult a = RecordWriter::writeFaultlineJson(missing, one);
        QVERIFY(!a.ok);
        QVERIFY(!a.cancelled);
        QVERIFY2(a.error.contains(QDir::toNativeSeparators(missing)), qPrintable(a.error));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("no"))));

        const QString blocker = dir.filePath(QStringLiteral("blocker"));
        QVERIFY(TestSupport::writeFile(blocker, "a file"));
        const ExportResult b = RecordWriter::writeCsv(blocker + QStringLiteral("/out.csv"), one);
        QVERIFY(!b.ok);
        QVERIFY(!b.error.isEmpty());
        QCOMPARE(TestSupport::fileBytes(blocker), QByteArray("a file"));
        QCOMPARE(filesIn(dir.path()), QStringList { QStringLiteral("blocker") });
    }
};

QTEST_GUILESS_MAIN(TestRecordWriter)
#include "tst_recordwriter.moc"
