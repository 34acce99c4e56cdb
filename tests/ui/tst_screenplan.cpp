#include "present/presentation.h"
#include "present/presenterview.h"
#include "present/screenplan.h"

#include <QApplication>
#include <QFile>
#include <QPointer>
#include <QScreen>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Which screen gets the presentation and which the presenter view: the choice from
// geometries alone, then the placement on two offscreen screens (a 1366x768 laptop and a
// 1280x720 projector, configured in main()).
class TestScreenPlan : public QObject
{
    Q_OBJECT
private slots:
    void noScreens()
    {
        const ScreenPlan plan = ScreenPlan::choose({}, 0);
        QCOMPARE(plan.audience, -1);
        QVERIFY(!plan.hasPresenterView());
    }

    void oneScreenHasNoPresenterView()
    {
        const ScreenPlan plan = ScreenPlan::choose({ QRect(0, 0, 1280, 720) }, 0);
        QCOMPARE(plan.audience, 0);
        QCOMPARE(plan.presenter, -1);
        QVERIFY(!plan.hasPresenterView());
    }

    // The laptop is the screen the window is on, whichever index it has.
    void twoScreens()
    {
        const QList<QRect> screens { QRect(0, 0, 1366, 768), QRect(1366, 0, 1280, 720) };
        ScreenPlan plan = ScreenPlan::choose(screens, 0);
        QCOMPARE(plan.presenter, 0);
        QCOMPARE(plan.audience, 1);
        plan = ScreenPlan::choose(screens, 1);
        QCOMPARE(plan.presenter, 1);
        QCOMPARE(plan.audience, 0);
    }

    // An unknown window screen counts as the first.
    void unknownWindowScreen()
    {
        const QList<QRect> screens { QRect(0, 0, 1920, 1080), QRect(1920, 0, 1280, 720) };
        const ScreenPlan plan = ScreenPlan::choose(screens, -1);
        QCOMPARE(plan.presenter, 0);
        QCOMPARE(plan.audience, 1);
    }

    // Of several other screens the largest is the audience's; the first wins a tie.
    void largestOtherScreenIsTheAudiences()
    {
        const QList<QRect> screens { QRect(0, 0, 1280, 800), QRect(1280, 0, 1024, 768), QRect(2304, 0, 1920, 1080),
            QRect(4224, 0, 1920, 1080) };
        ScreenPlan plan = ScreenPlan::choose(screens, 0);
        QCOMPARE(plan.audience, 2);
        QCOMPARE(plan.presenter, 0);
        plan = ScreenPlan::choose(screens, 2);
        QCOMPARE(plan.audience, 3);
    }

    void showFullScreenOnTheGivenScreen()
    {
        const QList<QScreen *> screens = QGuiApplication::screens();
        QCOMPARE(screens.size(), 2);
        for (QScreen *screen : screens) {
            QWidget window;
            ScreenPlan::showFullScreenOn(&window, screen);
            QVERIFY(window.isFullScreen());
            QCOMPARE(window.screen(), screen);
            QCOMPARE(window.windowHandle()->screen(), screen);
            QTRY_COMPARE(window.geometry(), screen->geometry());
        }
    }

    // Started from a window on the laptop, the presentation fills the projector and the
    // presenter view the laptop; Escape closes both.
    void presentationGoesToTheOtherScreen()
    {
        const QList<QScreen *> screens = QGuiApplication::screens();
        QCOMPARE(screens.size(), 2);
        QWidget laptopWindow;
        laptopWindow.setScreen(screens.at(0));
        laptopWindow.setGeometry(100, 100, 800, 500);
        laptopWindow.show();
        QCOMPARE(laptopWindow.screen(), screens.at(0));
        Story story;
        story.name = QStringLiteral("Two screens");
        for (const char *heading : { "First", "Second" }) {
            StoryStep step;
            step.heading = QString::fromLatin1(heading);
            step.notes = QStringLiteral("Notes for ") + step.heading;
            step.view.insert(QStringLiteral("firstDay"), 2459000.0);
            step.view.insert(QStringLiteral("endDay"), 2459400.0);
            story.steps << step;
        }
        QPointer<Presentation> presentation = new Presentation(story, nullptr, {}, &laptopWindow);
        presentation->start();
        QCOMPARE(presentation->screen(), screens.at(1));
        QTRY_COMPARE(presentation->geometry(), screens.at(1)->geometry());
        QVERIFY(presentation->isFullScreen());
        QPointer<PresenterView> view = presentation->presenterView();
        QVERIFY(view);
        QCOMPARE(view->screen(), screens.at(0));
        QTRY_COMPARE(view->geometry(), screens.at(0)->geometry());
        QVERIFY(view->isFullScreen());
        QVERIFY(view->notesText().contains(QStringLiteral("Notes for First")));
        QTest::keyClick(view.data(), Qt::Key_PageDown);
        QCOMPARE(presentation->currentStep(), 1);
        QTest::keyClick(view.data(), Qt::Key_Escape);
        QTRY_VERIFY(!presentation); // deleted on close
        QTRY_VERIFY(!view || !view->isVisible());
    }
};

// Two offscreen screens side by side, through the offscreen platform's configuration file.
int main(int argc, char *argv[])
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(R"({"screens": [
            {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768},
            {"name": "projector", "x": 1366, "y": 0, "width": 1280, "height": 720}]})")
            < 0)
        return 1;
    file.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toLocal8Bit());
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    TestScreenPlan test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_screenplan.moc"
