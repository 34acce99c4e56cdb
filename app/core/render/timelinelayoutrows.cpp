// TimelineLayout's row planning: what each visible row shows (marks, lanes, clusters and
// labels, or a density strip). The geometry, the areas and hit testing are in timelinelayout.cpp.
#include "render/rowplanning.h"
#include "render/timelinelayout.h"

#include <QFontMetricsF>
#include <QLocale>
#include <algorithm>
#include <cmath>

using namespace RowPlanning;

void TimelineLayout::planRow(int r, const QFontMetricsF &label)
{
    RowPlan plan;
    plan.row = r;
    plan.rect = QRectF(m_plotRect.left(), rowToY(r), m_plotRect.width(), m_frame.rowHeight);
    const TimelineRow &row = m_frame.rows->row(r);
    const double visibleFrom = m_frame.firstDay;
    const double visibleEnd = m_frame.endDay;
    const qint64 fromDay = qint64(std::floor(visibleFrom));
    const qint64 toDay = qint64(std::ceil(visibleEnd)) - 1;
    // More marks than one per few pixels cannot be drawn one by one without overdrawing:
    // count them instead. The incidents starting in view (one binary search) usually settle
    // it; only rows near the limit count the rest, and stop once it is reached.
    const double limit = m_plotRect.width() / s_aggregateSpacing;
    bool crowded = double(row.startingIn(std::max(fromDay, qint64(std::ceil(visibleFrom))), toDay)) > limit;
    if (!crowded) {
        std::size_t visible = 0;
        row.forEachCandidate(fromDay, toDay, [&](std::size_t k) {
            if (double(row.lastDay[k]) + 1 > visibleFrom && double(row.firstDay[k]) < visibleEnd)
                ++visible;
        });
        crowded = double(visible) > limit;
    }
    if (crowded)
        planDensity(plan, row, label);
    else
        planMarks(plan, row, label);
    m_plans.push_back(std::move(plan));
}

void TimelineLayout::planMarks(RowPlan &plan, const TimelineRow &row, const QFontMetricsF &label)
{
    collectMarks(plan, row);
    // Faded spans add up where they overlap; beyond a few layers that is a smear, so the row
    // then shows their union in one neutral tone instead.
    if (int(plan.spans.size()) > s_maxSpanDepth) {
        sortedEdges(plan.spans, m_edges);
        plan.spansMerged = maxDepth(m_edges) > s_maxSpanDepth;
    }
    planBars(plan);
    clusterPoints(plan, row, label);
    placeMergedCounts(plan, label);
    planLabels(plan, label);
}

// The visible incidents of the row by shape: spans and bars into the plan, points into
// m_points in day order (forEachCandidate gives the short incidents first, in order).
void TimelineLayout::collectMarks(RowPlan &plan, const TimelineRow &row)
{
    const double visibleFrom = m_frame.firstDay;
    const double visibleEnd = m_frame.endDay;
    m_points.clear();
    row.forEachCandidate(qint64(std::floor(visibleFrom)), qint64(std::ceil(visibleEnd)) - 1, [&](std::size_t k) {
        if (double(row.lastDay[k]) + 1 <= visibleFrom || double(row.firstDay[k]) >= visibleEnd)
            return;
        const Index i = row.incidents[k];
        const Mark mark { i, nominalRect(i, plan.row), shapeOf(i) };
        switch (mark.shape) {
        case Shape::Span:
            plan.spans.push_back(mark);
            break;
        case Shape::Bar:
            plan.bars.push_back(mark);
            break;
        case Shape::Point:
            m_points.push_back(mark);
            break;
        }
    });
}

// Points closer than most of their width would hide each other: a chain of such points
// becomes one cluster badge with its count.
void TimelineLayout::clusterPoints(RowPlan &plan, const TimelineRow &row, const QFontMetricsF &label)
{
    const IncidentColumns &c = m_frame.rows->columns();
    const std::vector<Mark> &points = m_points;
    forEachPointRun(points, s_pointSize * 0.8, [&](std::size_t p, std::size_t q) {
        if (q - p == 1) {
            plan.points.push_back(points[p]);
            return;
        }
        Cluster cluster;
        cluster.count = int(q - p);
        cluster.type = c.type[points[p].incident];
        for (std::size_t m = p; m < q; ++m) {
            if (c.type[points[m].incident] != cluster.type) {
                cluster.type = -1;
                break;
            }
        }
        cluster.firstDay = c.firstDay[points[p].incident];
        cluster.lastDay = c.firstDay[points[q - 1].incident];
        cluster.position = std::size_t(row.positionOf(points[p].incident, cluster.firstDay));
        const double textWidth = countWidth(cluster.count, label) + 8;
        const double x0 = points[p].rect.left();
        const double x1 = points[q - 1].rect.right();
        const double w = std::max(x1 - x0, textWidth);
        const double h = s_pointSize + 4;
        cluster.rect = QRectF((x0 + x1) / 2 - w / 2, points[p].rect.center().y() - h / 2, w, h);
        plan.clusters.push_back(cluster);
    });
}

