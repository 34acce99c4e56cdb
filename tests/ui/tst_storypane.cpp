#include "panes/storypane.h"
#include "panes/storystepsmodel.h"
#include "store/database.h"
#include "story/storystore.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QListView>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

// Editing a story in the Stories pane, with undo; the steps model checked by
// QAbstractItemModelTester throughout.
class TestStoryPane : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static QStringList names(const char *commaSeparated)
    {
        return QString::fromLatin1(commaSeparated).split(u',', Qt::SkipEmptyParts);
    }

    static QStringList headings(const StoryStepsModel *model)
    {
        QStringList list;
        for (int r = 0; r < model->rowCount(); ++r)
            list << model->index(r).data(StoryStepsModel::HeadingRole).toString();
        return list;
    }

    static QStringList stored(Database &db, qint64 storyId)
    {
        QStringList list;
        const std::optional<Story> story = StoryStore(db).story(storyId);
        for (const StoryStep &step : story->steps)
            list << step.heading;
        return list;
    }

private slots:
    void editsWithUndo()
    {
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("pane.faultline"))));
        StoryPane pane;
        QAbstractItemModelTester tester(pane.stepsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString incident = QStringLiteral("inc-1");
        pane.setProviders([&] { return incident; },
            [] {
                return QVariantMap { { QStringLiteral("firstDay"), 2459000.0 }, { QStringLiteral("endDay"), 2459400.0 },
                    { QStringLiteral("document"), QStringLiteral("/x") } };
            });
        pane.setDatabase(&db);
        QVERIFY(!pane.addCurrentIncident()); // no story yet
        QVERIFY(pane.newStory(QStringLiteral("Lesson")));
        const qint64 story = pane.currentStoryId();
        QVERIFY(story > 0);
        QVERIFY(pane.addCurrentIncident());
        pane.setCurrentHeading(QStringLiteral("A"));
        incident = QStringLiteral("inc-2");
        QVERIFY(pane.addCurrentIncident());
        pane.setCurrentHeading(QStringLiteral("B"));
        QVERIFY(pane.addCurrentView());
        pane.setCurrentHeading(QStringLiteral("C"));
        StoryStepsModel *model = pane.stepsModel();
        QCOMPARE(headings(model), names("A,B,C"));
        QCOMPARE(stored(db, story), headings(model));
        QVERIFY(!model->step(2).view.contains(QStringLiteral("document"))); // not the window's file
        QCOMPARE(model->index(1).data().toString(), QStringLiteral("B"));

        // Alt+Up moves the current step (C) up.
        pane.show();
        pane.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&pane));
        pane.stepList()->setFocus();
        QTest::keyClick(pane.stepList(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(headings(model), names("A,C,B"));
        QCOMPARE(stored(db, story), headings(model));
        QCOMPARE(pane.currentRow(), 1);
        QTest::keyClick(pane.stepList(), Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(headings(model), names("A,B,C"));

        // Notes, delete, then undo all the way back and redo.
        pane.setCurrentNotes(QStringLiteral("read this"));
        QCOMPARE(StoryStore(db).story(story)->steps.at(2).notes, QStringLiteral("read this"));
        pane.stepList()->setCurrentIndex(model->index(0));
        QTest::keyClick(pane.stepList(), Qt::Key_Delete);
        QCOMPARE(headings(model), names("B,C"));
        QCOMPARE(stored(db, story), headings(model));
        pane.undoStack()->undo();
        QCOMPARE(headings(model), names("A,B,C"));
        QCOMPARE(stored(db, story), headings(model));
        QCOMPARE(model->step(0).incidentId, QStringLiteral("inc-1"));
        pane.undoStack()->undo(); // the notes
        QCOMPARE(StoryStore(db).story(story)->steps.at(2).notes, QString());
        while (pane.undoStack()->canUndo())
            pane.undoStack()->undo();
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(stored(db, story), QStringList());
        while (pane.undoStack()->canRedo())
            pane.undoStack()->redo();
        QCOMPARE(headings(model), names("B,C"));
        QCOMPARE(stored(db, story), headings(model));
    }

    // A drop of a step onto another place asks for a move, which the pane performs (undoably).
    void dragAndDropMoves()
    {
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("drop.faultline"))));
        Story story;
        story.name = QStringLiteral("Drop");
        for (const char *h : { "A", "B", "C" }) {
            StoryStep step;
            step.incidentId = QStringLiteral("x");
            step.heading = QString::fromLatin1(h);
            story.steps << step;
        }
        QVERIFY(StoryStore(db).addStory(story) > 0);
        StoryPane pane;
        QAbstractItemModelTester tester(pane.stepsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.setDatabase(&db);
        StoryStepsModel *model = pane.stepsModel();
        QCOMPARE(model->rowCount(), 3);
        std::unique_ptr<QMimeData> mime(model->mimeData({ model->index(0) }));
        QVERIFY(mime);
        model->dropMimeData(mime.get(), Qt::MoveAction, 3, 0, {}); // after the last
        QCOMPARE(headings(model), names("B,C,A"));
        pane.undoStack()->undo();
        QCOMPARE(headings(model), names("A,B,C"));
        QVERIFY(!model->dropMimeData(mime.get(), Qt::CopyAction, 1, 0, {}));
        QCOMPARE(headings(model), names("A,B,C"));
    }
};

QTEST_MAIN(TestStoryPane)
#include "tst_storypane.moc"
