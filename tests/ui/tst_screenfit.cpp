// Keeping the window on its screen: the first size fits a laptop or projector, and a geometry
// saved on a larger screen is brought back inside a smaller one.
#include "window/screenfit.h"

#include <QTest>

class TestScreenFit : public QObject
{
    Q_OBJECT
private slots:
    void firstSizeFitsTheAvailableGeometry_data()
    {
        QTest::addColumn<QRect>("available");
        QTest::newRow("laptop 1366x768, panel") << QRect(0, 0, 1366, 736);
        QTest::newRow("projector 1280x720") << QRect(0, 0, 1280, 720);
        QTest::newRow("desktop 1600x1000") << QRect(0, 32, 1600, 968);
        QTest::newRow("second screen") << QRect(1920, 0, 1280, 720);
    }

    void firstSizeFitsTheAvailableGeometry()
    {
        QFETCH(QRect, available);
        const QSize size = ScreenFit::firstSize(QSize(1500, 940), available);
        QVERIFY(size.width() <= available.width() - 40);
        QVERIFY(size.height() <= available.height() - 60); // room for the title bar
        // Never smaller than needed: on a large screen the preferred size is kept.
        const QSize big = ScreenFit::firstSize(QSize(1500, 940), QRect(0, 0, 2560, 1400));
        QCOMPARE(big, QSize(1500, 940));
    }

    void clampedLiesInside_data()
    {
        QTest::addColumn<QRect>("frame");
        QTest::addColumn<QRect>("available");
        QTest::newRow("saved on a large screen") << QRect(100, 60, 1500, 940) << QRect(0, 0, 1280, 720);
        QTest::newRow("off to the right") << QRect(1200, 100, 600, 400) << QRect(0, 0, 1366, 768);
        QTest::newRow("above the top") << QRect(10, -300, 600, 400) << QRect(0, 0, 1366, 768);
        QTest::newRow("on another screen") << QRect(2000, 100, 1800, 1000) << QRect(1920, 0, 1280, 720);
    }

    void clampedLiesInside()
    {
        QFETCH(QRect, frame);
        QFETCH(QRect, available);
        const QRect r = ScreenFit::clamped(frame, available);
        QVERIFY2(available.contains(r),
            qPrintable(QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height())));
        QCOMPARE(r.size(), frame.size().boundedTo(available.size()));
        // A frame that already fits is left alone.
        const QRect inside(available.topLeft() + QPoint(10, 10), QSize(300, 200));
        QCOMPARE(ScreenFit::clamped(inside, available), inside);
    }
};

QTEST_MAIN(TestScreenFit)
#include "tst_screenfit.moc"
