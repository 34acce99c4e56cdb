#include "render/dateticks.h"

#include <QDate>
#include <QFont>
#include <QTest>

// DateTicks: calendar-aware two-tier ticks. Checked by properties (contiguous intervals that
// cover the range, aligned to the calendar, labels that fit) and by the expected units.
class TestDateTicks : public QObject
{
    Q_OBJECT

private slots:
    void tiers_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to"); // exclusive
        QTest::addColumn<double>("width");
        QTest::addColumn<int>("minorUnit");
        QTest::addColumn<int>("majorUnit"); // -1: no major tier expected

        using U = DateTicks::Unit;
        QTest::newRow("one day visible") << QDate(2022, 7, 17) << QDate(2022, 7, 18) << 1200.0 << int(U::Day)
                                         << int(U::Month);
        QTest::newRow("leap february") << QDate(2024, 2, 1) << QDate(2024, 3, 1) << 1400.0 << int(U::Day)
                                       << int(U::Month);
        QTest::newRow("month ends") << QDate(2023, 1, 25) << QDate(2023, 3, 5) << 900.0 << int(U::Day) << int(U::Month);
        QTest::newRow("a quarter, narrow")
            << QDate(2023, 1, 1) << QDate(2023, 4, 1) << 400.0 << int(U::Week) << int(U::Month);
        QTest::newRow("one year") << QDate(2022, 1, 1) << QDate(2023, 1, 1) << 1200.0 << int(U::Month) << int(U::Year);
        QTest::newRow("26 years") << QDate(2000, 1, 1) << QDate(2027, 1, 1) << 1700.0 << int(U::Year) << int(U::Year);
        QTest::newRow("26 years narrow") << QDate(2000, 1, 1) << QDate(2027, 1, 1) << 300.0 << int(U::Year)
                                         << int(U::Year);
        QTest::newRow("years 1 to 9999") << QDate(1, 1, 1) << QDate(9999, 12, 31) << 1000.0 << int(U::Year) << -1;
        QTest::newRow("tiny width") << QDate(2000, 1, 1) << QDate(2027, 1, 1) << 20.0 << int(U::Year) << -1;
    }

    void tiers()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(double, width);
        QFETCH(int, minorUnit);
        QFETCH(int, majorUnit);
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPixelSize(11);
        const QFontMetricsF fm(font);
        const double first = double(from.toJulianDay());
        const double end = double(to.toJulianDay());
        const DateTicks ticks = DateTicks::compute(first, end, width, fm);

        QCOMPARE(int(ticks.minor.unit), minorUnit);
        if (majorUnit >= 0) {
            QCOMPARE(int(ticks.major.unit), majorUnit);
            QVERIFY(!ticks.major.ticks.empty());
        }
        const double pxPerDay = width / (end - first);
        for (const DateTicks::Tier *tier : { &ticks.minor, &ticks.major }) {
            if (tier->ticks.empty())
                continue;
            // The tier covers the visible range without gaps.
            QVERIFY(double(tier->ticks.front().day) <= std::max(first, double(DateTicks::minDay())));
            QVERIFY(double(tier->ticks.back().endDay) >= std::min(end, double(DateTicks::maxDayExclusive())));
            for (std::size_t k = 0; k < tier->ticks.size(); ++k) {
                const DateTicks::Tick &t = tier->ticks[k];
                QVERIFY(t.endDay > t.day);
                QVERIFY(!t.label.isEmpty());
                if (k + 1 < tier->ticks.size())
                    QCOMPARE(t.endDay, tier->ticks[k + 1].day);
                const QDate d = QDate::fromJulianDay(t.day);
                switch (tier->unit) {
                case DateTicks::Unit::Week:
                    QCOMPARE(d.dayOfWeek(), 1);
                    break;
                case DateTicks::Unit::Month:
                    QCOMPARE(d.day(), 1);
                    QCOMPARE((d.month() - 1) % tier->step, 0);
                    break;
                case DateTicks::Unit::Year:
                    QCOMPARE(d.day(), 1);
                    QCOMPARE(d.month(), 1);
                    QVERIFY(d.year() == 1 || d.year() % tier->step == 0);
                    break;
                case DateTicks::Unit::Day:
                    break;
                }
            }
        }
        // Minor labels fit their (shortest) interval, unless even the coarsest step cannot.
        if (width >= 100) {
            for (const DateTicks::Tick &t : ticks.minor.ticks) {
                const double room = double(t.endDay - t.day) * pxPerDay;
                QVERIFY2(room >= fm.horizontalAdvance(t.label), qPrintable(t.label));
            }
        }
    }

    void leapDayAndMonthEnds()
    {
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPixelSize(11);
        const QFontMetricsF fm(font);
        const DateTicks ticks
            = DateTicks::compute(QDate(2024, 2, 27).toJulianDay(), QDate(2024, 3, 3).toJulianDay(), 800, fm);
        QStringList days;
        for (const DateTicks::Tick &t : ticks.minor.ticks)
            days << t.label;
        QCOMPARE(days,
            QStringList({ QStringLiteral("27"), QStringLiteral("28"), QStringLiteral("29"), QStringLiteral("1"),
                QStringLiteral("2") }));
        QCOMPARE(ticks.major.ticks.size(), std::size_t(2)); // February and March
        QCOMPARE(ticks.major.ticks[0].endDay, QDate(2024, 3, 1).toJulianDay());

        const DateTicks plain
            = DateTicks::compute(QDate(2023, 2, 27).toJulianDay(), QDate(2023, 3, 2).toJulianDay(), 800, fm);
        QCOMPARE(plain.minor.ticks.size(), std::size_t(3)); // 27, 28, 1: no 29 February in 2023
    }

    void degenerateInput_data()
    {
        QTest::addColumn<double>("first");
        QTest::addColumn<double>("end");
        QTest::addColumn<double>("width");
        QTest::newRow("empty range") << 2459000.0 << 2459000.0 << 800.0;
        QTest::newRow("reversed") << 2459010.0 << 2459000.0 << 800.0;
        QTest::newRow("zero width") << 2459000.0 << 2459100.0 << 0.0;
        QTest::newRow("before year 1") << -1000.0 << 10.0 << 800.0;
    }

    void degenerateInput()
    {
        QFETCH(double, first);
        QFETCH(double, end);
        QFETCH(double, width);
        const DateTicks ticks = DateTicks::compute(first, end, width, QFontMetricsF(QFont()));
        QVERIFY(ticks.minor.ticks.empty());
        QVERIFY(ticks.major.ticks.empty());
    }
};

QTEST_MAIN(TestDateTicks)
#include "tst_dateticks.moc"
