#include "export/recordexport.h"
#include "export/recordwriter.h"
#include "export/stixwriter.h"
#include "import/importer.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "store/recordtexts.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <map>

// Records straight from a document: the CSV, JSON and STIX that RecordExport writes from the
// columns and one pass over the rows are byte for byte what the record writers give for the
// same records read one by one (IncidentStore::incidents), formula cells neutralised the same
// way; the CSV imports back into an empty document as the same records; the order asked for
// is the order written; a cancel or a failure leaves no file.
class TestRecordExport : public QObject
{
    Q_OBJECT

private:
    using Index = IncidentColumns::Index;
    QTemporaryDir m_dir;
    Database m_db;
    IncidentColumns m_columns;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QList<Incident> incidentsOf(const std::vector<Index> &order)
    {
        QList<qint64> rowids;
        for (const Index i : order)
            rowids << m_columns.rowid[i];
        return IncidentStore(m_db).incidents(rowids);
    }

    QByteArray written(RecordExport::Format format, const std::vector<Index> &order, const QString &name)
    {
        const ExportResult result = RecordExport::write(path(name), format, m_db, m_columns, order);
        if (!result.ok)
            qWarning() << result.error;
        return result.ok ? TestSupport::fileBytes(path(name)) : QByteArray();
    }

    // Every third incident from the end backwards: not rowid order, not date order.
    std::vector<Index> shuffled() const
    {
        std::vector<Index> order;
        for (qint64 i = qint64(m_columns.size()) - 1; i >= 0; i -= 3)
            order.push_back(Index(i));
        return order;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_db.open(path(QStringLiteral("doc.faultline"))));
        QVERIFY(!Importer::importBundled(m_db).failed);
        const Importer::Result hostile = Importer::importBytes(
            m_db, TestSupport::fileBytes(QFINDTESTDATA("../data/export/records.json")), QStringLiteral("records.json"));
        QVERIFY(!hostile.failed && hostile.rejected == 0);
        QVERIFY(IncidentStore(m_db).setNotes(QStringLiteral("x-formula"), QStringLiteral("=my notes"), nullptr));
        m_columns = IncidentStore(m_db).loadColumns(nullptr, IncidentStore::LoadMode::Scan);
        QVERIFY(m_columns.size() > 20);
    }

    void csvIsWhatTheRecordWriterGives_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("every incident, by date (one scan)") << 0;
        QTest::newRow("every third, backwards (one scan)") << 1;
        QTest::newRow("two incidents (looked up)") << 2;
    }

    void csvIsWhatTheRecordWriterGives()
    {
        QFETCH(int, which);
        std::vector<Index> order = which == 0 ? m_columns.byDate : shuffled();
        if (which == 2) {
            const qint64 formula = m_columns.indexOfId(QStringLiteral("x-formula"));
            QVERIFY(formula >= 0);
            order = { Index(formula), 0 };
            QVERIFY(qint64(order.size()) * RecordTexts::s_scanRatio < qint64(m_columns.size()));
        }
        const QByteArray csv = written(RecordExport::Format::Csv, order, QStringLiteral("out.csv"));
        QVERIFY(!csv.isEmpty());
        QCOMPARE(csv, RecordWriter::toCsv(incidentsOf(order)));
        // The formula record is in it, neutralised: its title cell starts with an apostrophe.
        if (which != 1)
            QVERIFY(csv.contains(",\"'=HYPERLINK("));
    }

    void csvImportsBackIntoAnEmptyDocument()
    {
        // Every record, the hostile ones included, comes back with every field the CSV carries
        // (notes are not written; provenance is the new document's).
        const QByteArray csv = written(RecordExport::Format::Csv, m_columns.byDate, QStringLiteral("back.csv"));
        QVERIFY(!csv.isEmpty());
        Database back;
        QVERIFY(back.open(path(QStringLiteral("back.faultline"))));
        const Importer::Result result = Importer::importBytes(back, csv, QStringLiteral("back.csv"));
        QVERIFY(!result.failed);
        QCOMPARE(result.rejected, 0);
        std::map<QString, Incident> imported;
        for (const Incident &r : IncidentStore(back).allIncidents())
            imported.emplace(r.id, r);
        const QList<Incident> original = IncidentStore(m_db).allIncidents();
        QCOMPARE(imported.size(), std::size_t(original.size()));
        for (const Incident &a : original) {
            QVERIFY2(imported.count(a.id) == 1, qPrintable(a.id));
            const Incident &b = imported.at(a.id);
            QCOMPARE(b.title, a.title);
            QCOMPARE(b.start, a.start);
            QCOMPARE(b.end, a.end);
            QCOMPARE(b.victims, a.victims);
            QCOMPARE(b.attackers, a.attackers);
            QCOMPARE(b.attribution, a.attribution);
            QCOMPARE(b.attributedOn, a.attributedOn);
            QCOMPARE(b.disclosed, a.disclosed);
            QCOMPARE(b.actor, a.actor);
            QCOMPARE(b.type, a.type);
            QCOMPARE(b.sectors, a.sectors);
            QCOMPARE(b.summary, a.summary);
            QCOMPARE(b.sources, a.sources);
            QCOMPARE(b.tags, a.tags);
            QCOMPARE(b.related, a.related);
        }
    }

    void csvRowsFormattedWhileReadingAreTheOnePassCsv_data()
    {
        QTest::addColumn<qint64>("parallelFrom");
        QTest::addColumn<bool>("few");
        QTest::newRow("scanned by two threads") << qint64(1) << false;
        QTest::newRow("scanned by one thread") << std::numeric_limits<qint64>::max() << false;
        QTest::newRow("a few looked up") << qint64(1) << true;
    }

    void csvRowsFormattedWhileReadingAreTheOnePassCsv()
    {
        // The rows export writes (each formatted by the thread that read it, then written in
        // order) are the bytes of the one-pass CSV, whichever way the texts were read.
        QFETCH(qint64, parallelFrom);
        QFETCH(bool, few);
        for (std::vector<Index> order : { m_columns.byDate, shuffled() }) {
            if (few)
                order.resize(std::max<std::size_t>(1, order.size() / (2 * RecordTexts::s_scanRatio)));
            const std::optional<RecordTexts> texts = RecordTexts::read(m_db, m_columns, order);
            QVERIFY(texts);
            const QByteArray onePass = RecordExport::toCsv(m_columns, order, *texts);
            QVERIFY(onePass.count('\n') > qsizetype(order.size()));
            const std::optional<RecordTexts> rows
                = RecordExport::readCsvRows(m_db, m_columns, order, {}, nullptr, parallelFrom);
            QVERIFY(rows);
            QCOMPARE(rows->size(), qsizetype(order.size()));
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            qint64 lastDone = 0;
            QVERIFY(RecordExport::writeCsvRows(buffer, *rows, [&](qint64 done, qint64 total) {
                lastDone = done;
                return total == qint64(order.size());
            }));
            QCOMPARE(lastDone, qint64(order.size()));
            QCOMPARE(buffer.data(), onePass);
        }
    }

    void csvCancelledMidWayLeavesNoFile()
    {
        // Cancelled after the first progress call of many: the writer stops, and the file,
        // half written, is dropped.
        const std::optional<RecordTexts> rows = RecordExport::readCsvRows(m_db, m_columns, m_columns.byDate);
        QVERIFY(rows);
        QVERIFY(rows->size() > 3 * 50); // several progress calls, one every 50 records
        const QString file = path(QStringLiteral("mid-way.csv"));
        int calls = 0;
        qint64 bytesAtCancel = 0;
        const ExportResult result = ExportFile::write(file, [&](QIODevice &device) {
            const bool done = RecordExport::writeCsvRows(
                device, *rows,
                [&](qint64 written, qint64 total) {
                    bytesAtCancel = device.pos();
                    return written == total || ++calls < 2;
                },
                50);
            return done ? ExportResult::success() : ExportResult::cancel();
        });
        QVERIFY(result.cancelled);
        QCOMPARE(calls, 2);
        QVERIFY(bytesAtCancel > RecordWriter::csvHeader().size()); // it was mid-way
        QVERIFY(!QFile::exists(file));
        QCOMPARE(
            QDir(m_dir.path()).entryList({ QStringLiteral("mid-way*") }, QDir::Files | QDir::Hidden), QStringList());
    }

    void jsonAndStixAreWhatTheWritersGive()
    {
        const std::vector<Index> order = shuffled();
        const QList<Incident> incidents = incidentsOf(order);
        QCOMPARE(written(RecordExport::Format::FaultlineJson, order, QStringLiteral("out.json")),
            RecordWriter::toFaultlineJson(incidents));
        QCOMPARE(written(RecordExport::Format::Stix, order, QStringLiteral("out.stix.json")),
            StixWriter::toBundle(incidents));
    }

    void formatFollowsTheFileName()
    {
        QCOMPARE(RecordExport::formatOf(QStringLiteral("a.STIX.json")), RecordExport::Format::Stix);
        QCOMPARE(RecordExport::formatOf(QStringLiteral("a.json")), RecordExport::Format::FaultlineJson);
        QCOMPARE(RecordExport::formatOf(QStringLiteral("a.csv")), RecordExport::Format::Csv);
    }

    void progressCoversReadingThenWriting()
    {
        QList<std::pair<qint64, qint64>> calls;
        const std::vector<Index> order = m_columns.byDate;
        const ExportResult result = RecordExport::write(path(QStringLiteral("p.csv")), RecordExport::Format::Csv, m_db,
            m_columns, order, [&](qint64 done, qint64 total) {
                calls.append({ done, total });
                return true;
            });
        QVERIFY(result.ok);
        QVERIFY(calls.size() >= 2);
        const qint64 units = 2 * qint64(order.size());
        for (qsizetype k = 0; k < calls.size(); ++k) {
            QCOMPARE(calls.at(k).second, units);
            QVERIFY(k == 0 || calls.at(k).first >= calls.at(k - 1).first);
        }
        QCOMPARE(calls.last().first, units);
    }

    void cancelOrFailureLeavesNoFile()
    {
        for (const auto format : { RecordExport::Format::Csv, RecordExport::Format::FaultlineJson }) {
            const QString file = path(QStringLiteral("cancelled.out"));
            int calls = 0;
            const ExportResult cancelled = RecordExport::write(
                file, format, m_db, m_columns, m_columns.byDate, [&](qint64, qint64) { return ++calls < 2; });
            QVERIFY(cancelled.cancelled);
            QVERIFY(!QFile::exists(file));
        }
        const ExportResult failed = RecordExport::write(
            path(QStringLiteral("missing/folder/x.csv")), RecordExport::Format::Csv, m_db, m_columns, m_columns.byDate);
        QVERIFY(!failed.ok && !failed.cancelled);
        QVERIFY(failed.error.contains(QStringLiteral("x.csv")));
    }
};

QTEST_GUILESS_MAIN(TestRecordExport)
#include "tst_recordexport.moc"
