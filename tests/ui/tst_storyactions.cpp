#include "document/documentcontroller.h"
#include "import/importer.h"
#include "mainwindow.h"
#include "panes/storypane.h"
#include "panes/storystepsmodel.h"
#include "present/presentation.h"
#include "present/presentationtheme.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "story/storystore.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The window's story actions: "Add to Story" from the timeline's menus and the remembered
// high-contrast presentation setting.
class TestStoryActions : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // A document with the bundled records; with the bundled story unless `withoutStories`.
    QString makeDocument(const QString &name, bool withoutStories)
    {
        const QString path = m_dir.filePath(name);
        Database db;
        if (!db.open(path) || Importer::importBundled(db).failed)
            return {};
        if (withoutStories) {
            StoryStore stories(db);
            for (const Story &story : stories.stories())
                stories.deleteStory(story.id);
        }
        return path;
    }

    static QAction *menuAction(QMenu &menu, const QString &objectName)
    {
        for (QAction *action : menu.actions()) {
            if (action->objectName() == objectName)
                return action;
        }
        return nullptr;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void addIncidentAndViewFromTheTimelinesMenus()
    {
        const QString path = makeDocument(QStringLiteral("add.faultline"), false);
        QVERIFY(!path.isEmpty());
        MainWindow window;
        window.resize(1000, 650);
        window.show();
        QVERIFY(window.openDocument(path));
        QTRY_VERIFY(window.document()->columns() && window.document()->columns()->size() > 0);
        auto *pane = window.findChild<StoryPane *>();
        QVERIFY(pane);
        QTRY_VERIFY(pane->currentStoryId() > 0);
        const int before = pane->stepsModel()->rowCount();
        QCOMPARE(before, 5);
        const auto columns = window.document()->columns();
        const qint64 found = columns->indexOfId(QStringLiteral("fl-2007-de-chancellery-trojans"));
        QVERIFY(found >= 0);
        const auto incident = IncidentColumns::Index(found);

        QMenu incidentMenu;
        window.timeline()->fillIncidentMenu(&incidentMenu, incident);
        QAction *addIncident = menuAction(incidentMenu, QStringLiteral("addIncidentToStory"));
        QVERIFY(addIncident);
        QCOMPARE(addIncident->text(), QStringLiteral("Add to Story"));
        addIncident->trigger();
        QCOMPARE(pane->stepsModel()->rowCount(), before + 1);
        const int added = pane->currentRow(); // a step goes after the chosen one
        QVERIFY(added >= 0);
        QCOMPARE(pane->stepsModel()->step(added).incidentId, columns->id(incident));
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("storyDock"))->isVisible());

        QMenu rowMenu;
        window.timeline()->fillRowMenu(&rowMenu, 0);
        QAction *addView = menuAction(rowMenu, QStringLiteral("addViewToStory"));
        QVERIFY(addView);
        addView->trigger();
        QCOMPARE(pane->stepsModel()->rowCount(), before + 2);
        QCOMPARE(pane->currentRow(), added + 1);
        const StoryStep view = pane->stepsModel()->step(added + 1);
        QVERIFY(!view.isIncident());
        QCOMPARE(view.view.value(QStringLiteral("firstDay")).toDouble(), window.timeline()->firstDay());
        // Stored in the document at once.
        const std::optional<Story> stored = StoryStore(*window.document()->database()).story(pane->currentStoryId());
        QVERIFY(stored);
        QCOMPARE(stored->steps.size(), before + 2);
        QCOMPARE(stored->steps.at(added).incidentId, columns->id(incident));
        QVERIFY(!stored->steps.at(added + 1).isIncident());
    }

    // A document without stories gets one to hold the step.
    void addingToADocumentWithoutStoriesMakesOne()
    {
        const QString path = makeDocument(QStringLiteral("empty.faultline"), true);
        QVERIFY(!path.isEmpty());
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(path));
        QTRY_VERIFY(window.document()->columns() && window.document()->columns()->size() > 0);
        auto *pane = window.findChild<StoryPane *>();
        QCOMPARE(pane->currentStoryId(), 0);
        QMenu menu;
        window.timeline()->fillIncidentMenu(&menu, 0);
        menuAction(menu, QStringLiteral("addIncidentToStory"))->trigger();
        QVERIFY(pane->currentStoryId() > 0);
        QCOMPARE(pane->stepsModel()->rowCount(), 1);
        const QList<Story> stories = StoryStore(*window.document()->database()).stories();
        QCOMPARE(stories.size(), 1);
        QCOMPARE(stories.first().steps.size(), 1);
    }

    void highContrastSettingIsRemembered()
    {
        QSettings().remove(QStringLiteral("presentation/highContrast"));
        {
            MainWindow window;
            auto *action = window.findChild<QAction *>(QStringLiteral("highContrastPresentationAction"));
            QVERIFY(action);
            QVERIFY(!action->isChecked());
            action->trigger();
            QVERIFY(PresentationTheme::highContrastSetting());
        }
        MainWindow again;
        QVERIFY(again.findChild<QAction *>(QStringLiteral("highContrastPresentationAction"))->isChecked());
        QSettings().remove(QStringLiteral("presentation/highContrast"));
    }

    // One action is the truth for the menu and the H key: H while presenting checks View >
    // High-Contrast Presentation, and the menu switches the running presentation.
    void highContrastCheckMarkFollowsTheHKey()
    {
        QSettings().remove(QStringLiteral("presentation/highContrast"));
        const QString path = makeDocument(QStringLiteral("contrast.faultline"), false);
        QVERIFY(!path.isEmpty());
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(path));
        QTRY_VERIFY(window.document()->columns() && window.document()->columns()->size() > 0);
        auto *contrast = window.findChild<QAction *>(QStringLiteral("highContrastPresentationAction"));
        QVERIFY(contrast);
        QVERIFY(!contrast->isChecked());
        window.findChild<QAction *>(QStringLiteral("presentAction"))->trigger();
        QPointer<Presentation> p = window.findChild<Presentation *>();
        QVERIFY(p);
        QCOMPARE(p->highContrastAction(), contrast);
        QVERIFY(!p->isHighContrast());
        QTest::keyClick(p.data(), Qt::Key_H);
        QVERIFY(p->isHighContrast());
        QVERIFY(contrast->isChecked());
        QVERIFY(PresentationTheme::highContrastSetting());
        contrast->trigger();
        QVERIFY(!p->isHighContrast());
        QVERIFY(!PresentationTheme::highContrastSetting());
        QTest::keyClick(p.data(), Qt::Key_H);
        QTest::keyClick(p.data(), Qt::Key_Escape);
        QTRY_VERIFY(!p);
        // The action outlives the presentation and keeps the last choice.
        QVERIFY(contrast->isChecked());
        QVERIFY(PresentationTheme::highContrastSetting());
        QSettings().remove(QStringLiteral("presentation/highContrast"));
    }
};

QTEST_MAIN(TestStoryActions)
#include "tst_storyactions.moc"