// Where labels may start (m_candidates, sorted by anchor) and what they must not cross
// (m_solids, the x extents of every mark of the row, spans included, sorted, with
// m_reachRight[k] the furthest right edge among solids[0..k]). Every label starts right of
// its own mark, so it lies in free space: over no mark, span, cluster or merged stretch.
void TimelineLayout::gatherLabelRoom(const RowPlan &plan)
{
    m_candidates.clear();
    m_solids.clear();
    for (const Mark &m : plan.points) {
        m_candidates.push_back({ m.rect.right() + s_labelGap, m.incident });
        m_solids.emplace_back(m.rect.left(), m.rect.right());
    }
    for (const Mark &m : plan.bars) {
        if (!m.continues)
            m_candidates.push_back({ m.rect.right() + s_labelGap, m.incident });
        m_solids.emplace_back(m.rect.left(), m.rect.right());
    }
    for (const MergedBars &mb : plan.mergedBars)
        m_solids.emplace_back(mb.rect.left(), mb.rect.right());
    // A merged row's spans are one neutral area, unlabelled; otherwise a span's title goes
    // after its end, like a bar's. Either way spans are solid: their edges and outlines
    // would cross any text drawn over them.
    for (const Mark &m : plan.spans) {
        if (!plan.spansMerged)
            m_candidates.push_back({ m.rect.right() + s_labelGap, m.incident });
        m_solids.emplace_back(m.rect.left(), m.rect.right());
    }
    for (const Cluster &cl : plan.clusters)
        m_solids.emplace_back(cl.rect.left(), cl.rect.right());
    std::sort(m_candidates.begin(), m_candidates.end(),
        [](const Candidate &a, const Candidate &b) { return a.anchor < b.anchor; });
    std::sort(m_solids.begin(), m_solids.end());
    m_reachRight.resize(m_solids.size());
    for (std::size_t k = 0; k < m_solids.size(); ++k)
        m_reachRight[k] = std::max(m_solids[k].second, k ? m_reachRight[k - 1] : m_solids[k].second);
}

// Labels, greedily left to right: a title goes right of its mark when the free space up to
// the next mark or span of the row holds it, elided when that space is wide; otherwise the
// mark has no label (its tooltip names it). A label never starts inside another mark.
void TimelineLayout::planLabels(RowPlan &plan, const QFontMetricsF &label)
{
    gatherLabelRoom(plan);
    const std::vector<std::pair<double, double>> &solids = m_solids;
    const double h = label.height();
    const double cy = plan.rect.center().y();
    double lastRight = m_plotRect.left() - s_labelGap;
    QString text;
    double w = 0;
    for (const Candidate &cand : m_candidates) {
        if (cand.anchor < lastRight + s_labelGap || cand.anchor < m_plotRect.left()
            || cand.anchor >= m_plotRect.right())
            continue;
        const auto next = std::upper_bound(solids.begin(), solids.end(), std::make_pair(cand.anchor, 1e300));
        const std::size_t before = std::size_t(next - solids.begin());
        if (before > 0 && m_reachRight[before - 1] > cand.anchor - s_labelGap)
            continue; // a mark or span covers the anchor
        const double limit
            = (next == solids.end() ? m_plotRect.right() : std::min(next->first, m_plotRect.right())) - s_labelGap;
        const double room = limit - cand.anchor;
        if (room <= 0)
            continue;
        if (!fitTitle(cand.incident, room, label, &text, &w))
            continue;
        plan.labels.push_back({ QRectF(cand.anchor, cy - h / 2, w, h), std::move(text), qint64(cand.incident) });
        lastRight = cand.anchor + w;
    }
    planLabelsInsideSpans(plan, label);
}

