#include "document/documentcontroller.h"
#include "import/importer.h"
#include "mainwindow.h"
#include "present/presentation.h"
#include "present/presentationcard.h"
#include "present/presentationstage.h"
#include "present/presenterview.h"
#include "present/storyactions.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "story/storystore.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QPointer>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QVariantAnimation>

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
        QVERIFY(p->cardText().contains(QStringLiteral("15 July 2022 (dated to the day)")));
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

    // Once a step has arrived, the next step's rows are built on a worker thread, and the
    // step change uses them.
    void nextStepsRowsAreBuiltAhead()
    {
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        QTRY_VERIFY(!p->isAnimating());
        const qint64 next = m_columns->indexOfId(m_story.steps.at(1).incidentId);
        QVERIFY(next >= 0);
        // September's countries are July's (Albania, Iran): nothing to build.
        QVERIFY(!p->timeline()->isPrepared(QStringList { QStringLiteral("AL"), QStringLiteral("IR") }));
        p->goTo(3); // December 2023: Albania; the next step is the region view
        QTRY_VERIFY(!p->isAnimating());
        QThreadPool *workers = p->findChild<QThreadPool *>();
        QVERIFY(workers);
        QTRY_COMPARE(workers->activeThreadCount(), 0);
        QTest::qWait(Presentation::s_prepareDelayMs + 50);
        QTRY_COMPARE(workers->activeThreadCount(), 0);
        // The step before (TIMS: Albania, Iran) is prepared from here.
        QVERIFY(p->timeline()->isPrepared(QStringList { QStringLiteral("AL"), QStringLiteral("IR") }));
        QTest::keyClick(p.get(), Qt::Key_Left);
        QCOMPARE(p->currentStep(), 2);
        QVERIFY(!p->timeline()->isPrepared(QStringList { QStringLiteral("AL"), QStringLiteral("IR") }));
        QCOMPARE(p->timeline()->targetRowKeys(), QStringList({ QStringLiteral("AL"), QStringLiteral("IR") }));
    }

    // At a projector's 1280x720 every incident step's card shows its whole summary (two to
    // four sentences) at the legible sizes: nothing is cut or elided.
    void cardsShowWholeSummaries()
    {
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        IncidentStore store(m_db);
        int cards = 0;
        for (int k = 0; k < m_story.steps.size(); ++k) {
            const StoryStep &step = m_story.steps.at(k);
            if (!step.isIncident())
                continue;
            p->goTo(k);
            const std::optional<Incident> incident = store.incident(step.incidentId);
            QVERIFY(incident);
            QVERIFY(p->bodyFont().pixelSize() >= 28);
            QVERIFY(p->titleFont().pixelSize() >= 40);
            QVERIFY2(p->cardText().contains(incident->summary), qPrintable(p->cardText()));
            ++cards;
        }
        QCOMPARE(cards, 4);
    }

    // An incident step shows its countries' rows only, larger than the window's rows; the
    // view step shows the view's rows; the rows change with the animation.
    void stageNarrowsToTheStepsRows()
    {
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        QTRY_VERIFY(!p->isAnimating());
        PresentationStage *stage = p->timeline();
        const QStringList keys = stage->targetRowKeys();
        QVERIFY(!keys.isEmpty());
        QCOMPARE(keys.first(), QStringLiteral("AL"));
        for (const QString &key : keys)
            QVERIFY2(QStringList({ QStringLiteral("AL"), QStringLiteral("IR") }).contains(key), qPrintable(key));
        QVERIFY(stage->rows()->rowCount() <= 2);
        QVERIFY(stage->scale() > 1.2);
        QVERIFY(stage->rowHeight() > 26); // the window's rows are 26 units high
        QVERIFY(stage->rowHeight() <= PresentationStage::s_maxRowHeight);
        QVERIFY(stage->width() < p->width() / 2); // the narrow column beside the card

        QTest::keyClick(p.get(), Qt::Key_End);
        QVERIFY(p->isAnimating());
        QTRY_VERIFY(!p->isAnimating());
        const auto viewRows = stage->rows();
        QVERIFY(viewRows->rowCount() >= 2);
        QCOMPARE(stage->targetRowKeys().first(), viewRows->row(0).key);
        QVERIFY(stage->width() > p->width() * 9 / 10);
        QVERIFY(stage->rowHeight() >= PresentationStage::s_minRowHeight);

        // Halfway back, the camera is between the view's rows and Albania's.
        QTest::keyClick(p.get(), Qt::Key_Home);
        auto *animation = p->findChild<QVariantAnimation *>();
        animation->pause();
        animation->setCurrentTime(Presentation::s_animationMs / 2);
        const double halfway = stage->firstDay();
        animation->setCurrentTime(Presentation::s_animationMs);
        QVERIFY(stage->firstDay() != halfway);
        QCOMPARE(stage->targetRowKeys().first(), QStringLiteral("AL"));
    }

    void cardShowsFlags()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/share/iso-flags-svg/country-4x3/al.svg")))
            QSKIP("iso-flags-svg is not installed");
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        QCOMPARE(p->card()->flagCodes(), QStringList({ QStringLiteral("AL"), QStringLiteral("IR") }));
    }

    // A click on a mark opens that incident as an aside; Escape returns to the story, and
    // only a second Escape leaves.
    void clickedMarkOpensAnAside()
    {
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        QTest::keyClick(p.get(), Qt::Key_End); // the view step: many marks, no card
        QTRY_VERIFY(!p->isAnimating());
        PresentationStage *stage = p->timeline();
        QVERIFY(p->cardText().isEmpty());
        const TimelineLayout &layout = stage->timelineLayout();
        QPointF at;
        qint64 clicked = -1;
        for (const TimelineLayout::RowPlan &plan : layout.rowPlans()) {
            for (const auto &marks : { plan.points, plan.bars }) {
                if (clicked < 0 && !marks.empty()) {
                    const QPointF centre = marks.front().rect.center();
                    if (layout.hitTest(centre).incident >= 0) {
                        at = centre * stage->scale();
                        clicked = layout.hitTest(centre).incident;
                    }
                }
            }
        }
        QVERIFY(clicked >= 0);
        QTest::mouseClick(stage, Qt::LeftButton, Qt::NoModifier, at.toPoint());
        QVERIFY(p->isAside());
        QVERIFY(p->cardText().contains(m_columns->title(IncidentColumns::Index(clicked))));
        QVERIFY(p->cardText().startsWith(QStringLiteral("Aside")));
        QCOMPARE(p->currentStep(), 4);
        QTest::keyClick(p.get(), Qt::Key_Escape);
        QVERIFY(!p->isAside());
        QVERIFY(p->isVisible());
        QVERIFY(p->cardText().isEmpty());
        QCOMPARE(p->headingText(), m_story.steps.at(4).heading);
        // A click on the aside card returns too.
        p->showAside(quint32(clicked));
        QVERIFY(p->isAside());
        QTest::mouseClick(p->card(), Qt::LeftButton);
        QVERIFY(!p->isAside());
        QTest::keyClick(p.get(), Qt::Key_Escape);
        QVERIFY(!p->isVisible());
    }

    // H switches the high-contrast theme; the choice is remembered by the next presentation.
    void highContrastIsRemembered()
    {
        QSettings().remove(QStringLiteral("presentation/highContrast"));
        {
            std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
            QVERIFY(!p->isHighContrast());
            const QColor before = p->timeline()->frame().theme.background;
            QTest::keyClick(p.get(), Qt::Key_H);
            QVERIFY(p->isHighContrast());
            QCOMPARE(p->timeline()->frame().theme.background, QColor(Qt::black));
            QVERIFY(before != QColor(Qt::black));
            QCOMPARE(p->palette().color(QPalette::Window), QColor(Qt::black));
            QCOMPARE(p->palette().color(QPalette::WindowText), QColor(Qt::white));
        }
        {
            std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
            QVERIFY(p->isHighContrast());
            QTest::keyClick(p.get(), Qt::Key_H);
            QVERIFY(!p->isHighContrast());
        }
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        QVERIFY(!p->isHighContrast());
    }

    // The presenter view: the current and next step, the notes, a clock and the elapsed
    // time; it follows the presentation, and its keys drive it.
    void presenterViewFollowsTheStory()
    {
        std::unique_ptr<Presentation> p(makePresentation(QSize(1280, 720)));
        PresenterView *view = p->showPresenterView(QGuiApplication::primaryScreen());
        QVERIFY(view);
        QVERIFY(view->currentText().startsWith(QStringLiteral("Step 1 of 5: ")));
        QVERIFY(view->currentText().endsWith(m_story.steps.at(0).heading));
        QCOMPARE(view->notesText(), m_story.steps.at(0).notes);
        QCOMPARE(view->nextText(), QStringLiteral("Next: ") + m_story.steps.at(1).heading);
        QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d$")).match(view->clockText()).hasMatch());
        QVERIFY(view->elapsedText().startsWith(QStringLiteral("0:00:0")));
        QTest::keyClick(view, Qt::Key_PageDown);
        QCOMPARE(p->currentStep(), 1);
        QVERIFY(view->currentText().startsWith(QStringLiteral("Step 2 of 5: ")));
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->nextText(), QStringLiteral("Next: the end of the story"));
        QPointer<PresenterView> guard(view);
        QTest::keyClick(view, Qt::Key_Escape); // leaves the presentation, and the view with it
        QTRY_VERIFY(!guard || !guard->isVisible());
        QVERIFY(!p->isVisible());
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
