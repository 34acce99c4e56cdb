#pragma once

#include "render/timelinelayout.h"

#include <utility>
#include <vector>

// Steps of TimelineLayout's row planning that work on plain geometry, named so each can be
// tested on its own. Intervals are half open, [left, right), so touching marks do not overlap.
namespace RowPlanning {

using Mark = TimelineLayout::Mark;
using Interval = std::pair<double, double>; // [first, second) along x

inline constexpr double s_labelGap = 4; // between a mark and its label, and between labels

// The x edges of `marks` as (x, +1) starts and (x, -1) ends, sorted (at equal x an end comes
// first), into `edges` (cleared first).
void sortedEdges(const std::vector<Mark> &marks, std::vector<std::pair<double, int>> &edges);

// The largest number of intervals that overlap at any x, from sortedEdges().
int maxDepth(const std::vector<std::pair<double, int>> &edges);

// The stretches of x where more than `lanes` intervals overlap, from sortedEdges(), left to
// right; stretches that touch are joined. Written into `stretches` (cleared first).
void deepStretches(const std::vector<std::pair<double, int>> &edges, int lanes, std::vector<Interval> &stretches);

// Each bar of `bars` minus `stretches` (sorted, disjoint), as pieces sorted by left edge
// (stable); a piece that ends where a stretch begins is marked `continues`. counts[k] is set
// to the number of bars that reach into stretches[k].
void cutAtStretches(const std::vector<Mark> &bars, const std::vector<Interval> &stretches, std::vector<Mark> &pieces,
    std::vector<int> &counts);

// A lane for each piece (sorted by left edge, at most `lanes` overlapping at any x), greedily
// left to right, preferring the middle lane, then the top, then the bottom (2 or 3 lanes).
void assignLanes(const std::vector<Mark> &pieces, int lanes, std::vector<int> &laneOf);

// Runs of `points` (in x order) whose centres are closer than `joinDistance` to the previous
// one: calls run(first, end) for each run of positions [first, end), singletons included.
template <typename Run> void forEachPointRun(const std::vector<Mark> &points, double joinDistance, Run &&run)
{
    for (std::size_t p = 0; p < points.size();) {
        std::size_t q = p + 1;
        while (q < points.size() && points[q].rect.center().x() - points[q - 1].rect.center().x() < joinDistance)
            ++q;
        run(p, q);
        p = q;
    }
}

} // namespace RowPlanning
