#include "domain/countries.h"
#include "render/timelinelayout.h"
#include "render/timelinerows.h"
#include "timelinetestdata.h"

#include <QFontMetricsF>
#include <QHash>
#include <QTest>
#include <numeric>
#include <random>

using namespace Qt::StringLiterals;

// TimelineRows (grouping, order, the per-row search arrays) and TimelineLayout (mappings,
// mark geometry, crowding decision, hit testing) as values.
class TestTimelineLayout : public QObject
{
    Q_OBJECT

private:
    using Index = IncidentColumns::Index;

    static std::shared_ptr<const TimelineRows> rowsOf(IncidentColumns columns, RowOptions options = {})
    {
        auto shared = std::make_shared<const IncidentColumns>(std::move(columns));
        std::vector<Index> all(shared->size());
        std::iota(all.begin(), all.end(), 0u);
        return TimelineRows::build(shared, all, options);
    }

    static IncidentColumns sample()
    {
        using TimelineTestData::make;
        TestSupport::IncidentColumnsBuilder b;
        b.add(make(QStringLiteral("a"), QStringLiteral("A"), PartialDate::day(2022, 7, 17), { QStringLiteral("AL") },
            IncidentType::Destructive, Attribution::Official, PartialDate::day(2022, 7, 18)));
        b.add(make(QStringLiteral("b"), QStringLiteral("B"), PartialDate::month(2022, 9),
            { QStringLiteral("AL"), QStringLiteral("ME") }, IncidentType::DataTheft));
        b.add(make(QStringLiteral("c"), QStringLiteral("C"), PartialDate::year(2021), { QStringLiteral("US") },
            IncidentType::Espionage));
        b.add(make(QStringLiteral("d"), QStringLiteral("D"), PartialDate::day(2020, 2, 29), { QStringLiteral("US") },
            IncidentType::Ddos));
        b.add(make(QStringLiteral("e"), QStringLiteral("E"), PartialDate::day(2023, 1, 31), { QStringLiteral("AL") },
            IncidentType::Ransomware));
        return b.take();
    }

    static TimelineFrame frameFor(
        std::shared_ptr<const TimelineRows> rows, QDate from, QDate to, QSizeF size = { 1000, 400 })
    {
        TimelineFrame f;
        f.rows = std::move(rows);
        f.firstDay = double(from.toJulianDay());
        f.endDay = double(to.toJulianDay());
        f.size = size;
        return f;
    }

    static bool ownSpan(const TimelineLayout::RowPlan &plan, const TimelineLayout::Label &label, const QRectF &r)
    {
        for (const TimelineLayout::Mark &m : plan.spans) {
            if (m.rect == r && qint64(m.incident) == label.incident)
                return m.rect.adjusted(1, 0, -1, 0).contains(label.rect);
        }
        return false;
    }

private slots:
    void grouping_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("sort");
        QTest::addColumn<int>("collapse");
        QTest::addColumn<QStringList>("hidden");
        QTest::addColumn<QStringList>("pinned");
        QTest::addColumn<QStringList>("expected"); // row keys in order

