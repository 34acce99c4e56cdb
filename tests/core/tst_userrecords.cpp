#include "domain/actornames.h"
#include "import/importer.h"
#include "import/recordform.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "store/userrecords.h"
#include "testsupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

namespace {
// Each incident of `c` as text, in index order, and the date order as ids: what two sets of
// columns must agree on whatever their interned tables hold.
QStringList describe(const IncidentColumns &c)
{
    QStringList out;
    for (IncidentColumns::Index i = 0; i < c.size(); ++i) {
        QStringList victims, attackers;
        for (auto k = c.victimOffset[i]; k < c.victimOffset[i + 1]; ++k)
            victims << c.countries.at(c.victimCodes[k]);
        for (auto k = c.attackerOffset[i]; k < c.attackerOffset[i + 1]; ++k)
            attackers << c.countries.at(c.attackerCodes[k]);
        out << QStringLiteral("%1 %2 %3 %4-%5 p%6 e%7 t%8 a%9 s%10 [%11] %12 > %13 | %14")
                   .arg(c.rowid[i])
                   .arg(c.id(i), c.title(i))
                   .arg(c.firstDay[i])
                   .arg(c.lastDay[i])
                   .arg(int(c.precision[i]))
                   .arg(int(c.hasEnd[i]))
                   .arg(int(c.type[i]))
                   .arg(int(c.attribution[i]))
                   .arg(int(c.sectors[i]))
                   .arg(c.actors.at(c.actor[i]), victims.join(u','), attackers.join(u','), c.datasets.at(c.dataset[i]));
    }
    QStringList order;
    for (const IncidentColumns::Index i : c.byDate)
        order << c.id(i);
    out << order.join(u' ');
    return out;
}

QByteArray twoRecords(const QString &titleOfA)
{
    return QStringLiteral(R"({"faultline": 1, "incidents": [
 {"id": "a-1", "title": "%1", "start": "2022-07", "victims": ["Albania"], "type": "destructive",
  "sectors": ["government"], "sources": [{"publisher": "ANI", "title": "Albania shuts systems", "url": "https://example.org/a"}]},
 {"id": "b-2", "title": "Imported B", "start": "2019-03-19", "victims": ["NO"], "type": "ransomware",
  "sectors": ["manufacturing"]}
]})")
        .arg(titleOfA)
        .toUtf8();
}

Incident sample(const QString &title)
{
    RecordForm form;
    form.title = title;
    form.start = QStringLiteral("2022-07-17");
    form.victims = { QStringLiteral("Albanian") };
    form.attackers = { QStringLiteral("Iran") };
    form.attribution = QStringLiteral("official");
    form.actor = QStringLiteral("HomeLand Justice");
    form.type = QStringLiteral("destructive");
    form.sectors = { QStringLiteral("government") };
    form.summary = QStringLiteral("Government services were taken offline.");
    form.sources = { { QStringLiteral("https://example.org/ani"), QStringLiteral("Albania closes systems"),
        QStringLiteral("ANI"), QStringLiteral("2022-07-18") } };
    form.tags = { QStringLiteral("wiper") };
    const RecordForm::Checked checked = form.check();
    Q_ASSERT(checked.record);
    return *checked.record;
}
} // namespace

class TestUserRecords : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    QString writeImport(const QString &name, const QString &titleOfA)
    {
        const QString file = path(name);
        TestSupport::writeFile(file, twoRecords(titleOfA));
        return file;
    }

