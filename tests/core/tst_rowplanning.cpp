#include "render/rowplanning.h"

#include <QTest>

// The geometric steps of TimelineLayout's row planning, on hand-made intervals.
class TestRowPlanning : public QObject
{
    Q_OBJECT

private:
    using Mark = TimelineLayout::Mark;

    static Mark bar(double left, double right, TimelineLayout::Index incident = 0)
    {
        return Mark { incident, QRectF(left, 10, right - left, 8), TimelineLayout::Shape::Bar };
    }
    static std::vector<std::pair<double, int>> edgesOf(const std::vector<Mark> &marks)
    {
        std::vector<std::pair<double, int>> edges;
        RowPlanning::sortedEdges(marks, edges);
        return edges;
    }

private slots:
    void depthCountsOverlapsNotTouches()
    {
        QCOMPARE(RowPlanning::maxDepth(edgesOf({})), 0);
        QCOMPARE(RowPlanning::maxDepth(edgesOf({ bar(0, 10), bar(10, 20), bar(20, 30) })), 1);
        QCOMPARE(RowPlanning::maxDepth(edgesOf({ bar(0, 10), bar(5, 20), bar(8, 9), bar(30, 40) })), 3);
    }

    void stretchesDeeperThanTheLanes()
    {
        std::vector<RowPlanning::Interval> stretches;
        // Three bars overlap on [8, 9) and [12, 14): two stretches for two lanes, none for three.
        const auto edges = edgesOf({ bar(0, 10), bar(5, 20), bar(8, 9), bar(11, 15), bar(12, 14) });
        RowPlanning::deepStretches(edges, 2, stretches);
        QCOMPARE(stretches.size(), std::size_t(2));
        QCOMPARE(stretches[0], RowPlanning::Interval(8, 9));
        QCOMPARE(stretches[1], RowPlanning::Interval(12, 14));
        RowPlanning::deepStretches(edges, 3, stretches);
        QVERIFY(stretches.empty());
        // Stretches that touch are one.
        RowPlanning::deepStretches(edgesOf({ bar(0, 10), bar(0, 10), bar(0, 5), bar(5, 10) }), 2, stretches);
        QCOMPARE(stretches.size(), std::size_t(1));
        QCOMPARE(stretches[0], RowPlanning::Interval(0, 10));
    }

    void barsAreCutAtStretches()
    {
        const std::vector<Mark> bars = { bar(0, 20, 1), bar(8, 9, 2), bar(25, 30, 3) };
        std::vector<Mark> pieces;
        std::vector<int> counts;
        RowPlanning::cutAtStretches(bars, { { 5, 10 } }, pieces, counts);
        QCOMPARE(counts, std::vector<int>({ 2 }));
        // Bar 1 becomes [0, 5) (continues into the stretch) and [10, 20); bar 2 is inside it.
        QCOMPARE(pieces.size(), std::size_t(3));
        QCOMPARE(pieces[0].incident, TimelineLayout::Index(1));
        QCOMPARE(pieces[0].rect.right(), 5.0);
        QVERIFY(pieces[0].continues);
        QCOMPARE(pieces[1].rect.left(), 10.0);
        QVERIFY(!pieces[1].continues);
        QCOMPARE(pieces[2].incident, TimelineLayout::Index(3));
    }

    void lanesPreferTheMiddleAndNeverOverlap()
    {
        const std::vector<Mark> pieces = { bar(0, 10), bar(2, 12), bar(4, 14), bar(11, 20), bar(30, 40) };
        std::vector<int> lanes;
        RowPlanning::assignLanes(pieces, 3, lanes);
        QCOMPARE(lanes, std::vector<int>({ 1, 0, 2, 1, 1 }));
        RowPlanning::assignLanes({ bar(0, 10), bar(5, 15) }, 2, lanes);
        QCOMPARE(lanes, std::vector<int>({ 0, 1 }));
    }

    void pointRunsJoinCloseNeighbours()
    {
        std::vector<Mark> points;
        for (double x : { 0.0, 5.0, 9.0, 30.0, 50.0, 57.0 })
            points.push_back(Mark { 0, QRectF(x - 5, 0, 10, 10), TimelineLayout::Shape::Point });
        std::vector<std::pair<std::size_t, std::size_t>> runs;
        RowPlanning::forEachPointRun(points, 8, [&](std::size_t a, std::size_t b) { runs.emplace_back(a, b); });
        const std::vector<std::pair<std::size_t, std::size_t>> expected = { { 0, 3 }, { 3, 4 }, { 4, 6 } };
        QCOMPARE(runs, expected);
    }
};

QTEST_MAIN(TestRowPlanning)
#include "tst_rowplanning.moc"
