#include "present/screenplan.h"

#include <QTest>

// Which screen gets the presentation and which the presenter view, from geometries alone.
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
};

QTEST_GUILESS_MAIN(TestScreenPlan)
#include "tst_screenplan.moc"
