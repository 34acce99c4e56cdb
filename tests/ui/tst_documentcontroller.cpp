// DocumentController under a QCoreApplication, since it needs no widgets: opening (and
// refusing), seeding, loading, the background page check and column cache write, imports
// (refused, finished, cancelled), and the record reads and writes the window relies on.
#include "document/documentcontroller.h"
#include "import/bundleddataset.h"
#include "import/importer.h"
#include "store/database.h"
#include "testsupport.h"
#include "uitestsupport.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestDocumentController : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_files = 0;

    // A new document holding the records of `dataFile` (a file of tests/data).
    QString documentWith(const char *dataFile)
    {
        const QString path = m_dir.filePath(QStringLiteral("doc%1.faultline").arg(++m_files));
        Database db;
        if (!db.open(path))
            return {};
        const QString data = QFINDTESTDATA(QStringLiteral("../data/") + QString::fromLatin1(dataFile));
        return Importer::importFile(db, data).failed ? QString() : path;
    }

    QString newPath() { return m_dir.filePath(QStringLiteral("new%1.faultline").arg(++m_files)); }

private slots:
    void opensAndLoadsTheColumns()
    {
        const QString path = documentWith("good.json");
        QVERIFY(!path.isEmpty());
        DocumentController document;
        QStringList order;
        connect(&document, &DocumentController::documentOpened, this, [&] { order << QStringLiteral("opened"); });
        connect(&document, &DocumentController::columnsLoaded, this, [&] { order << QStringLiteral("loaded"); });
        QString error;
        QVERIFY2(document.open(path, false, &error), qPrintable(error));
        QCOMPARE(order, (QStringList { QStringLiteral("opened"), QStringLiteral("loaded") }));
        QVERIFY(document.isOpen());
        QCOMPARE(document.path(), path);
        QVERIFY(!document.isReadOnly());
        QCOMPARE(document.columns()->size(), std::size_t(3));
        const qint64 estonia = document.columns()->indexOfId(QStringLiteral("t-estonia"));
        QVERIFY(estonia >= 0);
        const auto incident = document.incidentAt(IncidentColumns::Index(estonia));
        QVERIFY(incident);
        QCOMPARE(incident->id, QStringLiteral("t-estonia"));
        QVERIFY(!document.incidentAt(IncidentColumns::Index(document.columns()->size())));
    }

    void aFailedOpenKeepsTheDocument()
    {
        const QString good = documentWith("good.json");
        const QString notADocument = m_dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(TestSupport::writeFile(notADocument, QByteArray("plain text, not SQLite\n").repeated(100)));
        DocumentController document;
        QVERIFY(document.open(good, false, nullptr));
        QSignalSpy opened(&document, &DocumentController::documentOpened);
        QSignalSpy loaded(&document, &DocumentController::columnsLoaded);
        QString error;
        QVERIFY(!document.open(notADocument, false, &error));
        QVERIFY2(error.contains(QStringLiteral("notes.txt")), qPrintable(error));
        QCOMPARE(document.path(), good);
        QCOMPARE(document.columns()->size(), std::size_t(3));
        QCOMPARE(opened.count(), 0);
        QCOMPARE(loaded.count(), 0);
    }

    void aNewDocumentIsSeededWithTheBundledData()
    {
        const QString start = DocumentController::startIncidentId();
        QVERIFY(!start.isEmpty());
        DocumentController document;
        QSignalSpy seedFailed(&document, &DocumentController::seedFailed);
        const QString path = newPath();
        QVERIFY(document.open(path, true, nullptr));
        QCOMPARE(seedFailed.count(), 0);
        // The seed story loads first; its first record is where a new document opens.
        QCOMPARE(document.columns()->id(0), start);
        const std::size_t seeded = document.columns()->size();
        QVERIFY(seeded > 100);

        // An existing document is never seeded again, and without `seedIfNew` nothing is seeded.
        DocumentController again;
        QVERIFY(again.open(path, true, nullptr));
        QCOMPARE(again.columns()->size(), seeded);
        DocumentController unseeded;
        QVERIFY(unseeded.open(newPath(), false, nullptr));
        QCOMPARE(unseeded.columns()->size(), std::size_t(0));
    }

    void theStartIncidentIsTheSeedStorysFirstRecord()
    {
        QFile seed(BundledDataset::files().value(0));
        QVERIFY(seed.open(QIODevice::ReadOnly));
        const QByteArray text = seed.readAll();
        const QByteArray id = DocumentController::startIncidentId().toUtf8();
        // The first "id" in the file, whatever its value.
        const qsizetype at = text.indexOf("\"id\"");
        QVERIFY(at > 0);
        QCOMPARE(text.indexOf(id), text.indexOf('"', text.indexOf(':', at)) + 1);
    }

    void theColumnCacheIsWrittenOnceAfterALoadFromTheRows()
    {
        const QString path = documentWith("good.json");
        {
            DocumentController first;
            QSignalSpy written(&first, &DocumentController::columnCacheWritten);
            QVERIFY(first.open(path, false, nullptr));
            QVERIFY(written.wait(20000));
            QCOMPARE(written.first().first().toBool(), true);
        }
        // The next open reads the cache and has nothing to write.
        DocumentController second;
        QSignalSpy written(&second, &DocumentController::columnCacheWritten);
        QVERIFY(second.open(path, false, nullptr));
        QCOMPARE(second.columns()->size(), std::size_t(3));
        QTest::qWait(DocumentController::s_cacheDelayMs + 500);
        QCOMPARE(written.count(), 0);
    }

    void aSoundDocumentPassesTheCheck()
    {
        DocumentController document;
        QSignalSpy checked(&document, &DocumentController::documentChecked);
        QSignalSpy damaged(&document, &DocumentController::documentDamaged);
        QVERIFY(document.open(documentWith("good.json"), false, nullptr));
        QCOMPARE(checked.count(), 0); // not before the window has settled
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), true);
        QCOMPARE(damaged.count(), 0);
    }

    void damagedPagesAreReported()
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged.faultline"));
        QVERIFY(UiTestSupport::writeDamagedDocument(path));
        DocumentController document;
        QSignalSpy checked(&document, &DocumentController::documentChecked);
        QSignalSpy damaged(&document, &DocumentController::documentDamaged);
        QVERIFY(document.open(path, false, nullptr));
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), false);
        QCOMPARE(damaged.count(), 1);
        QVERIFY2(damaged.first().first().toString().contains(QStringLiteral("damaged")),
            qPrintable(damaged.first().first().toString()));
    }

    void aCheckForAnEarlierDocumentSaysNothingAboutTheNextOne()
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged-then-replaced.faultline"));
        QVERIFY(UiTestSupport::writeDamagedDocument(path));
        DocumentController document;
        QSignalSpy checked(&document, &DocumentController::documentChecked);
        QSignalSpy damaged(&document, &DocumentController::documentDamaged);
        QVERIFY(document.open(path, false, nullptr));
        QVERIFY(document.open(documentWith("good.json"), false, nullptr));
        QVERIFY(checked.wait(20000));
        QTest::qWait(DocumentController::s_checkDelayMs); // room for a stray second report
        QCOMPARE(checked.count(), 1);
        QCOMPARE(checked.first().first().toBool(), true);
        QCOMPARE(damaged.count(), 0);
    }

    void importsRunInTheBackgroundThenReload()
    {
        DocumentController document;
        QVERIFY(document.open(newPath(), false, nullptr));
        QCOMPARE(document.columns()->size(), std::size_t(0));
        QSignalSpy finished(&document, &DocumentController::importFinished);
        QSignalSpy loaded(&document, &DocumentController::columnsLoaded);
        QVERIFY(document.importFiles({ QFINDTESTDATA("../data/good.csv") }));
        QVERIFY(document.isImporting());
        // One import at a time.
        QString whyNot;
        QVERIFY(!document.importFiles({ QFINDTESTDATA("../data/good.json") }, &whyNot));
        QVERIFY(!whyNot.isEmpty());
        QVERIFY(finished.wait(20000));
        QVERIFY(!document.isImporting());
        const auto result = finished.first().first().value<Importer::Result>();
        QVERIFY(!result.failed);
        QCOMPARE(result.imported, 2);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(document.columns()->size(), std::size_t(2));
    }

    // Issue 17 #1: the files of one import from the window are one transaction.
    void severalFilesAreOneImport()
    {
        DocumentController document;
        QVERIFY(document.open(documentWith("good.json"), false, nullptr));
        const QString bad = m_dir.filePath(QStringLiteral("not-a-csv.csv"));
        QVERIFY(TestSupport::writeFile(bad, QByteArray("%PDF-1.4\n")));
        QSignalSpy finished(&document, &DocumentController::importFinished);
        QVERIFY(document.importFiles({ QFINDTESTDATA("../data/good.csv"), bad }));
        QVERIFY(finished.wait(20000));
        const auto result = finished.first().first().value<Importer::Result>();
        QVERIFY(result.failed);
        QCOMPARE(result.imported, 0);
        QCOMPARE(result.documentRecords, qint64(3));
        QCOMPARE(result.documentLine(), QStringLiteral("nothing was written; the document still holds 3 record(s)"));
        QCOMPARE(document.columns()->size(), std::size_t(3));
    }

    void importsAreRefusedWithoutAWritableDocument()
    {
        DocumentController document;
        QString whyNot;
        QVERIFY(!document.importFiles({ QFINDTESTDATA("../data/good.csv") }, &whyNot));
        QVERIFY(!whyNot.isEmpty());
        QVERIFY(!document.isImporting());
    }

    void aCancelledImportWritesNothing()
    {
        // Large enough that the cancel lands long before the import could finish.
        const QString big = m_dir.filePath(QStringLiteral("big.csv"));
        QByteArray csv = "title,start,victims,type,summary\n";
        for (int i = 0; i < 50000; ++i)
            csv += QStringLiteral("Record %1,2021,FR,ddos,%2\n").arg(i).arg(QString(100, u'x')).toUtf8();
        QVERIFY(TestSupport::writeFile(big, csv));
        DocumentController document;
        QVERIFY(document.open(documentWith("good.json"), false, nullptr));
        QSignalSpy finished(&document, &DocumentController::importFinished);
        QVERIFY(document.importFiles({ big }));
        document.cancelImport();
        QVERIFY(finished.wait(60000));
        const auto result = finished.first().first().value<Importer::Result>();
        QVERIFY(result.failed);
        QVERIFY(result.cancelled);
        QCOMPARE(document.columns()->size(), std::size_t(3));
    }

    void searchNotesAndCopies()
    {
        const QString path = documentWith("good.json");
        DocumentController document;
        QVERIFY(document.open(path, false, nullptr));
        Filter filter;
        filter.search = QStringLiteral("memorial");
        const FilterEngine::Result hits = document.applyFilter(filter);
        QCOMPARE(hits.indices.size(), std::size_t(1));
        QCOMPARE(document.columns()->id(hits.indices.front()), QStringLiteral("t-estonia"));
        QCOMPARE(document.applyFilter(Filter()).indices.size(), std::size_t(3));

        QString error;
        QVERIFY2(document.setNotes(QStringLiteral("t-estonia"), QStringLiteral("Check the dates"), &error),
            qPrintable(error));
        const QString copy = m_dir.filePath(QStringLiteral("copy.faultline"));
        QVERIFY2(document.saveCopy(copy, &error), qPrintable(error));
        DocumentController copied;
        QVERIFY(copied.open(copy, false, nullptr));
        const qint64 estonia = copied.columns()->indexOfId(QStringLiteral("t-estonia"));
        QCOMPARE(copied.incidentAt(IncidentColumns::Index(estonia))->notes, QStringLiteral("Check the dates"));
    }
};

QTEST_GUILESS_MAIN(TestDocumentController)
#include "tst_documentcontroller.moc"
