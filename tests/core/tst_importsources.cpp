#include "import/importer.h"
#include "import/importsources.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"

#include <QDir>
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

class TestImportSources : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    QString m_path;
    int m_counter = 0;

private slots:
    void init()
    {
        m_db = std::make_unique<Database>();
        m_path = m_dir.filePath(QStringLiteral("db%1.faultline").arg(++m_counter));
        QVERIFY(m_db->open(m_path));
    }
    void cleanup() { m_db.reset(); }

    void formatNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("format");
        QTest::newRow("stix") << "stix" << int(Importer::Format::Stix);
        QTest::newRow("misp") << "misp" << int(Importer::Format::Misp);
        QTest::newRow("veris") << "veris" << int(Importer::Format::Veris);
        QTest::newRow("vcdb") << "vcdb" << int(Importer::Format::Veris);
    }
    void formatNames()
    {
        QFETCH(QString, name);
        QFETCH(int, format);
        bool ok = false;
        QCOMPARE(int(Importer::formatFromName(name, &ok)), format);
        QVERIFY(ok);
    }

    // The extension says nothing: a STIX bundle named .txt is still STIX, a VERIS file .JSON.
    void detectionIgnoresTheExtension()
    {
        const QString renamed = m_dir.filePath(QStringLiteral("bundle.txt"));
        QVERIFY(TestSupport::writeFile(renamed, TestSupport::fileBytes(QFINDTESTDATA("../data/stix/single.json"))));
        const Importer::Result r = Importer::importFile(*m_db, renamed);
        QVERIFY2(!r.failed, qPrintable(r.error));
        QCOMPARE(r.imported, 1);
        QString why;
        QCOMPARE(Importer::detect(TestSupport::fileBytes(QFINDTESTDATA("../data/veris/B-134.JSON")), &why),
            Importer::Format::Veris);
        QCOMPARE(Importer::detect(QByteArray(R"({"some": "json"})"), &why), Importer::Format::Auto);
        QVERIFY2(why.contains(QStringLiteral("STIX")), qPrintable(why));
    }

    void zipImportsInMemoryAsOneTransaction()
    {
        const QString zip = QFINDTESTDATA("../data/mixed.zip");
        const QStringList before = QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        const Importer::Result r = Importer::importFile(*m_db, zip);
        QVERIFY2(!r.failed, qPrintable(r.error + u'\n' + messages(r).join(u'\n')));
        QCOMPARE(r.imported, 4); // two VERIS files, a MISP event, a STIX campaign; the README skipped
        QVERIFY2(messages(r).join(u'\n').contains(QStringLiteral("mixed.zip/README.md: warning: skipped")),
            qPrintable(messages(r).join(u'\n')));
        const auto e = IncidentStore(*m_db).incident(QStringLiteral("B-134"));
        QVERIFY(e);
        QCOMPARE(e->provenance.dataset, QStringLiteral("mixed")); // named after the archive
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before); // nothing unpacked
    }

    void damagedZipWritesNothing()
    {
        QByteArray bytes = TestSupport::fileBytes(QFINDTESTDATA("../data/mixed.zip"));
        bytes.truncate(bytes.size() / 2);
        const QString cut = m_dir.filePath(QStringLiteral("cut.zip"));
        QVERIFY(TestSupport::writeFile(cut, bytes));
        const QByteArray before = TestSupport::fileHash(m_path);
        const Importer::Result r = Importer::importFile(*m_db, cut);
        QVERIFY(r.failed);
        QVERIFY2(r.error.contains(QStringLiteral("cut.zip")), qPrintable(r.error));
        QCOMPARE(TestSupport::fileHash(m_path), before);
    }

    // A folder is one import: a broken file anywhere in it writes nothing at all.
    void brokenFileInAFolderWritesNothing()
    {
        QTemporaryDir folder;
        QDir(folder.path()).mkpath(QStringLiteral("deeper"));
        QVERIFY(TestSupport::writeFile(folder.filePath(QStringLiteral("a.json")),
            TestSupport::fileBytes(QFINDTESTDATA("../data/veris/a-121.json"))));
        QVERIFY(TestSupport::writeFile(folder.filePath(QStringLiteral("deeper/z.json")),
            QByteArray(R"({"schema_version": "1.3.4", "timeline": {"incident": )")));
        const QByteArray before = TestSupport::fileHash(m_path);
        const Importer::Result r = Importer::importFile(*m_db, folder.path());
        QVERIFY(r.failed);
        QVERIFY2(r.error.contains(QStringLiteral("z.json")), qPrintable(r.error));
        QCOMPARE(TestSupport::fileHash(m_path), before);
        QCOMPARE(IncidentStore(*m_db).count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestImportSources)
#include "tst_importsources.moc"