        const QStringList none;
        QTest::newRow("victims by count") << int(RowKey::VictimCountry) << int(RowSort::Count) << int(RegionLevel::None)
                                          << none << none << QStringList { u"AL"_s, u"US"_s, u"ME"_s };
        QTest::newRow("victims by name") << int(RowKey::VictimCountry) << int(RowSort::Name) << int(RegionLevel::None)
                                         << none << none << QStringList { u"AL"_s, u"ME"_s, u"US"_s };
        QTest::newRow("by first incident")
            << int(RowKey::VictimCountry) << int(RowSort::FirstIncident) << int(RegionLevel::None) << none << none
            << QStringList { u"US"_s, u"AL"_s, u"ME"_s };
        QTest::newRow("pinned first") << int(RowKey::VictimCountry) << int(RowSort::Count) << int(RegionLevel::None)
                                      << none << QStringList { u"ME"_s } << QStringList { u"ME"_s, u"AL"_s, u"US"_s };
        QTest::newRow("hidden") << int(RowKey::VictimCountry) << int(RowSort::Count) << int(RegionLevel::None)
                                << QStringList { u"AL"_s } << none << QStringList { u"US"_s, u"ME"_s };
        QTest::newRow("regions") << int(RowKey::VictimCountry) << int(RowSort::Count) << int(RegionLevel::Region)
                                 << none << none << QStringList { u"Europe"_s, u"Americas"_s };
        QTest::newRow("by region") << int(RowKey::VictimCountry) << int(RowSort::Region) << int(RegionLevel::None)
                                   << none << none << QStringList { u"US"_s, u"AL"_s, u"ME"_s };
        QTest::newRow("types") << int(RowKey::Type) << int(RowSort::Name) << int(RegionLevel::None) << none << none
                               << QStringList { u"data-theft"_s, u"ddos"_s, u"destructive"_s, u"espionage"_s,
                                      u"ransomware"_s };
        QTest::newRow("attackers") << int(RowKey::AttackerCountry) << int(RowSort::Count) << int(RegionLevel::None)
                                   << none << none << QStringList { QString() };
    }

    void grouping()
    {
        QFETCH(int, key);
        QFETCH(int, sort);
        QFETCH(int, collapse);
        QFETCH(QStringList, hidden);
        QFETCH(QStringList, pinned);
        QFETCH(QStringList, expected);
        RowOptions o;
        o.key = RowKey(key);
        o.sort = RowSort(sort);
        o.collapse = RegionLevel(collapse);
        o.hidden = hidden;
        o.pinned = pinned;
        const auto rows = rowsOf(sample(), o);
        QStringList keys;
        for (const TimelineRow &r : rows->rows()) {
            keys << r.key;
            QVERIFY(std::is_sorted(r.firstDay.begin(), r.firstDay.end()));
            QCOMPARE(r.incidents.size(), r.firstDay.size());
            QVERIFY(std::is_sorted(r.longReach.begin(), r.longReach.end()));
        }
        QCOMPARE(keys, expected);
        QCOMPARE(int(rows->hiddenRows().size()), int(hidden.size()));
    }

    void multiCountryIncidentIsInEachRow()
    {
        const auto rows = rowsOf(sample());
        const auto r = rows->rowsOf(1);
        QCOMPARE(r.size(), 2);
        QCOMPARE(rows->row(r[0]).key, u"AL"_s);
        QCOMPARE(rows->row(r[1]).key, u"ME"_s);
        QCOMPARE(rows->firstDay(), qint32(QDate(2020, 2, 29).toJulianDay()));
        QCOMPARE(rows->lastDay(), qint32(QDate(2023, 1, 31).toJulianDay()));
    }

    void candidatesFindLongIntervals()
    {
        // A year-precise incident of 2021 must be found from a window in December 2021.
        const auto rows = rowsOf(sample());
        const TimelineRow &us = rows->row(rows->rowOfKey(u"US"_s));
        std::vector<Index> found;
        us.forEachCandidate(QDate(2021, 12, 1).toJulianDay(), QDate(2021, 12, 31).toJulianDay(),
            [&](std::size_t k) { found.push_back(us.incidents[k]); });
        QCOMPARE(found, std::vector<Index> { 2 });
    }

    void mappings_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::newRow("one day") << QDate(2022, 7, 17) << QDate(2022, 7, 18);
        QTest::newRow("one month") << QDate(2022, 7, 1) << QDate(2022, 8, 1);
        QTest::newRow("26 years") << QDate(2000, 1, 1) << QDate(2026, 1, 1);
        QTest::newRow("years 1 to 9999") << QDate(1, 1, 1) << QDate(9999, 12, 31);
    }

    void mappings()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        const TimelineFrame frame = frameFor(rowsOf(sample()), from, to);
        const TimelineLayout l(frame);
        QCOMPARE(l.dayToX(frame.firstDay), l.plotRect().left());
        QVERIFY(qFuzzyCompare(l.dayToX(frame.endDay), l.plotRect().right()));
        for (double x : { l.plotRect().left(), l.plotRect().center().x(), l.plotRect().right() - 1 })
            QVERIFY(std::abs(l.dayToX(l.xToDay(x)) - x) < 1e-6);
        QCOMPARE(l.yToRow(l.rowToY(0) + 1), 0);
        QCOMPARE(l.yToRow(l.rowToY(2) + frame.rowHeight - 0.5), 2);
        QCOMPARE(l.yToRow(l.rowToY(3) + 1), -1); // below the last row
        QCOMPARE(l.yToRow(l.plotRect().top() - 1), -1);
        QVERIFY(l.axisRect().bottom() <= l.plotRect().top());
        QVERIFY(l.legendRect().top() >= l.plotRect().bottom());
    }

    void markGeometry()
    {
        const auto rows = rowsOf(sample());
        const TimelineFrame frame = frameFor(rows, QDate(2020, 1, 1), QDate(2023, 3, 1));
        const TimelineLayout l(frame);
        const int al = rows->rowOfKey(u"AL"_s);
        // A duration covers its first to its last day, inclusive.
        QCOMPARE(l.shapeOf(0), TimelineLayout::Shape::Bar);
        const QRectF bar = l.markRect(0, al);
        const double x17 = l.dayToX(QDate(2022, 7, 17).toJulianDay());
        const double x19 = l.dayToX(QDate(2022, 7, 19).toJulianDay());
        QVERIFY(qFuzzyCompare(bar.center().x(), (x17 + x19) / 2));
        QCOMPARE(bar.width(), std::max(4.0, x19 - x17)); // never thinner than 4 px
        // Month and year precision span the whole uncertain interval, never a point on the 1st.
        QCOMPARE(l.shapeOf(1), TimelineLayout::Shape::Span);
        const QRectF month = l.markRect(1, al);
        QVERIFY(qFuzzyCompare(month.width(), 30 * l.pixelsPerDay()));
        const QRectF year = l.markRect(2, rows->rowOfKey(u"US"_s));
        QVERIFY(qFuzzyCompare(year.width(), 365 * l.pixelsPerDay()));
        // A leap day is a point in the middle of 29 February.
        QCOMPARE(l.shapeOf(3), TimelineLayout::Shape::Point);
        QCOMPARE(l.markRect(3, rows->rowOfKey(u"US"_s)).center().x(), l.dayToX(QDate(2020, 2, 29).toJulianDay() + 0.5));
        // Marks sit in their row.
        QVERIFY(l.rowRect(al).contains(l.markRect(4, al).center()));
    }

    void hitTest()
    {
        const auto rows = rowsOf(sample());
        const TimelineFrame frame = frameFor(rows, QDate(2022, 6, 1), QDate(2023, 3, 1));
        const TimelineLayout l(frame);
        const int al = rows->rowOfKey(u"AL"_s);
        const int me = rows->rowOfKey(u"ME"_s);

        TimelineLayout::Hit hit = l.hitTest(l.markRect(4, al).center());
        QCOMPARE(hit.area, TimelineLayout::Area::Plot);
        QCOMPARE(hit.row, al);
        QCOMPARE(hit.incident, qint64(4));
        hit = l.hitTest(l.markRect(1, me).center());
        QCOMPARE(hit.incident, qint64(1));
        hit = l.hitTest(QPointF(l.headerRect().center().x(), l.rowToY(me) + 3));
        QCOMPARE(hit.area, TimelineLayout::Area::RowHeader);
        QCOMPARE(hit.row, me);
        hit = l.hitTest(QPointF(l.plotRect().center().x(), l.axisRect().center().y()));
        QCOMPARE(hit.area, TimelineLayout::Area::Axis);
        hit = l.hitTest(QPointF(l.plotRect().right() - 2, l.plotRect().bottom() - 2));
        QCOMPARE(hit.area, TimelineLayout::Area::Plot);
        QCOMPARE(hit.incident, qint64(-1));
        QCOMPARE(hit.row, -1);
    }

    void crowdingAndClusters_data()
    {
        QTest::addColumn<int>("perDay");
        QTest::addColumn<int>("days");
        QTest::addColumn<bool>("aggregated");
        QTest::addColumn<int>("clusters");
        QTest::newRow("sparse") << 1 << 20 << false << 0;
        QTest::newRow("same day") << 5 << 1 << false << 1;
        QTest::newRow("crowded") << 4 << 400 << true << 0;
    }

    void crowdingAndClusters()
    {
        QFETCH(int, perDay);
        QFETCH(int, days);
        QFETCH(bool, aggregated);
        QFETCH(int, clusters);
        TestSupport::IncidentColumnsBuilder b;
        const QDate start(2021, 1, 1);
        for (int d = 0; d < days; ++d) {
            const QDate day = start.addDays(days == 20 ? d * 20 : d);
            for (int k = 0; k < perDay; ++k)
                b.add(TimelineTestData::make(QStringLiteral("i%1-%2").arg(d).arg(k), QStringLiteral("T"),
                    PartialDate::day(day.year(), day.month(), day.day()), { u"FR"_s }, IncidentType::Espionage));
        }
        const TimelineFrame frame = frameFor(rowsOf(b.take()), start, start.addDays(400));
        const TimelineLayout l(frame);
        QCOMPARE(l.rowPlans().size(), std::size_t(1));
        const TimelineLayout::RowPlan &plan = l.rowPlans().front();
        QCOMPARE(plan.aggregated, aggregated);
        QCOMPARE(int(plan.clusters.size()), clusters);
        if (clusters)
            QCOMPARE(plan.clusters.front().count, perDay);
        if (aggregated) {
            const double total = std::accumulate(plan.buckets.begin(), plan.buckets.end(), 0.0);
            QVERIFY(std::abs(total - perDay * days) < 0.5);
            const TimelineLayout::Hit hit = l.hitTest(QPointF(l.plotRect().left() + 1, plan.rect.center().y()));
            QVERIFY(hit.isAggregate());
        }
    }

    void manyRowsScrolled()
    {
        TestSupport::IncidentColumnsBuilder b;
        const QStringList codes = Countries::instance().codes();
        const int n = std::min<int>(250, int(codes.size()));
        for (int k = 0; k < n; ++k)
            b.add(TimelineTestData::make(QStringLiteral("r%1").arg(k), QStringLiteral("T"),
                PartialDate::day(2020, 1, 1 + k % 28), { codes.at(k) }, IncidentType::Other));
        TimelineFrame frame = frameFor(rowsOf(b.take()), QDate(2020, 1, 1), QDate(2020, 2, 1), QSizeF(800, 600));
        const TimelineLayout top(frame);
        QCOMPARE(top.rowCount(), n);
        QCOMPARE(top.firstVisibleRow(), 0);
        QVERIFY(top.lastVisibleRow() < 30);
        frame.scrollY = top.maxScrollY();
        const TimelineLayout bottom(frame);
        QCOMPARE(bottom.lastVisibleRow(), n - 1);
        QVERIFY(bottom.rowToY(n - 1) + frame.rowHeight <= bottom.plotRect().bottom() + 0.01);
        QCOMPARE(int(bottom.rowPlans().size()), bottom.lastVisibleRow() - bottom.firstVisibleRow() + 1);
    }

    // Density buckets hold each visible incident's weight spread evenly over its days, whether
    // the row visits its incidents (few) or takes differences of cumulative day weights (busy,
    // TimelineRow::weightBefore): both equal a brute-force spread, and add up.
    void densityMatchesIncidents_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::newRow("visited, full") << 600 << QDate(2017, 12, 1) << QDate(2024, 2, 1);
        QTest::newRow("weights, full") << 3000 << QDate(2017, 12, 1) << QDate(2024, 2, 1);
        QTest::newRow("weights, one year") << 3000 << QDate(2020, 1, 1) << QDate(2021, 1, 1);
        QTest::newRow("weights, before and after") << 3000 << QDate(2016, 3, 1) << QDate(2019, 5, 17);
    }

    void densityMatchesIncidents()
    {
        QFETCH(int, n);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        std::mt19937 rng(5);
        TestSupport::IncidentColumnsBuilder b;
        const QDate start(2018, 1, 1);
        for (int k = 0; k < n; ++k) {
            const QDate day = start.addDays(qint64(rng() % 2190));
            PartialDate first = PartialDate::day(day.year(), day.month(), day.day());
            PartialDate end;
            switch (rng() % 10) {
            case 0:
                first = PartialDate::year(day.year());
                break;
            case 1:
            case 2:
                first = PartialDate::month(day.year(), day.month());
                break;
            case 3: {
                const QDate last = day.addDays(qint64(1 + rng() % 90));
                end = PartialDate::day(last.year(), last.month(), last.day());
                break;
            }
            default:
                break;
            }
            b.add(TimelineTestData::make(QStringLiteral("d%1").arg(k), QStringLiteral("T"), first, { u"FR"_s },
                IncidentType(int(rng() % IncidentTypeCount)), Attribution::None, end));
        }
        const auto rows = rowsOf(b.take());
        const TimelineRow &row = rows->row(0);
        QCOMPARE(row.hasWeights(), n >= TimelineRow::s_weightMinCount);
        TimelineFrame frame = frameFor(rows, from, to);
        frame.firstDay += 0.37; // a fractional start: buckets straddle days
        const TimelineLayout l(frame);
        const TimelineLayout::RowPlan &plan = l.rowPlans().front();
        QVERIFY(plan.aggregated);

        const double bucketDays = TimelineLayout::s_bucketWidth / l.pixelsPerDay();
        std::vector<double> expected(plan.buckets.size(), 0.0);
        const IncidentColumns &c = rows->columns();
        for (Index i = 0; i < c.size(); ++i) {
            const double a = c.firstDay[i];
            const double e = double(c.lastDay[i]) + 1;
            for (std::size_t k = 0; k < expected.size(); ++k) {
                const double b0 = frame.firstDay + double(k) * bucketDays;
                const double overlap = std::min(e, b0 + bucketDays) - std::max(a, b0);
                if (overlap > 0)
                    expected[k] += overlap / (e - a);
            }
        }
        double total = 0;
        double expectedTotal = 0;
        for (std::size_t k = 0; k < expected.size(); ++k) {
            QVERIFY2(std::abs(plan.buckets[k] - expected[k]) < 1e-3 + 1e-4 * expected[k],
                qPrintable(u"bucket %1: %2 vs %3"_s.arg(k).arg(plan.buckets[k]).arg(expected[k])));
            total += plan.buckets[k];
            expectedTotal += expected[k];
        }
        QVERIFY(std::abs(total - expectedTotal) < 0.01);
    }

    // Labels lie in the plot, right of their anchor, clear of every mark and span of their row
    // and of each other, and are at least as wide as the shaped text they show (ASCII titles
    // are measured from an advance table, others by Qt); elided ones end in an ellipsis.
    void labelsFitAndNeverOverlap_data()
    {
        QTest::addColumn<int>("fromYear");
        QTest::addColumn<int>("toYear");
        QTest::newRow("decade") << 2014 << 2025;
        QTest::newRow("two years") << 2021 << 2023;
        QTest::newRow("one year") << 2022 << 2023;
    }

    void labelsFitAndNeverOverlap()
    {
        QFETCH(int, fromYear);
        QFETCH(int, toYear);
        // Newsroom titles (ASCII), and titles that need Qt to measure them or need eliding.
        TestSupport::IncidentColumnsBuilder extra;
        const QStringList titles
            = { u"Ministère de l'Intérieur piraté, données publiées en ligne pendant des semaines"_s,
                  u"Атака на энергосеть"_s, u"A"_s.repeated(200), u"Short"_s };
        const qint64 rangeDays = QDate(fromYear, 1, 1).daysTo(QDate(toYear, 1, 1));
        for (int k = 0; k < 16; ++k) { // spaced so that some titles fit and some are elided
            const QDate day = QDate(fromYear, 1, 1).addDays(rangeDays * (k * k + 4 * k) / 320);
            extra.add(TimelineTestData::make(u"x%1"_s.arg(k), titles.at(k % titles.size()),
                PartialDate::day(day.year(), day.month(), day.day()), { u"CH"_s },
                IncidentType(k % IncidentTypeCount)));
        }
        for (const auto &rows : { rowsOf(TimelineTestData::newsroom()), rowsOf(extra.take()) }) {
            const TimelineFrame frame = frameFor(rows, QDate(fromYear, 1, 1), QDate(toYear, 1, 1), QSizeF(1400, 700));
            const TimelineLayout l(frame);
            const QFontMetricsF fm(frame.theme.labelFont);
            int labels = 0;
            for (const TimelineLayout::RowPlan &plan : l.rowPlans()) {
                if (plan.aggregated)
                    continue;
                std::vector<QRectF> solids;
                for (const auto &m : plan.points)
                    solids.push_back(m.rect);
                for (const auto &m : plan.bars)
                    solids.push_back(m.rect);
                for (const auto &cl : plan.clusters)
                    solids.push_back(cl.rect);
                for (const auto &mb : plan.mergedBars)
                    solids.push_back(mb.rect);
                for (const auto &m : plan.spans)
                    solids.push_back(m.rect);
                double lastRight = -1e300;
                for (const TimelineLayout::Label &label : plan.labels) {
                    ++labels;
                    QVERIFY(label.rect.left() >= l.plotRect().left());
                    QVERIFY(label.rect.right() <= l.plotRect().right());
                    QVERIFY2(label.rect.left() >= lastRight, qPrintable(label.text));
                    lastRight = label.rect.right();
                    QVERIFY2(label.rect.width() >= fm.horizontalAdvance(label.text) - 0.01,
                        qPrintable(u"%1: %2 < %3"_s.arg(label.text)
                                       .arg(label.rect.width())
                                       .arg(fm.horizontalAdvance(label.text))));
                    for (const QRectF &s : solids) {
                        if (ownSpan(plan, label, s))
                            continue; // a span's title may be inside it, clear of its edges
                        QVERIFY2(
                            s.right() <= label.rect.left() || s.left() >= label.rect.right(), qPrintable(label.text));
                        QVERIFY2(!s.intersects(label.rect), qPrintable(label.text));
                    }
                    const QString title = rows->columns().title(Index(label.incident));
                    if (label.text != title) {
                        QVERIFY2(label.text.endsWith(QChar(0x2026)), qPrintable(label.text));
                        QVERIFY(title.startsWith(label.text.chopped(1)));
                    }
                }
            }
            QVERIFY(labels > 0);
        }
    }

    // A label goes only into free space right of its own mark: not over a span (a point inside
    // a month span is not labelled; a span's title follows its end), not into a gap that cannot
    // hold it; short titles in narrow gaps are kept.
    void labelsGoInFreeSpaceOnly()
    {
        using TimelineTestData::make;
        const QStringList al { u"AL"_s };
        TestSupport::IncidentColumnsBuilder b;
        b.add(make(u"march"_s, u"March"_s, PartialDate::month(2022, 3), al, IncidentType::Espionage));
        b.add(make(u"inside"_s, u"Inside"_s, PartialDate::day(2022, 3, 10), al, IncidentType::Ddos));
        b.add(make(u"free"_s, u"Free"_s, PartialDate::day(2022, 5, 1), al, IncidentType::Ransomware));
        for (int k = 0; k < 3; ++k) // 12 days apart: about 20 units between a mark and the next
            b.add(
                make(u"q%1"_s.arg(k), u"Q%1"_s.arg(k), PartialDate::day(2022, 7, 1 + 12 * k), al, IncidentType::Other));
        b.add(make(u"long"_s, u"A long title that cannot fit before the October span"_s, PartialDate::day(2022, 9, 20),
            al, IncidentType::Destructive));
        b.add(make(u"october"_s, u"October"_s, PartialDate::month(2022, 10), al, IncidentType::Influence));
        const auto rows = rowsOf(b.take());
        const TimelineFrame frame = frameFor(rows, QDate(2022, 1, 1), QDate(2023, 1, 1), QSizeF(1400, 400));
        const TimelineLayout l(frame);
        QCOMPARE(int(l.rowPlans().size()), 1);
        const TimelineLayout::RowPlan &plan = l.rowPlans().front();
        QVERIFY(!plan.aggregated);
        QCOMPARE(int(plan.spans.size()), 2);
        const IncidentColumns &c = rows->columns();
        QHash<QString, TimelineLayout::Label> byId;
        for (const TimelineLayout::Label &label : plan.labels)
            byId.insert(c.id(Index(label.incident)), label);
        QVERIFY(!byId.contains(u"inside"_s));
        QVERIFY(!byId.contains(u"long"_s));
        for (const QString &id : { u"march"_s, u"free"_s, u"q0"_s, u"q1"_s, u"q2"_s, u"october"_s }) {
            QVERIFY2(byId.contains(id), qPrintable(id));
            QCOMPARE(byId.value(id).text, c.title(Index(byId.value(id).incident)));
        }
        for (const TimelineLayout::Mark &span : plan.spans)
            QVERIFY(byId.value(c.id(span.incident)).rect.left() >= span.rect.right());
        std::vector<QRectF> marks;
        for (const auto *list : { &plan.points, &plan.bars, &plan.spans }) {
            for (const TimelineLayout::Mark &m : *list)
                marks.push_back(m.rect);
        }
        for (const TimelineLayout::Label &label : plan.labels) {
            for (const QRectF &m : marks)
                QVERIFY2(!label.rect.intersects(m), qPrintable(label.text));
        }
    }

    void spanWithoutRoomAfterItCarriesItsTitleInside()
    {
        // A year-long span in a figure of that year runs to the plot's right edge: its title
        // goes inside it, clear of its outline, and stops before a mark drawn over the span.
        using TimelineTestData::make;
        TestSupport::IncidentColumnsBuilder b;
        b.add(make(u"year"_s, u"Campaign against ministries lasting the whole year"_s, PartialDate::year(2022),
            { u"CZ"_s }, IncidentType::Espionage));
        b.add(make(u"late"_s, u"Late"_s, PartialDate::year(2022), { u"AL"_s }, IncidentType::Espionage));
        b.add(make(u"point"_s, u"P"_s, PartialDate::day(2022, 1, 5), { u"AL"_s }, IncidentType::Ddos));
        const auto rows = rowsOf(b.take());
        const TimelineFrame frame = frameFor(rows, QDate(2022, 1, 1), QDate(2023, 1, 1), QSizeF(1400, 400));
        const TimelineLayout l(frame);
        const IncidentColumns &c = rows->columns();
        int checked = 0;
        for (const TimelineLayout::RowPlan &plan : l.rowPlans()) {
            QCOMPARE(int(plan.spans.size()), 1);
            const TimelineLayout::Mark &span = plan.spans.front();
            const QString id = c.id(span.incident);
            const TimelineLayout::Label *inside = nullptr;
            for (const TimelineLayout::Label &label : plan.labels) {
                if (label.incident == qint64(span.incident))
                    inside = &label;
            }
            if (id == u"year"_s) {
                QVERIFY(inside);
                QCOMPARE(inside->text, c.title(span.incident)); // whole: the year holds it
                QVERIFY(span.rect.adjusted(1, 0, -1, 0).contains(inside->rect));
                ++checked;
            } else {
                // In Albania a point sits early in the span: the room left of it is too small.
                QCOMPARE(id, u"late"_s);
                QVERIFY(!inside);
                for (const TimelineLayout::Label &label : plan.labels) {
                    for (const TimelineLayout::Mark &m : plan.points)
                        QVERIFY(!label.rect.intersects(m.rect));
                }
                ++checked;
            }
        }
        QCOMPARE(checked, 2);
    }

    // Every mark whose title fits whole into the free space right of it (up to the next mark or
    // span of its row, or the plot's edge) is labelled, unless a label further left already
    // took that space: the rule drops only labels that do not fit.
    void labelsThatFitAreKept_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::newRow("decade") << QDate(2014, 1, 1) << QDate(2025, 1, 1);
        QTest::newRow("one year") << QDate(2022, 1, 1) << QDate(2023, 1, 1);
        QTest::newRow("one quarter") << QDate(2022, 2, 1) << QDate(2022, 5, 1);
    }

    void labelsThatFitAreKept()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        constexpr double gap = 4;
        const auto rows = rowsOf(TimelineTestData::newsroom());
        const TimelineFrame frame = frameFor(rows, from, to, QSizeF(1400, 2000));
        const TimelineLayout l(frame);
        const QFontMetricsF fm(frame.theme.labelFont);
        const QRectF plot = l.plotRect();
        int fitting = 0;
        for (const TimelineLayout::RowPlan &plan : l.rowPlans()) {
            if (plan.aggregated)
                continue;
            std::vector<QRectF> solids;
            std::vector<std::pair<double, Index>> anchors;
            for (const auto &m : plan.points)
                anchors.emplace_back(m.rect.right() + gap, m.incident);
            for (const auto &m : plan.bars) {
                if (!m.continues)
                    anchors.emplace_back(m.rect.right() + gap, m.incident);
            }
            for (const auto &m : plan.spans) {
                if (!plan.spansMerged)
                    anchors.emplace_back(m.rect.right() + gap, m.incident);
            }
            for (const auto *list : { &plan.points, &plan.bars, &plan.spans }) {
                for (const auto &m : *list)
                    solids.push_back(m.rect);
            }
            for (const auto &cl : plan.clusters)
                solids.push_back(cl.rect);
            for (const auto &mb : plan.mergedBars)
                solids.push_back(mb.rect);
            for (const auto &[anchor, incident] : anchors) {
                if (anchor < plot.left() || anchor >= plot.right())
                    continue;
                double limit = plot.right() - gap;
                bool covered = false;
                for (const QRectF &s : solids) {
                    covered = covered || (s.left() <= anchor && s.right() > anchor - gap);
                    if (s.left() > anchor)
                        limit = std::min(limit, s.left() - gap);
                }
                const QString title = rows->columns().title(incident);
                if (covered || fm.horizontalAdvance(title) * 1.01 + 2 > limit - anchor)
                    continue;
                ++fitting;
                bool labelled = false;
                bool taken = false;
                for (const TimelineLayout::Label &label : plan.labels) {
                    if (label.incident == qint64(incident) && std::abs(label.rect.left() - anchor) < 1e-9)
                        labelled = label.text == title;
                    else if (label.rect.left() <= anchor && anchor < label.rect.right() + gap)
                        taken = true;
                }
                QVERIFY2(labelled || taken, qPrintable(title));
            }
        }
        QVERIFY(fitting > 0);
    }

    // Overlapping durations in a row that is not crowded: bars share up to s_maxBarLanes thin
    // lanes (fewer in low rows), and exactly where more overlap than that, one merged stretch
    // stands for them, counts them and answers hit tests as an aggregate.
    void overlappingBarsShareLanesOrMerge_data()
    {
        QTest::addColumn<int>("bars");
        QTest::addColumn<int>("maxLength"); // days
        QTest::addColumn<double>("rowHeight");
        QTest::addColumn<int>("lanes");
        QTest::addColumn<bool>("merged");
        QTest::newRow("apart") << 6 << 3 << 26.0 << 1 << false;
        QTest::newRow("pairs") << 2 << 60 << 26.0 << 2 << false;
        QTest::newRow("three deep") << 3 << 60 << 26.0 << 3 << false;
        QTest::newRow("many") << 60 << 40 << 26.0 << 3 << true;
        QTest::newRow("long and many") << 120 << 200 << 26.0 << 3 << true;
        QTest::newRow("low row") << 40 << 40 << 12.0 << 2 << true;
    }

    void overlappingBarsShareLanesOrMerge()
    {
        QFETCH(int, bars);
        QFETCH(int, maxLength);
        QFETCH(double, rowHeight);
        QFETCH(int, lanes);
        QFETCH(bool, merged);
        const QDate from(2022, 1, 1);
        const QDate to(2023, 1, 1);
        TestSupport::IncidentColumnsBuilder b;
        std::mt19937 random(5);
        for (int k = 0; k < bars; ++k) {
            QDate start;
            QDate end;
            if (bars <= 3) { // all over mid-year
                start = QDate(2022, 6, 1).addDays(k);
                end = start.addDays(maxLength);
            } else if (!merged) { // one lane: far apart
                start = from.addDays(k * 50);
                end = start.addDays(k % maxLength);
            } else {
                start = from.addDays(int(random() % 400) - 20);
                end = start.addDays(int(random() % std::uint32_t(maxLength)));
            }
            b.add(TimelineTestData::make(u"b%1"_s.arg(k), u"Bar %1"_s.arg(k),
                PartialDate::day(start.year(), start.month(), start.day()), { u"FR"_s },
                IncidentType(k % IncidentTypeCount), Attribution(k % 3),
                PartialDate::day(end.year(), end.month(), end.day())));
        }
        const auto rows = rowsOf(b.take());
        TimelineFrame frame = frameFor(rows, from, to, QSizeF(1400, 300));
        frame.rowHeight = rowHeight;
        const TimelineLayout l(frame);
        QCOMPARE(l.rowPlans().size(), std::size_t(1));
        const TimelineLayout::RowPlan &plan = l.rowPlans().front();
        QVERIFY(!plan.aggregated);
        QCOMPARE(plan.barLanes, lanes);
        QCOMPARE(!plan.mergedBars.empty(), merged);

        // The bars as whole intervals, as the layout sees them (never thinner than 4 px).
        const IncidentColumns &c = rows->columns();
        struct Interval
        {
            double left, right;
            Index incident;
        };
        std::vector<Interval> whole;
        std::vector<std::pair<double, int>> edges;
        for (Index i = 0; i < c.size(); ++i) {
            double x0 = l.dayToX(c.firstDay[i]);
            double x1 = l.dayToX(double(c.lastDay[i]) + 1);
            if (x1 - x0 < 4) {
                x0 = (x0 + x1) / 2 - 2;
                x1 = x0 + 4;
            }
            if (x1 <= l.plotRect().left() || x0 >= l.plotRect().right())
                continue;
            whole.push_back({ x0, x1, i });
            edges.emplace_back(x0, +1);
            edges.emplace_back(x1, -1);
        }
        // Expected merged stretches: where more than `lanes` bars overlap, touching ones joined.
        std::sort(edges.begin(), edges.end());
        std::vector<std::pair<double, double>> expected;
        int depth = 0;
        double start = 0;
        for (const auto &[x, d] : edges) {
            const int before = depth;
            depth += d;
            if (before <= lanes && depth > lanes)
                start = x;
            else if (before > lanes && depth <= lanes) {
                if (!expected.empty() && expected.back().second >= start)
                    expected.back().second = x;
                else
                    expected.emplace_back(start, x);
            }
        }
        QCOMPARE(plan.mergedBars.size(), expected.size());
        const auto [blockTop, blockHeight] = l.laneExtent(plan.row, -1, lanes);
        for (std::size_t k = 0; k < expected.size(); ++k) {
            const TimelineLayout::MergedBars &mb = plan.mergedBars[k];
            QCOMPARE(mb.rect.left(), expected[k].first);
            QCOMPARE(mb.rect.right(), expected[k].second);
            QCOMPARE(mb.rect.top(), blockTop);
            QCOMPARE(mb.rect.height(), blockHeight);
            QVERIFY(l.rowRect(plan.row).contains(mb.rect.center()));
            const auto cuts = std::count_if(whole.begin(), whole.end(),
                [&](const Interval &w) { return w.left < mb.rect.right() && w.right > mb.rect.left(); });
            QCOMPARE(mb.count, int(cuts));
            QVERIFY(mb.count > lanes);
            QVERIFY(qFuzzyCompare(mb.firstDay, l.xToDay(mb.rect.left())));
            QVERIFY(qFuzzyCompare(mb.endDay, l.xToDay(mb.rect.right())));
            // The stretch is one aggregate under the pointer, all over, never a bar.
            for (double f : { 0.02, 0.5, 0.98 }) {
                const QPointF point(mb.rect.left() + f * mb.rect.width(), mb.rect.center().y());
                if (!l.plotRect().contains(point))
                    continue;
                const TimelineLayout::Hit hit = l.hitTest(point);
                QVERIFY(hit.isAggregate());
                QCOMPARE(hit.count, mb.count);
                QCOMPARE(hit.firstDay, mb.firstDay);
                QCOMPARE(hit.endDay, mb.endDay);
            }
        }

        // Pieces: each in a lane of the row, never inside a stretch, and no two in one lane
        // overlapping, so at no x are more than `lanes` individual bars drawn.
        std::vector<double> laneTops;
        for (int lane = 0; lane < lanes; ++lane)
            laneTops.push_back(l.laneExtent(plan.row, lane, lanes).first);
        std::vector<std::pair<double, int>> drawn;
        std::vector<std::vector<std::pair<double, double>>> byLane(static_cast<std::size_t>(lanes));
        for (const TimelineLayout::Mark &m : plan.bars) {
            QCOMPARE(m.shape, TimelineLayout::Shape::Bar);
            QVERIFY(m.rect.width() > 0);
            const auto lane = std::find(laneTops.begin(), laneTops.end(), m.rect.top());
            QVERIFY(lane != laneTops.end());
            QCOMPARE(m.rect.height(), l.laneExtent(plan.row, int(lane - laneTops.begin()), lanes).second);
            byLane[std::size_t(lane - laneTops.begin())].emplace_back(m.rect.left(), m.rect.right());
            drawn.emplace_back(m.rect.left(), +1);
            drawn.emplace_back(m.rect.right(), -1);
            for (const TimelineLayout::MergedBars &mb : plan.mergedBars)
                QVERIFY(m.rect.right() <= mb.rect.left() || m.rect.left() >= mb.rect.right());
        }
        std::sort(drawn.begin(), drawn.end());
        depth = 0;
        for (const auto &edge : drawn) {
            depth += edge.second;
            QVERIFY(depth <= lanes);
        }
        for (auto &pieces : byLane) {
            std::sort(pieces.begin(), pieces.end());
            for (std::size_t k = 1; k < pieces.size(); ++k)
                QVERIFY(pieces[k - 1].second <= pieces[k].first);
        }
        // Nothing is lost: each bar is its pieces plus its overlap with the stretches.
        for (const Interval &w : whole) {
            double covered = 0;
            for (const TimelineLayout::Mark &m : plan.bars) {
                if (m.incident == w.incident) {
                    QVERIFY(m.rect.left() >= w.left && m.rect.right() <= w.right);
                    covered += m.rect.width();
                }
            }
            for (const TimelineLayout::MergedBars &mb : plan.mergedBars)
                covered += std::max(0.0, std::min(w.right, mb.rect.right()) - std::max(w.left, mb.rect.left()));
            QVERIFY2(std::abs(covered - (w.right - w.left)) < 1e-6, qPrintable(u"bar %1"_s.arg(w.incident)));
        }
        // A piece is its own incident under the pointer, and the mark of that incident is where
        // the piece is drawn.
        for (const TimelineLayout::Mark &m : plan.bars) {
            if (!l.plotRect().contains(m.rect.center()))
                continue;
            QCOMPARE(l.hitTest(m.rect.center()).incident, qint64(m.incident));
            const QRectF mark = l.markRect(m.incident, plan.row);
            QVERIFY(mark.top() >= blockTop && mark.bottom() <= blockTop + blockHeight);
        }
        // Labels stay clear of pieces and stretches alike.
        for (const TimelineLayout::Label &label : plan.labels) {
            for (const TimelineLayout::Mark &m : plan.bars)
                QVERIFY(m.rect.right() <= label.rect.left() || m.rect.left() >= label.rect.right());
            for (const TimelineLayout::MergedBars &mb : plan.mergedBars)
                QVERIFY(mb.rect.right() <= label.rect.left() || mb.rect.left() >= label.rect.right());
        }
    }

    void emptyRows()
    {
        const TimelineFrame frame = frameFor(rowsOf(IncidentColumns()), QDate(2020, 1, 1), QDate(2021, 1, 1));
        const TimelineLayout l(frame);
        QCOMPARE(l.rowCount(), 0);
        QCOMPARE(l.firstVisibleRow(), -1);
        QVERIFY(l.rowPlans().empty());
        QCOMPARE(l.hitTest(l.plotRect().center()).row, -1);
    }

    void legendListsOnlyTheTypesDrawn_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<QList<int>>("types");
        const auto t = [](IncidentType type) { return int(type); };
        // sample(): Ddos 2020-02-29 (US), Espionage all of 2021 (US), Destructive 2022-07-17 (AL),
        // DataTheft 2022-09 (AL, ME), Ransomware 2023-01-31 (AL).
        QTest::newRow("everything") << QDate(2020, 1, 1) << QDate(2024, 1, 1)
                                    << QList<int> { t(IncidentType::Espionage), t(IncidentType::DataTheft),
                                           t(IncidentType::Ransomware), t(IncidentType::Destructive),
                                           t(IncidentType::Ddos) };
        QTest::newRow("2022") << QDate(2022, 1, 1) << QDate(2023, 1, 1)
                              << QList<int> { t(IncidentType::DataTheft), t(IncidentType::Destructive) };
        QTest::newRow("part of 2021 (a year-long span)")
            << QDate(2021, 6, 1) << QDate(2021, 7, 1) << QList<int> { t(IncidentType::Espionage) };
        QTest::newRow("nothing in view") << QDate(2019, 1, 1) << QDate(2019, 6, 1) << QList<int> {};
    }

    void legendListsOnlyTheTypesDrawn()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(QList<int>, types);
        const TimelineLayout l(frameFor(rowsOf(sample()), from, to));
        QList<int> listed;
        bool marks = false;
        for (const TimelineLayout::LegendItem &item : l.legend()) {
            if (item.kind == TimelineLayout::LegendKind::Type)
                listed << item.type;
            marks = marks || item.kind == TimelineLayout::LegendKind::Point;
        }
        QCOMPARE(listed, types);
        QVERIFY(marks); // the kinds of marks are always explained
    }

    void legendFollowsTheRowsDrawn()
    {
        // Only the US row (Ddos, Espionage): a row of another type is not in the figure.
        RowOptions usOnly;
        usOnly.hidden = { QStringLiteral("AL"), QStringLiteral("ME") };
        const TimelineLayout l(frameFor(rowsOf(sample(), usOnly), QDate(2020, 1, 1), QDate(2024, 1, 1)));
        QList<int> listed;
        for (const TimelineLayout::LegendItem &item : l.legend()) {
            if (item.kind == TimelineLayout::LegendKind::Type)
                listed << item.type;
        }
        QCOMPARE(listed, (QList<int> { int(IncidentType::Espionage), int(IncidentType::Ddos) }));
        QCOMPARE(rowsOf(sample(), usOnly)->row(0).typeMask,
            (1u << int(IncidentType::Espionage)) | (1u << int(IncidentType::Ddos)));
    }
};

QTEST_MAIN(TestTimelineLayout)
#include "tst_timelinelayout.moc"