private slots:
    void formUsesTheImportersMessages()
    {
        RecordForm form;
        form.title = QStringLiteral("x");
        form.start = QStringLiteral("2022-13");
        form.victims = { QStringLiteral("Atlantis") };
        form.type = QStringLiteral("ransomware");
        const RecordForm::Checked checked = form.check();
        QVERIFY(!checked.record);
        QVERIFY(checked.errors.contains(QStringLiteral("start")));
        QVERIFY(
            checked.errors.value(QStringLiteral("victims")).contains(QStringLiteral("unknown country \"Atlantis\"")));

        // The same values in a file give the same messages.
        Database db;
        QVERIFY(db.open(path("messages.faultline")));
        const QByteArray json = R"({"faultline": 1, "incidents": [{"id": "x", "title": "x", "start": "2022-13",
            "victims": ["Atlantis"], "type": "ransomware"}]})";
        const Importer::Result result = Importer::importBytes(db, json, QStringLiteral("f.json"));
        QCOMPARE(result.rejected, 1);
        QStringList fromFile;
        for (const Diagnostic &d : result.diagnostics)
            if (d.field == u"start" || d.field.endsWith(u".start"))
                fromFile << d.reason;
        QCOMPARE(fromFile.join(u'\n'), checked.errors.value(QStringLiteral("start")));

        form.start = QStringLiteral("2022-07");
        form.victims = { QStringLiteral("Norwegian") };
        const RecordForm::Checked ok = form.check();
        QVERIFY(ok.record);
        QCOMPARE(ok.record->victims, QStringList { QStringLiteral("NO") });
        QCOMPARE(ok.record->start.precision(), Precision::Month);
    }

    void roundTrip()
    {
        const QString file = path("roundtrip.faultline");
        QString id;
        {
            Database db;
            QVERIFY(db.open(file));
            UserRecords user(db);
            const UserRecords::State st = user.created(sample(QStringLiteral("Albania wiper attack")));
            id = st.id;
            QVERIFY(id.startsWith(u"user-"));
            qint64 rowid = -1;
            QString error;
            QVERIFY2(user.apply(st, &rowid, &error), qPrintable(error));
            QVERIFY(rowid > 0);
            QCOMPARE(user.newId() == id, false);
        }
        Database db;
        QVERIFY(db.open(file));
        UserRecords user(db);
        const UserRecords::State st = user.state(id);
        QCOMPARE(st.kind, UserRecords::Kind::User);
        QVERIFY(st.live);
        const Incident expected = sample(QStringLiteral("Albania wiper attack"));
        QCOMPARE(st.live->title, expected.title);
        QCOMPARE(st.live->victims, QStringList { QStringLiteral("AL") });
        QCOMPARE(st.live->attackers, QStringList { QStringLiteral("IR") });
        QCOMPARE(st.live->sources, expected.sources);
        QCOMPARE(st.live->start.toString(), QStringLiteral("2022-07-17"));
        QCOMPARE(st.live->provenance.dataset, UserRecords::datasetName());
        QCOMPARE(IncidentStore(db).search(QStringLiteral("wiper")).size(), 1);
        // The JSON kept for imported versions reads back to the same record.
        const auto back = UserRecords::fromJson(UserRecords::toJson(*st.live));
        QVERIFY(back);
        QVERIFY(back->sameContent(*st.live));
        QCOMPARE(back->provenance, st.live->provenance);
    }

    void reimportLeavesUserRecordsAndOverrides()
    {
        Database db;
        QVERIFY(db.open(path("reimport.faultline")));
        const QString file = writeImport(QStringLiteral("two.json"), QStringLiteral("Imported A"));
        QCOMPARE(Importer::importFile(db, file).imported, 2);

        UserRecords user(db);
        QString error;
        const UserRecords::State mine = user.created(sample(QStringLiteral("My own record")));
        QVERIFY(user.apply(mine, nullptr, &error));
        Incident changed = *user.state(QStringLiteral("a-1")).live;
        changed.title = QStringLiteral("A as I corrected it");
        QVERIFY2(user.apply(UserRecords::edited(user.state(QStringLiteral("a-1")), changed), nullptr, &error),
            qPrintable(error));
        QVERIFY(user.apply(UserRecords::deleted(user.state(QStringLiteral("b-2"))), nullptr, &error));
        QCOMPARE(IncidentStore(db).count(), 2);

        // The same file again: nothing of the user's changes.
        Importer::Result again = Importer::importFile(db, file);
        QVERIFY(!again.failed);
        QCOMPARE(again.imported, 0);
        QCOMPARE(IncidentStore(db).count(), 2);
        QCOMPARE(IncidentStore(db).incident(QStringLiteral("a-1"))->title, QStringLiteral("A as I corrected it"));
        QVERIFY(!IncidentStore(db).incident(QStringLiteral("b-2")));
        QCOMPARE(user.state(mine.id).live->title, QStringLiteral("My own record"));
        QCOMPARE(user.state(QStringLiteral("a-1")).kind, UserRecords::Kind::Edited);

        // A newer version of the file: the edit still stands, and Revert gives the newer version.
        const QString newer = writeImport(QStringLiteral("two.json"), QStringLiteral("Imported A, corrected upstream"));
        again = Importer::importFile(db, newer);
        QVERIFY(!again.failed);
        QCOMPARE(IncidentStore(db).incident(QStringLiteral("a-1"))->title, QStringLiteral("A as I corrected it"));
        QVERIFY(IncidentStore(db).setNotes(QStringLiteral("a-1"), QStringLiteral("my note"), &error));
        const UserRecords::State reverted = UserRecords::reverted(user.state(QStringLiteral("a-1")));
        QVERIFY(user.apply(reverted, nullptr, &error));
        const auto a = IncidentStore(db).incident(QStringLiteral("a-1"));
        QCOMPARE(a->title, QStringLiteral("Imported A, corrected upstream"));
        QCOMPARE(a->notes, QStringLiteral("my note"));
        QCOMPARE(user.state(QStringLiteral("a-1")).kind, UserRecords::Kind::Imported);
        QCOMPARE(IncidentStore(db).search(QStringLiteral("upstream")).size(), 1);
        QCOMPARE(IncidentStore(db).search(QStringLiteral("corrected it")).size(), 0);

        // Once reverted, the record follows its file again.
        const QString third = writeImport(QStringLiteral("two.json"), QStringLiteral("Imported A, third version"));
        QVERIFY(!Importer::importFile(db, third).failed);
        QCOMPARE(IncidentStore(db).incident(QStringLiteral("a-1"))->title, QStringLiteral("Imported A, third version"));
        // Reverting the deletion brings B back.
        QVERIFY(user.apply(UserRecords::reverted(user.state(QStringLiteral("b-2"))), nullptr, &error));
        QCOMPARE(IncidentStore(db).incident(QStringLiteral("b-2"))->title, QStringLiteral("Imported B"));
    }

    void applyingTheStateBeforeUndoesExactly()
    {
        Database db;
        QVERIFY(db.open(path("undo.faultline")));
        QVERIFY(!Importer::importFile(db, writeImport(QStringLiteral("u.json"), QStringLiteral("Imported A"))).failed);
        UserRecords user(db);
        QString error;
        const UserRecords::State before = user.state(QStringLiteral("a-1"));
        const qint64 generation = db.scalar(QStringLiteral("SELECT value FROM document_meta")).toLongLong();
        QVERIFY(user.apply(UserRecords::deleted(before), nullptr, &error));
        QVERIFY(db.scalar(QStringLiteral("SELECT value FROM document_meta")).toLongLong() > generation);
        QVERIFY(!IncidentStore(db).incident(QStringLiteral("a-1")));
        qint64 rowid = -1;
        QVERIFY(user.apply(before, &rowid, &error));
        QCOMPARE(rowid, before.rowid); // back in its place, so the columns keep their order
        const UserRecords::State after = user.state(QStringLiteral("a-1"));
        QCOMPARE(after.kind, UserRecords::Kind::Imported);
        QVERIFY(after.live->sameContent(*before.live));
        QCOMPARE(IncidentStore(db).search(QStringLiteral("Imported")).size(), 2);

        // Undoing a creation leaves no trace.
        const UserRecords::State none = user.state(QStringLiteral("user-none"));
        QVERIFY(!none.live);
        const UserRecords::State made = user.created(sample(QStringLiteral("Short-lived")));
        QVERIFY(user.apply(made, nullptr, &error));
        QVERIFY(user.apply(UserRecords::State { made.id, UserRecords::Kind::Imported, {}, -1, {} }, nullptr, &error));
        QVERIFY(!IncidentStore(db).incident(made.id));
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM local_edit")).toInt(), 0);
    }

    void patchedColumnsMatchALoad()
    {
        Database db;
        QVERIFY(db.open(path("patch.faultline")));
        QVERIFY(!Importer::importFile(db, writeImport(QStringLiteral("p.json"), QStringLiteral("Imported A"))).failed);
        UserRecords user(db);
        IncidentColumns columns = IncidentStore(db).loadColumns(nullptr, IncidentStore::LoadMode::Scan);
        columns.buildDateOrder();
        const ActorNames &names = ActorNames::instance();
        QString error;
        // The same change to the document and to the columns, then the columns against a fresh load.
        auto change = [&](const UserRecords::State &target) {
            const qint64 old = user.rowidOf(target.id);
            qint64 rowid = -1;
            QVERIFY2(user.apply(target, &rowid, &error), qPrintable(error));
            columns = columns.copyWithRoom(); // as the window patches: a copy
            if (old >= 0)
                columns.removeAt(IncidentColumns::Index(columns.indexOfRowid(old)));
            if (target.live)
                columns.insertRecord(rowid, *target.live, names);
            IncidentColumns loaded = IncidentStore(db).loadColumns(nullptr, IncidentStore::LoadMode::Scan);
            loaded.buildDateOrder();
            QCOMPARE(describe(columns), describe(loaded));
        };
        const UserRecords::State mine = user.created(sample(QStringLiteral("Mine, 2022-07-17")));
        change(mine); // appended
        Incident a = *user.state(QStringLiteral("a-1")).live;
        a.title = QStringLiteral("A moved to 2001");
        a.start = PartialDate::year(2001);
        a.victims = { QStringLiteral("FR"), QStringLiteral("ZW") };
        a.actor = QStringLiteral("Fancy Bear");
        const UserRecords::State beforeA = user.state(QStringLiteral("a-1"));
        change(UserRecords::edited(beforeA, a)); // in the middle, a new country, a new actor
        change(UserRecords::deleted(user.state(QStringLiteral("b-2"))));
        change(UserRecords::deleted(user.state(mine.id)));
        change(beforeA); // the first one back, in its old place
    }

    void readOnlyRefuses()
    {
        const QString file = path("ro.faultline");
        {
            Database db;
            QVERIFY(db.open(file));
        }
        Database db;
        QVERIFY(db.open(file, Database::Mode::ReadOnly));
        UserRecords user(db);
        QString error;
        QVERIFY(!user.apply(user.created(sample(QStringLiteral("x"))), nullptr, &error));
        QVERIFY(error.contains(QStringLiteral("read-only")));
    }

    void migratedDocumentsTakeUserRecords_data()
    {
        QTest::addColumn<int>("fromVersion");
        for (int v = 1; v < Database::schemaVersion(); ++v)
            QTest::addRow("from-v%d", v) << v;
    }

    void migratedDocumentsTakeUserRecords()
    {
        QFETCH(int, fromVersion);
        const QString file = path(QStringLiteral("old-%1.db").arg(fromVersion));
        {
            const QStringList scripts = QDir(QStringLiteral(":/data/schema")).entryList(QDir::Files, QDir::Name);
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
            QCOMPARE(sqlite3_exec(raw,
                         "INSERT INTO incident (id, title, start, first_day, last_day, precision, type)"
                         " VALUES ('old-1', 'Old record', '2014-11', 2456963, 2456992, 1, 'espionage');"
                         "INSERT INTO incident_country VALUES (1, 0, 0, 'US');"
                         "INSERT INTO incident_fts (incident_fts) VALUES ('rebuild');",
                         nullptr, nullptr, nullptr),
                SQLITE_OK);
            sqlite3_close(raw);
        }
        Database db;
        QString error;
        QVERIFY2(db.open(file, Database::Mode::ReadWrite, &error), qPrintable(error));
        UserRecords user(db);
        Incident old = *user.state(QStringLiteral("old-1")).live;
        old.title = QStringLiteral("Old record, edited");
        QVERIFY2(user.apply(UserRecords::edited(user.state(QStringLiteral("old-1")), old), nullptr, &error),
            qPrintable(error));
        QVERIFY(user.apply(user.created(sample(QStringLiteral("New one"))), nullptr, &error));
        QCOMPARE(IncidentStore(db).count(), 2);
        QCOMPARE(IncidentStore(db).search(QStringLiteral("edited")).size(), 1);
        QVERIFY(user.apply(UserRecords::reverted(user.state(QStringLiteral("old-1"))), nullptr, &error));
        QCOMPARE(IncidentStore(db).incident(QStringLiteral("old-1"))->title, QStringLiteral("Old record"));
    }
};

QTEST_GUILESS_MAIN(TestUserRecords)
#include "tst_userrecords.moc"
