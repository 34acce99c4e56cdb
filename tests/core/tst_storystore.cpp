#include "domain/incident.h"
#include "import/importer.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "story/storystore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

namespace {
const QString s_albania = QStringLiteral("Albania 2022: an attack and a broken diplomatic tie");

StoryStep incidentStep(const char *id, const char *heading, const char *notes = "")
{
    StoryStep step;
    step.incidentId = QString::fromLatin1(id);
    step.heading = QString::fromUtf8(heading);
    step.notes = QString::fromUtf8(notes);
    return step;
}

StoryStep viewStep(double firstDay, double endDay, const char *heading)
{
    StoryStep step;
    step.view = { { QStringLiteral("firstDay"), firstDay }, { QStringLiteral("endDay"), endDay },
        { QStringLiteral("filter"), QStringLiteral("country=AL") }, { QStringLiteral("rowKey"), 0 } };
    step.heading = QString::fromUtf8(heading);
    return step;
}

QStringList headings(const Story &story)
{
    QStringList list;
    for (const StoryStep &step : story.steps)
        list << step.heading;
    return list;
}
} // namespace

class TestStoryStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void roundTrip()
    {
        const QString file = path(QStringLiteral("round.faultline"));
        qint64 storyId = 0;
        {
            Database db;
            QVERIFY(db.open(file));
            StoryStore store(db);
            QString error;
            storyId = store.createStory(QStringLiteral("  Lesson one "), &error);
            QVERIFY2(storyId > 0, qPrintable(error));
            QVERIFY(store.insertStep(storyId, 0, incidentStep("a", "First", "Say this\nthen that")) > 0);
            QVERIFY2(
                store.insertStep(storyId, 5, viewStep(2459000.5, 2459100, "Overview"), &error) > 0, qPrintable(error));
            QVERIFY(store.insertStep(storyId, 0, incidentStep("b", "Zeroth")) > 0);
            QVERIFY(store.createStory(QStringLiteral("Second")) > 0);
            QVERIFY(!store.createStory(QStringLiteral("   "), &error));
            QVERIFY(!error.isEmpty());
        }
        Database db;
        QVERIFY(db.open(file));
        StoryStore store(db);
        const QList<Story> stories = store.stories();
        QCOMPARE(stories.size(), 2);
        const Story &story = stories.first();
        QCOMPARE(story.id, storyId);
        QCOMPARE(story.name, QStringLiteral("Lesson one"));
        QCOMPARE(headings(story),
            QStringList({ QStringLiteral("Zeroth"), QStringLiteral("First"), QStringLiteral("Overview") }));
        QCOMPARE(story.steps.at(1).notes, QStringLiteral("Say this\nthen that"));
        QVERIFY(story.steps.at(1).isIncident());
        QVERIFY(!story.steps.at(2).isIncident());
        QCOMPARE(story.steps.at(2).view.value(QStringLiteral("firstDay")).toDouble(), 2459000.5);
        QCOMPARE(story.steps.at(2).view.value(QStringLiteral("filter")).toString(), QStringLiteral("country=AL"));
    }

    void editsSteps()
    {
        Database db;
        QVERIFY(db.open(path(QStringLiteral("edit.faultline"))));
        StoryStore store(db);
        const qint64 id = store.createStory(QStringLiteral("Edits"));
        for (const char *h : { "A", "B", "C", "D" })
            QVERIFY(store.insertStep(id, 99, incidentStep("x", h)) > 0);
        QVERIFY(store.moveStep(id, 0, 3));
        QCOMPARE(headings(*store.story(id)).join(QString()), QStringLiteral("BCDA"));
        QVERIFY(store.moveStep(id, 2, 0));
        QCOMPARE(headings(*store.story(id)).join(QString()), QStringLiteral("DBCA"));
        QVERIFY(!store.moveStep(id, 0, 4));
        StoryStep step = store.story(id)->steps.at(1);
        step.heading = QStringLiteral("Bee");
        step.notes = QStringLiteral("notes");
        QVERIFY(store.updateStep(step));
        QCOMPARE(store.story(id)->steps.at(1), step);
        QVERIFY(store.deleteStep(store.story(id)->steps.at(0).id));
        QCOMPARE(headings(*store.story(id)).join(u','), QStringLiteral("Bee,C,A"));
        QVERIFY(store.insertStep(id, 1, incidentStep("y", "E")) > 0);
        QCOMPARE(headings(*store.story(id)).join(u','), QStringLiteral("Bee,E,C,A"));
        QVERIFY(store.renameStory(id, QStringLiteral("Renamed")));
        QVERIFY(store.storyNamed(QStringLiteral("Renamed")));
        QVERIFY(store.deleteStory(id));
        QVERIFY(store.stories().isEmpty());
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM story_step")).toInt(), 0);
    }

    void migratesEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("fromVersion");
        for (int v = 1; v < Database::schemaVersion(); ++v)
            QTest::addRow("from-v%d", v) << v;
    }

    // A document of each earlier version opens, migrates to the newest (stories came in 4), and
    // holds stories.
    void migratesEveryEarlierVersion()
    {
        QFETCH(int, fromVersion);
        QVERIFY(Database::schemaVersion() >= 4);
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
            sqlite3_close(raw);
        }
        Database db;
        QString error;
        QVERIFY2(db.open(file, Database::Mode::ReadWrite, &error), qPrintable(error));
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA user_version")).toInt(), Database::schemaVersion());
        StoryStore store(db);
        QVERIFY(store.stories().isEmpty());
        const qint64 id = store.createStory(QStringLiteral("After migration"), &error);
        QVERIFY2(id > 0, qPrintable(error));
        QVERIFY(store.insertStep(id, 0, incidentStep("a", "One")) > 0);
        db.close();
        QVERIFY2(db.open(file, Database::Mode::ReadWrite, &error), qPrintable(error));
        QCOMPARE(headings(*StoryStore(db).story(id)), QStringList { QStringLiteral("One") });
    }

    // Importing again replaces records but keeps stories; Save a Copy As carries them.
    void reimportKeepsStoriesAndCopyHasThem()
    {
        const QString file = path(QStringLiteral("reimport.faultline"));
        Database db;
        QVERIFY(db.open(file));
        QVERIFY(!Importer::importBundled(db).failed);
        StoryStore store(db);
        QCOMPARE(store.stories().size(), 1);
        const qint64 mine = store.createStory(QStringLiteral("Mine"));
        QVERIFY(store.insertStep(mine, 0, incidentStep("fl-2022-al-tims-border", "TIMS")) > 0);
        const Importer::Result again = Importer::importBundled(db);
        QVERIFY2(!again.failed, qPrintable(again.error));
        QCOMPARE(store.stories().size(), 2); // the bundled story is not added twice
        QCOMPARE(headings(*store.story(mine)), QStringList { QStringLiteral("TIMS") });

        const QString copy = path(QStringLiteral("copy.faultline"));
        QString error;
        QVERIFY2(db.saveCopy(copy, &error), qPrintable(error));
        Database copied;
        QVERIFY(copied.open(copy));
        const QList<Story> stories = StoryStore(copied).stories();
        QCOMPARE(stories.size(), 2);
        QCOMPARE(stories.at(0).name, s_albania);
        QCOMPARE(stories.at(1).steps.size(), 1);
    }

    // Every incident step of every bundled story is a record of the bundled dataset.
    void bundledStoryResolves()
    {
        QString error;
        const QList<Story> bundled = StoryFile::bundled(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(bundled.size(), 1);
        QCOMPARE(bundled.first().name, s_albania);
        Database db;
        QVERIFY(db.open(path(QStringLiteral("bundled.faultline"))));
        QVERIFY(!Importer::importBundled(db).failed);
        IncidentStore incidents(db);
        int incidentSteps = 0;
        bool hasView = false;
        for (const StoryStep &step : bundled.first().steps) {
            QVERIFY(!step.heading.isEmpty());
            QVERIFY(!step.notes.isEmpty());
            if (step.isIncident()) {
                ++incidentSteps;
                QVERIFY2(incidents.incident(step.incidentId), qPrintable(step.incidentId));
            } else {
                hasView = step.view.value(QStringLiteral("endDay")).toDouble()
                    > step.view.value(QStringLiteral("firstDay")).toDouble();
            }
        }
        QCOMPARE(incidentSteps, 4);
        QVERIFY(hasView);
        QVERIFY(!bundled.first().steps.last().isIncident()); // closes on the region
    }

    void refusesMalformedStoryFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("{");
        QTest::newRow("no marker") << QByteArray(R"({"name":"x","steps":[]})");
        QTest::newRow("no name") << QByteArray(R"({"faultline-story":1,"steps":[]})");
        QTest::newRow("empty step") << QByteArray(R"({"faultline-story":1,"name":"x","steps":[{"heading":"h"}]})");
    }

    void refusesMalformedStoryFiles()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!StoryFile::parse(json, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStoryStore)
#include "tst_storystore.moc"
