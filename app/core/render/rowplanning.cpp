#include "render/rowplanning.h"

#include <algorithm>
#include <array>

namespace RowPlanning {

void sortedEdges(const std::vector<Mark> &marks, std::vector<std::pair<double, int>> &edges)
{
    edges.clear();
    for (const Mark &m : marks) {
        edges.emplace_back(m.rect.left(), +1);
        edges.emplace_back(m.rect.right(), -1);
    }
    std::sort(edges.begin(), edges.end()); // at equal x an end (-1) sorts before a start
}

int maxDepth(const std::vector<std::pair<double, int>> &edges)
{
    int depth = 0;
    int deepest = 0;
    for (const auto &edge : edges)
        deepest = std::max(deepest, depth += edge.second);
    return deepest;
}

void deepStretches(const std::vector<std::pair<double, int>> &edges, int lanes, std::vector<Interval> &stretches)
{
    stretches.clear();
    double start = 0;
    int depth = 0;
    for (const auto &edge : edges) {
        const int before = depth;
        depth += edge.second;
        if (before <= lanes && depth > lanes) {
            start = edge.first;
        } else if (before > lanes && depth <= lanes) {
            if (!stretches.empty() && stretches.back().second >= start)
                stretches.back().second = edge.first;
            else
                stretches.emplace_back(start, edge.first);
        }
    }
}

void cutAtStretches(const std::vector<Mark> &bars, const std::vector<Interval> &stretches, std::vector<Mark> &pieces,
    std::vector<int> &counts)
{
    counts.assign(stretches.size(), 0);
    pieces.clear();
    for (const Mark &m : bars) {
        double left = m.rect.left();
        const double right = m.rect.right();
        auto s = std::partition_point(
            stretches.begin(), stretches.end(), [left](const Interval &st) { return st.second <= left; });
        for (; s != stretches.end() && s->first < right; ++s) {
            if (s->first > left) {
                Mark piece = m;
                piece.rect.setLeft(left);
                piece.rect.setRight(s->first);
                piece.continues = true;
                pieces.push_back(piece);
            }
            ++counts[std::size_t(s - stretches.begin())];
            left = s->second;
        }
        if (right > left) {
            Mark piece = m;
            piece.rect.setLeft(left);
            pieces.push_back(piece);
        }
    }
    std::stable_sort(
        pieces.begin(), pieces.end(), [](const Mark &a, const Mark &b) { return a.rect.left() < b.rect.left(); });
}

// Outside the stretches at most `lanes` pieces overlap, so a piece always finds a lane that is
// free at its left edge (interval graphs colour greedily in order of their starts). Lone bars
// take the middle lane, on the centre line.
void assignLanes(const std::vector<Mark> &pieces, int lanes, std::vector<int> &laneOf)
{
    static_assert(TimelineLayout::s_maxBarLanes == 3, "lane preference orders below cover 2 and 3 lanes");
    static constexpr int order3[] = { 1, 0, 2 };
    static constexpr int order2[] = { 0, 1 };
    const int *order = lanes == 3 ? order3 : order2;
    std::array<double, TimelineLayout::s_maxBarLanes> laneRight;
    laneRight.fill(-1e300);
    laneOf.clear();
    for (const Mark &piece : pieces) {
        int lane = -1;
        for (int k = 0; k < lanes && lane < 0; ++k) {
            if (laneRight[std::size_t(order[k])] <= piece.rect.left())
                lane = order[k];
        }
        Q_ASSERT(lane >= 0);
        lane = std::max(lane, 0);
        laneRight[std::size_t(lane)] = piece.rect.right();
        laneOf.push_back(lane);
    }
}

} // namespace RowPlanning