// A span with no room for its title after it (one that runs to the plot's right edge, such
// as a year-long span in a figure of that year) carries the title inside, from its visible
// left edge up to the first other mark inside it, when the title fits there (elided when the
// room is wide). Its outline is then clear of the text by s_labelGap on each side.
void TimelineLayout::planLabelsInsideSpans(RowPlan &plan, const QFontMetricsF &label)
{
    if (plan.spansMerged || plan.spans.empty())
        return;
    const double h = label.height();
    const double cy = plan.rect.center().y();
    const std::size_t before = plan.labels.size();
    QString text;
    double w = 0;
    for (const Mark &span : plan.spans) {
        const auto labelled = [&](const Label &l) { return l.incident == qint64(span.incident); };
        if (std::any_of(plan.labels.begin(), plan.labels.end(), labelled))
            continue;
        const double left = std::max(span.rect.left(), m_plotRect.left()) + s_labelGap;
        double right = std::min(span.rect.right(), m_plotRect.right()) - s_labelGap;
        bool self = false; // the span's own entry among the solids, skipped once
        for (const auto &[x0, x1] : m_solids) {
            if (!self && x0 == span.rect.left() && x1 == span.rect.right()) {
                self = true;
                continue;
            }
            if (x1 <= left - s_labelGap || x0 >= right + s_labelGap)
                continue;
            right = x0 <= left ? left : std::min(right, x0 - s_labelGap);
        }
        for (std::size_t k = 0; k < before; ++k) { // labels of other marks reaching in
            const QRectF &r = plan.labels[k].rect;
            if (r.right() > left - s_labelGap && r.left() < right + s_labelGap)
                right = r.left() <= left ? left : std::min(right, r.left() - s_labelGap);
        }
        if (right - left <= 0 || !fitTitle(span.incident, right - left, label, &text, &w))
            continue;
        plan.labels.push_back({ QRectF(left, cy - h / 2, w, h), std::move(text), qint64(span.incident) });
    }
    if (plan.labels.size() > before) {
        std::sort(plan.labels.begin(), plan.labels.end(),
            [](const Label &a, const Label &b) { return a.rect.left() < b.rect.left(); });
    }
}

// Overlapping bars go into up to laneLimit() lanes; where more overlap than that, the
// stretch becomes merged bars and the bars are cut at its edges.
void TimelineLayout::planBars(RowPlan &plan)
{
    std::vector<Mark> &bars = plan.bars;
    if (bars.size() < 2)
        return;
    std::sort(bars.begin(), bars.end(), [](const Mark &a, const Mark &b) {
        return a.rect.left() < b.rect.left() || (a.rect.left() == b.rect.left() && a.rect.right() < b.rect.right());
    });
    sortedEdges(bars, m_edges);
    const int depth = maxDepth(m_edges);
    if (depth <= 1)
        return;
    const int lanes = std::min(depth, laneLimit());
    plan.barLanes = lanes;
    deepStretches(m_edges, lanes, m_stretches);
    cutAtStretches(bars, m_stretches, m_pieces, m_stretchCounts);
    assignLanes(m_pieces, lanes, m_lanes);
    for (std::size_t k = 0; k < m_pieces.size(); ++k) {
        const auto [top, height] = laneExtent(plan.row, m_lanes[k], lanes);
        m_pieces[k].rect.setTop(top);
        m_pieces[k].rect.setHeight(height);
    }
    bars.swap(m_pieces);

    const auto [top, height] = laneExtent(plan.row, -1, lanes);
    plan.mergedBars.reserve(m_stretches.size());
    for (std::size_t k = 0; k < m_stretches.size(); ++k) {
        const auto [x0, x1] = m_stretches[k];
        plan.mergedBars.push_back(
            { QRectF(x0, top, x1 - x0, height), m_stretchCounts[k], xToDay(x0), xToDay(x1), QRectF() });
    }
}

// Each merged stretch's count goes in the leftmost visible gap between the points and
// clusters drawn over it that holds the number with some padding.
void TimelineLayout::placeMergedCounts(RowPlan &plan, const QFontMetricsF &label)
{
    if (plan.mergedBars.empty())
        return;
    std::vector<std::pair<double, double>> &obstacles = m_solids;
    obstacles.clear();
    for (const Mark &m : plan.points)
        obstacles.emplace_back(m.rect.left(), m.rect.right());
    for (const Cluster &cl : plan.clusters)
        obstacles.emplace_back(cl.rect.left(), cl.rect.right());
    std::sort(obstacles.begin(), obstacles.end());
    constexpr double pad = 3;
    for (MergedBars &mb : plan.mergedBars) {
        const double w = countWidth(mb.count, label) + 2 * pad;
        double x = std::max(mb.rect.left(), m_plotRect.left());
        const double end = std::min(mb.rect.right(), m_plotRect.right());
        auto o = std::partition_point(
            obstacles.begin(), obstacles.end(), [x](const std::pair<double, double> &ob) { return ob.second <= x; });
        while (x + w <= end) {
            if (o == obstacles.end() || o->first >= x + w) {
                mb.countRect = QRectF(x, mb.rect.top(), w, mb.rect.height());
                break;
            }
            x = std::max(x, o->second);
            ++o;
        }
    }
}

