#include "document/documentcontroller.h"
#include "import/importer.h"
#include "mainwindow.h"
#include "present/presentation.h"
#include "present/storyactions.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "story/storystore.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
#include <QPointer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Presentation mode driven with key events, offscreen: the bundled Albania story.
class TestPresentation : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    Database m_db;
    std::shared_ptr<const IncidentColumns> m_columns;
    Story m_story;

    Presentation *makePresentation(QSize size)
    {
        auto *store = new IncidentStore(m_db);
        auto lookup = [store](const QString &id) { return store->incident(id); };
        auto *presentation = new Presentation(m_story, m_columns, lookup);
        connect(presentation, &QObject::destroyed, presentation, [store] { delete store; });
        presentation->setAttribute(Qt::WA_DeleteOnClose, false);
        presentation->resize(size);
        presentation->show();
        presentation->goTo(0);
        return presentation;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_path = m_dir.filePath(QStringLiteral("present.faultline"));
        QVERIFY(m_db.open(m_path));
        QVERIFY(!Importer::importBundled(m_db).failed);
        m_columns = std::make_shared<const IncidentColumns>(IncidentStore(m_db).loadColumns());
        m_story = StoryStore(m_db).stories().value(0);
        QCOMPARE(m_story.steps.size(), 5);
    }

    void keysWalkTheStory()
    {
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        QCOMPARE(p->currentStep(), 0);
        QVERIFY(p->progressText().startsWith(QStringLiteral("step 1 of 5")));
        QVERIFY(p->cardText().contains(QStringLiteral("e-Albania")));
        QVERIFY(p->cardText().contains(QStringLiteral("2022-07-15 (dated to the day)")));
        QVERIFY(p->cardText().contains(QStringLiteral("Victim: Albania · Attacker: Iran")));
        QVERIFY(p->cardText().contains(QStringLiteral("Sources: ANI, bne IntelliNews")));
        QVERIFY(p->cardText().contains(QStringLiteral("on Friday 15 July 2022")));
        for (Qt::Key key : { Qt::Key_Right, Qt::Key_Down, Qt::Key_Space, Qt::Key_PageDown }) {
            const int before = p->currentStep();
            QTest::keyClick(p.get(), key);
            QCOMPARE(p->currentStep(), before + 1);
        }
        QCOMPARE(p->currentStep(), 4);
        QTest::keyClick(p.get(), Qt::Key_Right); // stays on the last step
        QCOMPARE(p->currentStep(), 4);
        QVERIFY(p->cardText().isEmpty()); // a view step: heading, no card
        QCOMPARE(p->headingText(), m_story.steps.at(4).heading);
        QVERIFY(p->progressText().startsWith(QStringLiteral("step 5 of 5")));
        for (Qt::Key key : { Qt::Key_Left, Qt::Key_Up, Qt::Key_PageUp, Qt::Key_Backspace }) {
            const int before = p->currentStep();
            QTest::keyClick(p.get(), key);
            QCOMPARE(p->currentStep(), before - 1);
        }
        QCOMPARE(p->currentStep(), 0);
        QTest::keyClick(p.get(), Qt::Key_End);
        QCOMPARE(p->currentStep(), 4);
        QTest::keyClick(p.get(), Qt::Key_Home);
        QCOMPARE(p->currentStep(), 0);
        QTest::keyClick(p.get(), Qt::Key_Return);
        QCOMPARE(p->currentStep(), 1);
        QTest::keyClick(p.get(), Qt::Key_3);
        QCOMPARE(p->currentStep(), 1); // a digit alone does not move
        QTest::keyClick(p.get(), Qt::Key_Return);
        QCOMPARE(p->currentStep(), 2);
        QVERIFY(p->cardText().contains(QStringLiteral("TIMS")));
    }

    void stepsAnimateTheTimeline()
    {
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        QTest::keyClick(p.get(), Qt::Key_End);
        QVERIFY(p->isAnimating());
        QTRY_VERIFY(!p->isAnimating());
        const QVariantMap view = m_story.steps.at(4).view;
        QCOMPARE(p->timeline()->firstDay(), view.value(QStringLiteral("firstDay")).toDouble());
        QCOMPARE(p->timeline()->endDay(), view.value(QStringLiteral("endDay")).toDouble());
        QVERIFY(p->timeline()->rows()->rowCount() >= 1);
        QTest::keyClick(p.get(), Qt::Key_Home);
        QTRY_VERIFY(!p->isAnimating());
        const qint64 july = m_columns->indexOfId(m_story.steps.at(0).incidentId);
        QVERIFY(p->timeline()->firstDay() < m_columns->firstDay[july]);
        QVERIFY(p->timeline()->endDay() > m_columns->lastDay[july]);
        QCOMPARE(
            p->timeline()->selectedIncidents(), std::vector<IncidentColumns::Index> { IncidentColumns::Index(july) });
    }

    void blankAndNotes()
    {
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        QVERIFY(!p->isBlank());
        QTest::keyClick(p.get(), Qt::Key_B);
        QVERIFY(p->isBlank());
        QTest::keyClick(p.get(), Qt::Key_B);
        QVERIFY(!p->isBlank());
        QVERIFY(!p->notesShown());
        QTest::keyClick(p.get(), Qt::Key_P);
        QVERIFY(p->notesShown());
        QTest::keyClick(p.get(), Qt::Key_P);
        QVERIFY(!p->notesShown());
    }

    void fontSizesAreLegible_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x720") << QSize(1280, 720);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    // The sizes the layout chose, as set on the widgets: body >= 28 px, titles >= 40 px.
    void fontSizesAreLegible()
    {
        QFETCH(QSize, size);
        std::unique_ptr<Presentation> p(makePresentation(size));
        QCOMPARE(p->size(), size);
        const int title = p->titleFont().pixelSize();
        const int body = p->bodyFont().pixelSize();
        qInfo("%dx%d: title %d px, body %d px", size.width(), size.height(), title, body);
        QVERIFY(title >= 40);
        QVERIFY(body >= 28);
        QCOMPARE(title, p->presentationLayout().titlePx);
        QCOMPARE(body, p->presentationLayout().bodyPx);
        if (size.height() > 720)
            QVERIFY(body > 28); // scales up with the screen
        // The card fits on the screen beside the timeline.
        QVERIFY(QRect(QPoint(0, 0), size).contains(p->presentationLayout().card));
        QVERIFY(!p->presentationLayout().card.intersects(p->presentationLayout().timelineWithCard));
    }

    // F5 opens the presentation full screen; Escape leaves it and the window is as it was.
    void escapeRestoresTheWindow()
    {
        MainWindow window;
        window.resize(1000, 650);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openDocument(m_path));
        QTRY_VERIFY(window.document()->columns() && window.document()->columns()->size() > 0);
        const QRect geometry = window.geometry();
        const Qt::WindowStates states = window.windowState();
        const double first = window.timeline()->firstDay(), end = window.timeline()->endDay();
        auto *action = window.findChild<QAction *>(QStringLiteral("presentAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F5));
        action->trigger();
        QPointer<Presentation> p = window.findChild<Presentation *>();
        QVERIFY(p);
        QVERIFY(p->isVisible());
        QVERIFY(p->windowState() & Qt::WindowFullScreen);
        QCOMPARE(p->stepCount(), 5);
        QTest::keyClick(p.data(), Qt::Key_Right);
        QTest::keyClick(p.data(), Qt::Key_Escape);
        QTRY_VERIFY(!p);
        QCOMPARE(window.geometry(), geometry);
        QCOMPARE(window.windowState(), states);
        QCOMPARE(window.timeline()->firstDay(), first);
        QCOMPARE(window.timeline()->endDay(), end);
    }
};

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"
