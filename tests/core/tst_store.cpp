#include "import/importer.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

namespace {
// Runs SQL on a file with the plain SQLite API, outside Faultline's defensive open.
bool rawExec(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void createsNewDocument()
    {
        Database db;
        QString error;
        QVERIFY2(db.open(path("new.faultline"), Database::Mode::ReadWrite, &error), qPrintable(error));
        QVERIFY(db.wasCreated());
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA user_version")).toInt(), Database::schemaVersion());
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA application_id")).toInt(), Database::s_applicationId);
        QCOMPARE(IncidentStore(db).count(), 0);
        db.close();
        Database again;
        QVERIFY(again.open(path("new.faultline"), Database::Mode::ReadWrite, &error));
        QVERIFY(!again.wasCreated());
    }

    void migratesEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("fromVersion");
        for (int v = 1; v < Database::schemaVersion(); ++v)
            QTest::addRow("from-v%d", v) << v;
    }

    void migratesEveryEarlierVersion()
    {
        QFETCH(int, fromVersion);
        const QString file = path("old.db");
        QFile::remove(file);
        {
            // Write a document of the old version with the embedded migrations up to it.
            const QStringList scripts = QDir(QStringLiteral(":/data/schema")).entryList(QDir::Files, QDir::Name);
            QCOMPARE(scripts.size(), Database::schemaVersion());
            sqlite3 *raw = nullptr;
            QCOMPARE(sqlite3_open(file.toUtf8().constData(), &raw), SQLITE_OK);
            for (int v = 1; v <= fromVersion; ++v) {
                QFile script(QStringLiteral(":/data/schema/") + scripts.at(v - 1));
                QVERIFY(script.open(QIODevice::ReadOnly));
                QCOMPARE(sqlite3_exec(raw, script.readAll().constData(), nullptr, nullptr, nullptr), SQLITE_OK);
            }
            const QByteArray pragmas = QStringLiteral("PRAGMA user_version = %1; PRAGMA application_id = %2;")
                                           .arg(fromVersion)
                                           .arg(Database::s_applicationId)
                                           .toUtf8();
            QCOMPARE(sqlite3_exec(raw, pragmas.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
            // A record as the old version wrote it.
            QCOMPARE(sqlite3_exec(raw,
                         "INSERT INTO incident (id, title, start, first_day, last_day, precision, type, notes)"
                         " VALUES ('old-1', 'Old record', '2014-11', 2456963, 2456992, 1, 'espionage', 'my note');"
                         "INSERT INTO incident_country VALUES (1, 0, 0, 'US');"
                         "INSERT INTO incident_fts (incident_fts) VALUES ('rebuild');",
                         nullptr, nullptr, nullptr),
                SQLITE_OK);
            sqlite3_close(raw);
        }
        Database db;
        QString error;
        QVERIFY2(db.open(file, Database::Mode::ReadWrite, &error), qPrintable(error));
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA user_version")).toInt(), Database::schemaVersion());
        IncidentStore store(db);
        const auto old = store.incident(QStringLiteral("old-1"));
        QVERIFY(old);
        QCOMPARE(old->title, QStringLiteral("Old record"));
        QCOMPARE(old->start.toString(), QStringLiteral("2014-11"));
        QCOMPARE(old->notes, QStringLiteral("my note"));
        QCOMPARE(old->victims, QStringList { QStringLiteral("US") });
        QVERIFY(!old->disclosed.isValid());
        QCOMPARE(store.search(QStringLiteral("old")).size(), 1);
    }

    void halfWrittenDocumentInAReadOnlyFolderSaysWhatToDo()
    {
        // SQLite cannot play back the journal of a half-written document in a folder it cannot
        // write to (SQLITE_READONLY_ROLLBACK; seen as a user without write access, which the
        // tests, run as root, cannot be): the message says what happened and what to do.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("doc.faultline"));
        {
            QFile journal(path + QStringLiteral("-journal"));
            QVERIFY(journal.open(QIODevice::WriteOnly));
            journal.write(QByteArray(512, '\0'));
        }
        const QString words = QStringLiteral("attempt to write a readonly database");
        const QString told = Database::openFailure(SQLITE_READONLY_ROLLBACK, path, words);
        QVERIFY2(told.contains(QStringLiteral("its journal (") + QDir::toNativeSeparators(path) + u"-journal)"),
            qPrintable(told));
        QVERIFY(told.contains(QStringLiteral("Copy the document and its journal together")));
        QVERIFY(!told.contains(words));
        // Without a journal it is SQLite's own words; other failures keep theirs.
        QFile::remove(path + QStringLiteral("-journal"));
        QCOMPARE(Database::openFailure(SQLITE_READONLY, path, words),
            QDir::toNativeSeparators(path) + QStringLiteral(": cannot open: ") + words);
        QCOMPARE(Database::openFailure(SQLITE_NOTADB, path, words),
            QDir::toNativeSeparators(path) + QStringLiteral(": cannot open: not a SQLite database"));
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QByteArray>("setupSql"); // run on a plain SQLite file; empty: use `bytes`
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");

        QTest::newRow("foreign-sqlite") << QByteArray("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);")
                                        << QByteArray() << QStringLiteral("not a Faultline document");
        QTest::newRow("newer-version") << QByteArray("CREATE TABLE incident (rowid INTEGER PRIMARY KEY); PRAGMA "
                                                     "application_id = 1179407438; PRAGMA user_version = 99;")
                                       << QByteArray() << QStringLiteral("newer version of Faultline");
        QTest::newRow("text-file") << QByteArray()
                                   << QByteArray("this is not a database, just some text\n").repeated(200)
                                   << QStringLiteral("not a SQLite database");
        QTest::newRow("truncated-header")
            << QByteArray() << QByteArray("SQLite format 3\0\x10\x00", 18).append(QByteArray(80, 'x'))
            << QStringLiteral("cannot open");
    }

    void refusesBadFiles()
    {
        QFETCH(QByteArray, setupSql);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString file = path("bad.db");
        QFile::remove(file);
        if (!setupSql.isEmpty())
            QVERIFY(rawExec(file, setupSql.constData()));
        else
            QVERIFY(TestSupport::writeFile(file, bytes));
        const QByteArray before = TestSupport::fileHash(file);
        Database db;
        QString error;
        QVERIFY(!db.open(file, Database::Mode::ReadWrite, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("bad.db")), "the message names the file");
        QCOMPARE(TestSupport::fileHash(file), before); // never "upgraded" or repaired in place
    }

    void damagedPagesAreFound()
    {
        const QString file = path("damaged.db");
        {
            Database db;
            QVERIFY(db.open(file));
            QByteArray csv = "title,start,victims,type,summary\n";
            for (int i = 0; i < 3000; ++i)
                csv += QStringLiteral("Record %1,2021,FR,ddos,%2\n").arg(i).arg(QString(200, u'x')).toUtf8();
            QVERIFY(!Importer::importBytes(db, csv, QStringLiteral("many.csv")).failed);
        }
        QString error;
        QVERIFY(Database::quickCheck(file, &error));
        // Scribble over b-tree pages in the middle, leaving the header intact.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        for (qint64 at = size / 3; at < size / 3 + 4096 * 8; at += 4096) {
            f.seek(at);
            f.write(QByteArray(512, '\xA5'));
        }
        f.close();
        QVERIFY(!Database::quickCheck(file, &error));
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
        // Opening with the check (the command line's way) refuses it too, naming the file.
        Database db;
        QVERIFY(!db.open(file, Database::Mode::ReadOnly, &error));
        QVERIFY2(error.contains(QStringLiteral("damaged.db")), qPrintable(error));
    }

    void refusesForeignTrigger()
    {
        const QString file = path("trigger.db");
        {
            Database db;
            QVERIFY(db.open(file));
        }
        QVERIFY(rawExec(file, "CREATE TRIGGER evil AFTER INSERT ON incident BEGIN DELETE FROM source; END;"));
        Database db;
        QString error;
        QVERIFY(!db.open(file, Database::Mode::ReadWrite, &error));
        QVERIFY2(error.contains(QStringLiteral("evil")), qPrintable(error));
    }

    // Issue 17 #6: the whole schema is compared with what Faultline creates, by name and SQL:
    // a foreign index named like ours, one of ours redefined, or one missing is refused.
    void refusesASchemaFaultlineDidNotCreate_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("index named like ours") << QByteArray("CREATE UNIQUE INDEX incident_fts_u ON incident(title);")
                                               << "index \"incident_fts_u\" that Faultline does not create";
        QTest::newRow("our index redefined") << QByteArray(
            "DROP INDEX incident_country_code; CREATE UNIQUE INDEX incident_country_code ON "
            "incident_country(code);") << "index \"incident_country_code\" differs from the one Faultline creates";
        QTest::newRow("our index missing") << QByteArray("DROP INDEX incident_country_code;")
                                           << "index \"incident_country_code\" that Faultline creates is missing";
        QTest::newRow("view") << QByteArray("CREATE VIEW story_view AS SELECT 1;")
                              << "view \"story_view\" that Faultline does not create";
        QTest::newRow("table with a column added") << QByteArray("ALTER TABLE source ADD COLUMN extra TEXT;")
                                                   << "table \"source\" differs from the one Faultline creates";
    }