void TimelineLayout::planDensity(RowPlan &plan, const TimelineRow &row, const QFontMetricsF &label)
{
    plan.aggregated = true;
    const int nb = std::max(1, int(std::ceil(m_plotRect.width() / s_bucketWidth)));
    plan.buckets.resize(std::size_t(nb));
    // Each incident adds 1, spread evenly over its whole (uncertain) interval, so a
    // year-precise incident is a faint year-long rise, not a spike on 1 January.
    if (row.hasWeights())
        weightedBuckets(plan, row);
    else
        spreadBuckets(plan, row);
    for (float v : plan.buckets)
        m_maxBucket = std::max(m_maxBucket, v);
    placeDensityCounts(plan, label);
}

// Busy rows: differences of the cumulative day weights, O(buckets).
void TimelineLayout::weightedBuckets(RowPlan &plan, const TimelineRow &row) const
{
    const double bucketDays = s_bucketWidth / m_pxPerDay;
    const double origin = m_frame.firstDay;
    double before = row.weightBeforeDay(origin);
    for (std::size_t b = 0; b < plan.buckets.size(); ++b) {
        const double next = row.weightBeforeDay(origin + double(b + 1) * bucketDays);
        plan.buckets[b] = float(std::max(0.0, next - before));
        before = next;
    }
}

// Other rows: each visible incident's share added to the buckets it covers, the inner ones
// through a difference array of per-bucket rates.
void TimelineLayout::spreadBuckets(RowPlan &plan, const TimelineRow &row)
{
    const int nb = int(plan.buckets.size());
    const double bucketDays = s_bucketWidth / m_pxPerDay;
    const double origin = m_frame.firstDay;
    m_direct.assign(std::size_t(nb), 0.0f);
    m_rate.assign(std::size_t(nb) + 1, 0.0f);
    const qint64 from = qint64(std::floor(m_frame.firstDay));
    const qint64 to = qint64(std::ceil(m_frame.endDay)) - 1;
    row.forEachCandidate(from, to, [&](std::size_t k) {
        const double b0 = (row.firstDay[k] - origin) / bucketDays;
        const double b1 = (double(row.lastDay[k]) + 1 - origin) / bucketDays;
        if (b1 <= 0 || b0 >= nb)
            return;
        const double f0 = std::floor(b0);
        const double f1 = std::floor(b1);
        if (f0 == f1 || (b1 == f1 && f0 + 1 == f1)) { // within one bucket
            m_direct[std::size_t(f0)] += 1;
            return;
        }
        const float r = float(1 / (b1 - b0));
        if (f0 >= 0)
            m_direct[std::size_t(f0)] += float((f0 + 1 - b0)) * r;
        if (f1 < nb)
            m_direct[std::size_t(f1)] += float(b1 - f1) * r;
        const int lo = int(std::max(f0 + 1, 0.0));
        const int hi = int(std::min(f1, double(nb)));
        if (lo < hi) {
            m_rate[std::size_t(lo)] += r;
            m_rate[std::size_t(hi)] -= r;
        }
    });
    float running = 0;
    for (int b = 0; b < nb; ++b) {
        running += m_rate[std::size_t(b)];
        plan.buckets[std::size_t(b)] = std::max(0.0f, m_direct[std::size_t(b)] + running);
    }
}

// Counts where there is room: each run of non-empty buckets gets its total to its right
// when the gap to the next run holds it. Counts are digits and group separators; a run
// whose gap cannot hold even its digits is not formatted or measured.
void TimelineLayout::placeDensityCounts(RowPlan &plan, const QFontMetricsF &label) const
{
    const int nb = int(plan.buckets.size());
    const double h = label.height();
    const double cy = plan.rect.center().y();
    const double digit = m_asciiAdvance[std::size_t('0')];
    const QLocale locale;
    double lastRight = m_plotRect.left();
    for (int b = 0; b < nb;) {
        if (plan.buckets[std::size_t(b)] < 0.01f) {
            ++b;
            continue;
        }
        int e = b;
        double total = 0;
        while (e < nb && plan.buckets[std::size_t(e)] >= 0.01f)
            total += plan.buckets[std::size_t(e++)];
        int next = e;
        while (next < nb && plan.buckets[std::size_t(next)] < 0.01f)
            ++next;
        const double anchor = m_plotRect.left() + e * s_bucketWidth + s_labelGap;
        const double limit = (next < nb ? m_plotRect.left() + next * s_bucketWidth : m_plotRect.right()) - s_labelGap;
        const qint64 rounded = qRound64(total);
        const int digits = rounded < 10 ? 1 : int(std::floor(std::log10(double(rounded)))) + 1;
        if (total >= 1.5 && anchor >= lastRight && anchor + digits * digit * 0.9 <= limit) {
            const QString text = locale.toString(rounded);
            const double w = label.horizontalAdvance(text);
            if (anchor + w <= limit) {
                plan.labels.push_back({ QRectF(anchor, cy - h / 2, w, h), text, -1 });
                lastRight = anchor + w + s_labelGap;
            }
        }
        b = e;
    }
}
