#include "render/rowbuilding.h"
#include "timelinetestdata.h"

#include <QTest>
#include <algorithm>

// The steps of TimelineRows::build that work on plain rows and columns.
class TestRowBuilding : public QObject
{
    Q_OBJECT

private:
    static TimelineRow rowNamed(const QString &key, const QString &label, int count, qint32 firstDay = 0)
    {
        TimelineRow row;
        row.key = key;
        row.label = label;
        for (int k = 0; k < count; ++k)
            RowBuilding::appendIncident(row, IncidentColumns::Index(k), firstDay + k, firstDay + k);
        return row;
    }

private slots:
    void dateOrderSortsAndSkipsUnknownIndices()
    {
        using TimelineTestData::make;
        TestSupport::IncidentColumnsBuilder b;
        const QStringList al = { QStringLiteral("AL") };
        b.add(make(QStringLiteral("a"), QStringLiteral("A"), PartialDate::day(2022, 3, 1), al, IncidentType::Ddos));
        b.add(make(QStringLiteral("b"), QStringLiteral("B"), PartialDate::day(2021, 3, 1), al, IncidentType::Ddos));
        b.add(make(QStringLiteral("c"), QStringLiteral("C"), PartialDate::day(2022, 3, 1), al, IncidentType::Ddos));
        const IncidentColumns columns = b.take();
        std::vector<std::uint8_t> included;
        const auto order = RowBuilding::dateOrder(columns, { 2, 0, 1, 99 }, included);
        QCOMPARE(order, std::vector<IncidentColumns::Index>({ 1, 0, 2 }));
        QCOMPARE(included, std::vector<std::uint8_t>({ 1, 1, 1 }));
        RowBuilding::dateOrder(columns, { 2 }, included);
        QCOMPARE(included, std::vector<std::uint8_t>({ 0, 0, 1 }));
    }

    // A large share of the incidents, in any order, comes back in the order of byDay (date,
    // then index) through the columns' own date order; a small share through a sort. Many
    // incidents share a day, so ties are checked too.
    void dateOrderOfManyShuffledIncidentsBreaksTiesByIndex()
    {
        using TimelineTestData::make;
        TestSupport::IncidentColumnsBuilder b;
        const QStringList al = { QStringLiteral("AL") };
        for (int k = 0; k < 400; ++k) {
            b.add(make(QStringLiteral("r%1").arg(k), QStringLiteral("R"),
                PartialDate::day(2020, 1 + (k * 7) % 12, 1 + (k * 13) % 5), al, IncidentType::Ddos));
        }
        IncidentColumns columns = b.take();
        columns.buildDateOrder(); // as a load does
        QCOMPARE(columns.byDate.size(), columns.size());
        for (const std::size_t share : { std::size_t(300), std::size_t(10) }) {
            std::vector<IncidentColumns::Index> indices;
            for (IncidentColumns::Index i = 0; i < share; ++i)
                indices.push_back((i * 37) % 400); // distinct, shuffled
            std::vector<IncidentColumns::Index> expected = indices;
            std::sort(expected.begin(), expected.end(), [&](auto a, auto c) {
                return columns.firstDay[a] != columns.firstDay[c] ? columns.firstDay[a] < columns.firstDay[c] : a < c;
            });
            std::vector<std::uint8_t> included;
            QCOMPARE(RowBuilding::dateOrder(columns, indices, included), expected);
        }
    }

    void appendKeepsLongIncidentsApart()
    {
        TimelineRow row;
        RowBuilding::appendIncident(row, 7, 100, 100);
        RowBuilding::appendIncident(row, 8, 110, 300); // long: more than s_shortDays
        RowBuilding::appendIncident(row, 9, 120, 130);
        QCOMPARE(row.count(), 3);
        QCOMPARE(row.longPositions, std::vector<std::uint32_t>({ 1 }));
        QCOMPARE(row.longReach, std::vector<qint32>({ 300 }));
        QCOMPARE(row.shortLength, 10);
        QCOMPARE(row.maxLastDay, 300);
        std::size_t candidates = 0;
        row.forEachCandidate(200, 210, [&](std::size_t) { ++candidates; });
        QCOMPARE(candidates, std::size_t(1)); // only the long one reaches day 200
    }

    void dayWeightsOnlyForBusyRows()
    {
        TimelineRow quiet = rowNamed(QStringLiteral("q"), QStringLiteral("Q"), 10);
        RowBuilding::addDayWeights(quiet);
        QVERIFY(!quiet.hasWeights());
        TimelineRow busy;
        const int n = TimelineRow::s_weightMinCount;
        for (int k = 0; k < n; ++k)
            RowBuilding::appendIncident(busy, IncidentColumns::Index(k), 1000 + k / 2, 1000 + k / 2 + 1);
        RowBuilding::addDayWeights(busy);
        QVERIFY(busy.hasWeights());
        // Every incident weighs 1 in total, spread over its two days.
        QCOMPARE(busy.weightBeforeDay(1000), 0.0);
        QCOMPARE(busy.weightBeforeDay(1e9), double(n));
        QCOMPARE(busy.weightBeforeDay(1001), 1.0); // day 1000: half of each of the first two
    }

    void displayOrderPinsThenSorts()
    {
        std::vector<TimelineRow> rows;
        rows.push_back(rowNamed(QStringLiteral("b"), QStringLiteral("Bravo"), 5, 300));
        rows.push_back(rowNamed(QString(), QStringLiteral("Unknown"), 50, 100));
        rows.push_back(rowNamed(QStringLiteral("a"), QStringLiteral("alpha"), 5, 200));
        rows.push_back(rowNamed(QStringLiteral("c"), QStringLiteral("Charlie"), 9, 400));
        RowOptions options;
        QCOMPARE(RowBuilding::displayOrder(rows, options), std::vector<int>({ 3, 2, 0, 1 })); // by count, then name
        options.sort = RowSort::Name;
        QCOMPARE(RowBuilding::displayOrder(rows, options), std::vector<int>({ 2, 0, 3, 1 }));
        options.sort = RowSort::FirstIncident;
        QCOMPARE(RowBuilding::displayOrder(rows, options), std::vector<int>({ 2, 0, 3, 1 }));
        rows[0].pinned = rows[3].pinned = true;
        options.pinned = { QStringLiteral("c"), QStringLiteral("b") };
        QCOMPARE(RowBuilding::displayOrder(rows, options), std::vector<int>({ 3, 0, 2, 1 }));
    }
};

QTEST_MAIN(TestRowBuilding)
#include "tst_rowbuilding.moc"