    void refusesASchemaFaultlineDidNotCreate()
    {
        QFETCH(QByteArray, sql);
        QFETCH(QString, expected);
        const QString file = path("schema.db");
        QFile::remove(file);
        {
            Database db;
            QVERIFY(db.open(file));
            QVERIFY(!Importer::importFile(db, QFINDTESTDATA("../data/good.json")).failed);
        }
        {
            Database db;
            QString error;
            QVERIFY2(db.open(file, Database::Mode::ReadWrite, &error), qPrintable(error)); // ours as written
        }
        QVERIFY(rawExec(file, sql.constData()));
        Database db;
        QString error;
        QVERIFY(!db.open(file, Database::Mode::ReadWrite, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void readOnlyFileOpensReadOnly()
    {
        const QString file = path("ro.db");
        {
            Database db;
            QVERIFY(db.open(file));
            QVERIFY(!Importer::importFile(db, QFINDTESTDATA("../data/good.json")).failed);
        }
        QFile::setPermissions(file, QFile::ReadOwner | QFile::ReadUser);
        if (QFileInfo(file).isWritable())
            QSKIP("running as a user who can write read-only files (root)");
        Database db;
        QString error;
        QVERIFY2(db.open(file, Database::Mode::ReadWrite, &error), qPrintable(error));
        QVERIFY(db.isReadOnly());
        QCOMPARE(IncidentStore(db).count(), 3);
        QVERIFY(!IncidentStore(db).setNotes(QStringLiteral("t-year"), QStringLiteral("x"), &error));
    }

    void readOnlyModeNeverWrites()
    {
        const QString file = path("ro2.db");
        {
            Database db;
            QVERIFY(db.open(file));
            QVERIFY(!Importer::importFile(db, QFINDTESTDATA("../data/good.json")).failed);
        }
        const QByteArray before = TestSupport::fileHash(file);
        Database db;
        QVERIFY(db.open(file, Database::Mode::ReadOnly));
        QVERIFY(db.isReadOnly());
        const Importer::Result r = Importer::importFile(db, QFINDTESTDATA("../data/good.csv"));
        QVERIFY(r.failed);
        QVERIFY(r.error.contains(QStringLiteral("read-only")));
        db.close();
        QCOMPARE(TestSupport::fileHash(file), before);
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("title-word") << "Estonian" << QStringList { QStringLiteral("t-estonia") };
        QTest::newRow("summary-word") << "memorial" << QStringList { QStringLiteral("t-estonia") };
        QTest::newRow("prefix") << "memo" << QStringList { QStringLiteral("t-estonia") };
        QTest::newRow("tag") << "bronze" << QStringList { QStringLiteral("t-estonia") };
        QTest::newRow("two-words-and") << "voter leak" << QStringList { QStringLiteral("t-year") };
        QTest::newRow("last-word-is-a-prefix") << "memorial traf" << QStringList { QStringLiteral("t-estonia") };
        QTest::newRow("earlier-words-are-whole") << "memo traffic" << QStringList {};
        QTest::newRow("case-insensitive") << "MINISTRY" << QStringList { QStringLiteral("t-month") };
        QTest::newRow("no-match") << "zebra" << QStringList {};
        QTest::newRow("fts-operators-literal") << "NOT OR AND ( \" *" << QStringList {};
        QTest::newRow("hyphenated") << "bronze-soldier" << QStringList { QStringLiteral("t-estonia") };
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, ids);
        Database db;
        QVERIFY(db.open(path("search.db")));
        if (IncidentStore(db).count() == 0)
            QVERIFY(!Importer::importFile(db, QFINDTESTDATA("../data/good.json")).failed);
        IncidentStore store(db);
        QString error;
        const QList<qint64> hits = store.search(query, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList found;
        for (const Incident &r : store.incidents(hits))
            found << r.id;
        QCOMPARE(found, ids);
    }

    void searchAfterUpdateSeesNewText()
    {
        Database db;
        QVERIFY(db.open(path("update.db")));
        QVERIFY(!Importer::importFile(db, QFINDTESTDATA("../data/good.json")).failed);
        QByteArray changed = TestSupport::fileBytes(QFINDTESTDATA("../data/good.json"));
        changed.replace("Weeks of traffic floods", "Weeks of zeppelin floods");
        const Importer::Result r = Importer::importBytes(db, changed, QStringLiteral("good.json"));
        QCOMPARE(r.updated, 1);
        IncidentStore store(db);
        QCOMPARE(store.search(QStringLiteral("zeppelin")).size(), 1);
        QCOMPARE(store.search(QStringLiteral("traffic")).size(), 0);
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO incident_fts(incident_fts) VALUES('integrity-check')")));
    }

    void columnsMatchRecords()
    {
        Database db;
        QVERIFY(db.open(path("columns.db")));
        QVERIFY(!Importer::importFile(db, QFINDTESTDATA("../data/good.json")).failed);
        const IncidentColumns c = IncidentStore(db).loadColumns();
        QCOMPARE(c.size(), 3u);
        QCOMPARE(c.id(0), QStringLiteral("t-estonia"));
        QCOMPARE(c.firstDay[0], qint32(QDate(2007, 4, 27).toJulianDay()));
        QCOMPARE(c.lastDay[0], qint32(QDate(2007, 5, 18).toJulianDay()));
        QCOMPARE(c.hasEnd[0], 1);
        QCOMPARE(c.precisionOf(1), Precision::Month);
        QCOMPARE(c.lastDay[1], qint32(QDate(2015, 6, 30).toJulianDay()));
        QCOMPARE(c.precisionOf(2), Precision::Year);
        QCOMPARE(c.victimOffset[3] - c.victimOffset[2], 2u);
        QCOMPARE(c.countries.at(c.victimCodes[c.victimOffset[2]]), QStringLiteral("PH"));
        QCOMPARE(c.attackerOffset[1] - c.attackerOffset[0], 1u);
        QCOMPARE(c.typeOf(0), IncidentType::Ddos);
        QCOMPARE(c.sectors[0],
            SectorMask(sectorBit(Sector::Government) | sectorBit(Sector::Finance) | sectorBit(Sector::Media)));
        QCOMPARE(c.indexOfId(QStringLiteral("t-year")), 2);
        QCOMPARE(c.indexOfRowid(c.rowid[1]), 1);
    }

    void saveCopyIsComplete()
    {
        Database db;
        QVERIFY(db.open(path("original.db")));
        QVERIFY(!Importer::importFile(db, QFINDTESTDATA("../data/good.json")).failed);
        QString error;
        QVERIFY2(db.saveCopy(path("copy.faultline"), &error), qPrintable(error));
        QVERIFY(!QFile::exists(path("copy.faultline.part")));
        Database copy;
        QVERIFY(copy.open(path("copy.faultline")));
        QCOMPARE(IncidentStore(copy).count(), 3);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
