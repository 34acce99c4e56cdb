#include "render/timelinelayout.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QHash>
#include <QLocale>
#include <QPaintDevice>
#include <algorithm>
#include <cmath>

namespace {
constexpr double s_exportMargin = 16;
constexpr double s_labelGap = 4; // between a mark and its label, and between labels
constexpr double s_minLabelRoom = 40; // narrower gaps are not worth measuring a title for
constexpr double s_minElidedRoom = 72; // narrower gaps get no elided title
constexpr double s_spanInset = 4; // a span is this much shorter than the row, top and bottom
constexpr double s_hitSlop = 3; // extra reach of small marks under the pointer

QFontMetricsF metricsFor(const QFont &font, const QPaintDevice *device)
{
    return device ? QFontMetricsF(font, device) : QFontMetricsF(font);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("TimelineLayout", text);
}
} // namespace

TimelineLayout::TimelineLayout(const TimelineFrame &frame, const QPaintDevice *device)
    : m_frame(frame)
{
    const QFontMetricsF label = metricsFor(frame.theme.labelFont, device);
    const QFontMetricsF axis = metricsFor(frame.theme.axisFont, device);
    const QFontMetricsF title = metricsFor(frame.theme.titleFont, device);
    const QFontMetricsF small = metricsFor(frame.theme.smallFont, device);
    layoutAreas(label, axis, title, small);
    initTextMeasure(label);

    const double span = frame.endDay - frame.firstDay;
    m_pxPerDay = (span > 0 && m_plotRect.width() > 0) ? m_plotRect.width() / span : 1.0;
    m_ticks = DateTicks::compute(frame.firstDay, frame.endDay, m_plotRect.width(), axis);

    const int rows = rowCount();
    if (rows > 0 && frame.rowHeight > 0 && m_plotRect.height() > 0) {
        const double top = frame.scrollY / frame.rowHeight;
        const double bottom = (frame.scrollY + m_plotRect.height()) / frame.rowHeight;
        m_firstRow = std::clamp(int(std::floor(top)), 0, rows - 1);
        m_lastRow = std::clamp(int(std::ceil(bottom)) - 1, 0, rows - 1);
        if (m_lastRow < m_firstRow)
            m_firstRow = m_lastRow = -1;
    }
    if (m_firstRow >= 0 && m_plotRect.width() > 0) {
        m_plans.reserve(std::size_t(m_lastRow - m_firstRow + 1));
        for (int r = m_firstRow; r <= m_lastRow; ++r)
            planRow(r, label);
    }
}

void TimelineLayout::layoutAreas(
    const QFontMetricsF &label, const QFontMetricsF &axis, const QFontMetricsF &title, const QFontMetricsF &small)
{
    Q_UNUSED(label);
    const double margin = m_frame.forExport ? s_exportMargin : 0;
    m_frameRect = QRectF(QPointF(0, 0), m_frame.size);
    const QRectF inner = m_frameRect.adjusted(margin, margin, -margin, -margin);
    double top = inner.top();
    double bottom = inner.bottom();

    if (!m_frame.title.isEmpty()) {
        m_titleRect = QRectF(inner.left(), top, inner.width(), title.height() + 12);
        top = m_titleRect.bottom();
    }
    if (!m_frame.footer.isEmpty()) {
        const double h = small.height() + 8;
        m_footerRect = QRectF(inner.left(), bottom - h, inner.width(), h);
        bottom = m_footerRect.top();
    }
    const double header = std::clamp(m_frame.headerWidth, 0.0, inner.width() * 0.5);
    const double axisHeight = 2 * (axis.height() + 6) + 2;
    m_axisRect = QRectF(inner.left() + header, top, std::max(0.0, inner.width() - header), axisHeight);
    top = m_axisRect.bottom();
    m_plotRect = QRectF(m_axisRect.left(), top, m_axisRect.width(), std::max(0.0, bottom - top));
    m_headerRect = QRectF(inner.left(), top, header, m_plotRect.height());

    if (m_frame.showLegend) {
        layoutLegend(small);
        // The legend takes the bottom of what is left; the plot ends above it.
        const double h = m_legendRect.height();
        m_plotRect.setBottom(std::max(m_plotRect.top(), bottom - h));
        m_headerRect.setBottom(m_plotRect.bottom());
        const double shift = m_plotRect.bottom() - m_legendRect.top();
        m_legendRect.translate(0, shift);
        for (LegendItem &item : m_legend) {
            item.swatch.translate(0, shift);
            item.textRect.translate(0, shift);
        }
    }
}

void TimelineLayout::layoutLegend(const QFontMetricsF &small)
{
    const double margin = m_frame.forExport ? s_exportMargin : 0;
    const double left = margin + 8;
    const double right = m_frame.size.width() - margin - 8;
    const double lineHeight = std::max(small.height(), 12.0) + 6;
    const double swatch = 12;
    double x = left;
    double y = 6;
    auto add = [&](LegendKind kind, int type, const QString &text, double gapBefore = 0) {
        const double w = swatch + 5 + small.horizontalAdvance(text);
        x += gapBefore;
        if (x + w > right && x > left) {
            x = left;
            y += lineHeight;
        }
        LegendItem item;
        item.kind = kind;
        item.type = type;
        item.swatch = QRectF(x, y + (lineHeight - swatch) / 2, swatch, swatch);
        item.textRect = QRectF(x + swatch + 5, y, w - swatch - 5, lineHeight);
        item.text = text;
        m_legend.push_back(item);
        x += w + 14;
    };
    for (int t = 0; t < IncidentTypeCount; ++t)
        add(LegendKind::Type, t, Vocabulary::typeLabel(IncidentType(t)));
    add(LegendKind::Point, -1, tr("exact day"), 12);
    add(LegendKind::Bar, -1, tr("duration"));
    add(LegendKind::MergedBars, -1, tr("overlapping durations"));
    add(LegendKind::Span, -1, tr("month or year only (uncertain)"));
    add(LegendKind::Density, -1, tr("many incidents (density)"));
    add(LegendKind::OutlineSolid, -1, tr("attributed by a government"), 12);
    add(LegendKind::OutlineDashed, -1, tr("by a vendor or claimed"));
    add(LegendKind::OutlineNone, -1, tr("suspected or none"));
    m_legendRect = QRectF(margin, 0, m_frame.size.width() - 2 * margin, y + lineHeight + 6);
}

int TimelineLayout::rowCount() const
{
    return m_frame.rows ? m_frame.rows->rowCount() : 0;
}

int TimelineLayout::yToRow(double y) const
{
    if (y < m_plotRect.top() || y >= m_plotRect.bottom() || m_frame.rowHeight <= 0)
        return -1;
    const int row = int(std::floor((y - m_plotRect.top() + m_frame.scrollY) / m_frame.rowHeight));
    return (row >= 0 && row < rowCount()) ? row : -1;
}

QRectF TimelineLayout::rowRect(int row) const
{
    return QRectF(m_headerRect.left(), rowToY(row), m_plotRect.right() - m_headerRect.left(), m_frame.rowHeight);
}

double TimelineLayout::contentHeight() const
{
    return rowCount() * m_frame.rowHeight;
}

double TimelineLayout::maxScrollY() const
{
    return std::max(0.0, contentHeight() - m_plotRect.height());
}

TimelineLayout::Shape TimelineLayout::shapeOf(Index i) const
{
    const IncidentColumns &c = m_frame.rows->columns();
    if (c.precision[i] != std::uint8_t(Precision::Day))
        return Shape::Span;
    return c.hasEnd[i] ? Shape::Bar : Shape::Point;
}

QRectF TimelineLayout::markRect(Index i, int row) const
{
    QRectF r = nominalRect(i, row);
    const RowPlan *plan = planOf(row);
    if (shapeOf(i) != Shape::Bar || !plan || plan->aggregated || plan->barLanes == 1)
        return r;
    const auto piece
        = std::find_if(plan->bars.begin(), plan->bars.end(), [i](const Mark &m) { return m.incident == i; });
    if (piece != plan->bars.end()) {
        r.setTop(piece->rect.top());
        r.setHeight(piece->rect.height());
    } else {
        const auto [top, height] = laneExtent(row, -1, plan->barLanes);
        r.setTop(top);
        r.setHeight(height);
    }
    return r;
}

int TimelineLayout::laneLimit() const
{
    const double block = std::max(s_barHeight, m_frame.rowHeight - 2 * s_spanInset);
    return std::clamp(int((block + s_laneGap) / (s_minLaneHeight + s_laneGap)), 1, s_maxBarLanes);
}

std::pair<double, double> TimelineLayout::laneExtent(int row, int lane, int lanes) const
{
    const double cy = rowCentre(row);
    if (lanes <= 1)
        return { cy - s_barHeight / 2, s_barHeight };
    const double block = std::max(s_barHeight, m_frame.rowHeight - 2 * s_spanInset);
    const double h = std::min(s_barHeight, (block - (lanes - 1) * s_laneGap) / lanes);
    const double top = cy - (lanes * h + (lanes - 1) * s_laneGap) / 2;
    if (lane < 0)
        return { top, lanes * h + (lanes - 1) * s_laneGap };
    return { top + lane * (h + s_laneGap), h };
}

QRectF TimelineLayout::nominalRect(Index i, int row) const
{
    const IncidentColumns &c = m_frame.rows->columns();
    const double cy = rowCentre(row);
    switch (shapeOf(i)) {
    case Shape::Point: {
        const double x = dayToX(c.firstDay[i] + 0.5);
        return QRectF(x - s_pointSize / 2, cy - s_pointSize / 2, s_pointSize, s_pointSize);
    }
    case Shape::Bar: {
        double x0 = dayToX(c.firstDay[i]);
        double x1 = dayToX(double(c.lastDay[i]) + 1);
        if (x1 - x0 < 4) {
            const double mid = (x0 + x1) / 2;
            x0 = mid - 2;
            x1 = mid + 2;
        }
        return QRectF(x0, cy - s_barHeight / 2, x1 - x0, s_barHeight);
    }
    case Shape::Span: {
        double x0 = dayToX(c.firstDay[i]);
        double x1 = dayToX(double(c.lastDay[i]) + 1);
        if (x1 - x0 < 2) {
            const double mid = (x0 + x1) / 2;
            x0 = mid - 1;
            x1 = mid + 1;
        }
        const double h = std::max(4.0, m_frame.rowHeight - 2 * s_spanInset);
        return QRectF(x0, cy - h / 2, x1 - x0, h);
    }
    }
    return {};
}

const TimelineLayout::RowPlan *TimelineLayout::planOf(int row) const
{
    if (m_firstRow < 0 || row < m_firstRow || row > m_lastRow)
        return nullptr;
    return &m_plans[std::size_t(row - m_firstRow)];
}

int TimelineLayout::aggregatedRowCount() const
{
    return int(std::count_if(m_plans.begin(), m_plans.end(), [](const RowPlan &p) { return p.aggregated; }));
}

void TimelineLayout::initTextMeasure(const QFontMetricsF &label)
{
    // A character's advance inside a shaped string can differ from its advance alone (hinted),
    // so each is measured as a run of itself. Measuring costs about as much as a frame's
    // labels; the tables are kept per font and device resolution, one cache per thread.
    struct Advances
    {
        std::array<double, 128> ascii {};
        double ellipsis = 0;
    };
    thread_local QHash<QString, Advances> cache;
    const QString key = m_frame.theme.labelFont.key() + u'@' + QString::number(label.height(), 'g', 17) + u'@'
        + QString::number(label.horizontalAdvance(QStringLiteral("Mw0")), 'g', 17);
    auto it = cache.constFind(key);
    if (it == cache.constEnd()) {
        if (cache.size() > 64)
            cache.clear();
        constexpr int run = 16;
        Advances a;
        for (int ch = 32; ch < 127; ++ch)
            a.ascii[std::size_t(ch)] = label.horizontalAdvance(QString(run, QChar(ch))) / run;
        a.ellipsis = label.horizontalAdvance(QString(run, QChar(0x2026))) / run;
        it = cache.insert(key, a);
    }
    m_asciiAdvance = it->ascii;
    m_ellipsisAdvance = it->ellipsis;
}

double TimelineLayout::countWidth(int count, const QFontMetricsF &label)
{
    if (count < 0 || count >= 4096)
        return label.horizontalAdvance(QString::number(count));
    if (m_countWidth.size() <= std::size_t(count))
        m_countWidth.resize(std::size_t(count) + 1, 0.0);
    double &w = m_countWidth[std::size_t(count)];
    if (w == 0)
        w = label.horizontalAdvance(QString::number(count));
    return w;
}

// The title of `incident` as it fits `room`: whole, or elided when it is longer and the room
// is wide enough to be worth it. False when it does not fit. Printable ASCII titles (nearly
// all) are measured from the advance table, without building a QString for the ones that
// do not fit; others are measured by Qt.
bool TimelineLayout::fitTitle(
    Index incident, double room, const QFontMetricsF &label, QString *text, double *width) const
{
    const IncidentColumns &c = m_frame.rows->columns();
    const QByteArrayView utf8 = c.titleUtf8(incident);
    double sum = 0;
    bool ascii = true;
    for (char ch : utf8) {
        const auto u = static_cast<unsigned char>(ch);
        if (u < 32 || u >= 127) {
            ascii = false;
            break;
        }
        sum += m_asciiAdvance[u];
    }
    if (ascii) {
        // Shaping rounds glyph positions, so a sum of advances can fall short of the shaped
        // width by a fraction of a pixel per glyph run: allow a little more.
        auto bound = [](double sum) { return sum * 1.005 + 1; };
        if (bound(sum) <= room) {
            *text = QString::fromLatin1(utf8.data(), utf8.size());
            *width = bound(sum);
            return true;
        }
        if (room < s_minElidedRoom)
            return false;
        double w = m_ellipsisAdvance;
        qsizetype n = 0;
        while (n < utf8.size() && bound(w + m_asciiAdvance[static_cast<unsigned char>(utf8[n])]) <= room)
            w += m_asciiAdvance[static_cast<unsigned char>(utf8[n++])];
        if (n == 0)
            return false;
        *text = QString::fromLatin1(utf8.data(), n) + QChar(0x2026);
        *width = bound(w);
        return true;
    }
    QString title = c.title(incident);
    double w = label.horizontalAdvance(title);
    if (w > room) {
        if (room < s_minElidedRoom)
            return false;
        title = label.elidedText(title, Qt::ElideRight, room);
        if (title.isEmpty())
            return false;
        w = label.horizontalAdvance(title);
    }
    *text = std::move(title);
    *width = w;
    return true;
}

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
    const IncidentColumns &c = m_frame.rows->columns();
    const double visibleFrom = m_frame.firstDay;
    const double visibleEnd = m_frame.endDay;
    std::vector<Mark> &points = m_points; // in day order: forEachCandidate gives short incidents first, in order
    points.clear();
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
            points.push_back(mark);
            break;
        }
    });

    // Faded spans add up where they overlap; beyond a few layers that is a smear, so the row
    // then shows their union in one neutral tone instead.
    if (int(plan.spans.size()) > s_maxSpanDepth) {
        std::vector<std::pair<double, int>> &edges = m_edges;
        edges.clear();
        for (const Mark &m : plan.spans) {
            edges.emplace_back(m.rect.left(), +1);
            edges.emplace_back(m.rect.right(), -1);
        }
        std::sort(edges.begin(), edges.end()); // at equal x an end (-1) sorts before a start
        int depth = 0;
        for (const auto &edge : edges) {
            depth += edge.second;
            if (depth > s_maxSpanDepth) {
                plan.spansMerged = true;
                break;
            }
        }
    }

    planBars(plan);

    // Points closer than most of their width would hide each other: a chain of such points
    // becomes one cluster badge with its count.
    const double joinDistance = s_pointSize * 0.8;
    for (std::size_t p = 0; p < points.size();) {
        std::size_t q = p + 1;
        while (q < points.size() && points[q].rect.center().x() - points[q - 1].rect.center().x() < joinDistance)
            ++q;
        if (q - p == 1) {
            plan.points.push_back(points[p]);
        } else {
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
        }
        p = q;
    }

    placeMergedCounts(plan, label);

    // Labels, greedily left to right: a title goes right of its mark (inside a span, which is
    // faded) when the gap to the next solid mark holds it, elided when the gap is wide.
    std::vector<Candidate> &candidates = m_candidates;
    std::vector<std::pair<double, double>> &solids = m_solids; // (left, right) of every solid mark
    candidates.clear();
    solids.clear();
    for (const Mark &m : plan.points) {
        candidates.push_back({ m.rect.right() + s_labelGap, m.incident });
        solids.emplace_back(m.rect.left(), m.rect.right());
    }
    for (const Mark &m : plan.bars) {
        if (!m.continues)
            candidates.push_back({ m.rect.right() + s_labelGap, m.incident });
        solids.emplace_back(m.rect.left(), m.rect.right());
    }
    for (const MergedBars &mb : plan.mergedBars)
        solids.emplace_back(mb.rect.left(), mb.rect.right());
    if (!plan.spansMerged) {
        for (const Mark &m : plan.spans)
            candidates.push_back({ std::max(m.rect.left(), m_plotRect.left()) + s_labelGap, m.incident });
    }
    for (const Cluster &cl : plan.clusters)
        solids.emplace_back(cl.rect.left(), cl.rect.right());
    if (candidates.empty())
        return;
    std::sort(candidates.begin(), candidates.end(),
        [](const Candidate &a, const Candidate &b) { return a.anchor < b.anchor; });
    std::sort(solids.begin(), solids.end());
    // reachRight[k]: the furthest right edge among solids[0..k], to see whether a long bar that
    // starts left of a label still covers it.
    std::vector<double> &reachRight = m_reachRight;
    reachRight.resize(solids.size());
    for (std::size_t k = 0; k < solids.size(); ++k)
        reachRight[k] = std::max(solids[k].second, k ? reachRight[k - 1] : solids[k].second);

    const double h = label.height();
    const double cy = plan.rect.center().y();
    double lastRight = m_plotRect.left() - s_labelGap;
    QString text;
    double w = 0;
    for (const Candidate &cand : candidates) {
        if (cand.anchor < lastRight + s_labelGap || cand.anchor < m_plotRect.left()
            || cand.anchor >= m_plotRect.right())
            continue;
        const auto next = std::upper_bound(solids.begin(), solids.end(), std::make_pair(cand.anchor, 1e300));
        const std::size_t before = std::size_t(next - solids.begin());
        if (before > 0 && reachRight[before - 1] > cand.anchor - s_labelGap)
            continue; // a mark covers the anchor
        const double limit
            = (next == solids.end() ? m_plotRect.right() : std::min(next->first, m_plotRect.right())) - s_labelGap;
        const double room = limit - cand.anchor;
        if (room < s_minLabelRoom)
            continue;
        if (!fitTitle(cand.incident, room, label, &text, &w))
            continue;
        plan.labels.push_back({ QRectF(cand.anchor, cy - h / 2, w, h), std::move(text), qint64(cand.incident) });
        lastRight = cand.anchor + w;
    }
}

void TimelineLayout::planBars(RowPlan &plan)
{
    std::vector<Mark> &bars = plan.bars;
    if (bars.size() < 2)
        return;
    std::sort(bars.begin(), bars.end(), [](const Mark &a, const Mark &b) {
        return a.rect.left() < b.rect.left() || (a.rect.left() == b.rect.left() && a.rect.right() < b.rect.right());
    });

    // Overlap depth along x; bars are half open, [left, right), so touching bars do not overlap.
    std::vector<std::pair<double, int>> &edges = m_edges;
    edges.clear();
    for (const Mark &m : bars) {
        edges.emplace_back(m.rect.left(), +1);
        edges.emplace_back(m.rect.right(), -1);
    }
    std::sort(edges.begin(), edges.end()); // at equal x an end (-1) sorts before a start
    int depth = 0;
    int maxDepth = 0;
    for (const auto &edge : edges)
        maxDepth = std::max(maxDepth, depth += edge.second);
    if (maxDepth <= 1)
        return;
    const int lanes = std::min(maxDepth, laneLimit());
    plan.barLanes = lanes;

    // Stretches deeper than the lanes, merged where they touch.
    std::vector<std::pair<double, double>> &stretches = m_stretches;
    stretches.clear();
    double start = 0;
    depth = 0;
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

    // Each bar minus the stretches, in pieces; each stretch counts the bars it cuts.
    std::vector<int> &counts = m_stretchCounts;
    counts.assign(stretches.size(), 0);
    std::vector<Mark> &pieces = m_pieces;
    pieces.clear();
    for (const Mark &m : bars) {
        double left = m.rect.left();
        const double right = m.rect.right();
        auto s = std::partition_point(stretches.begin(), stretches.end(),
            [left](const std::pair<double, double> &st) { return st.second <= left; });
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

    // Greedy lanes, left to right: outside the stretches at most `lanes` pieces overlap, so a
    // piece always finds a lane that is free at its left edge (interval graphs colour
    // greedily in order of their starts). Lone bars take the middle lane, on the centre line.
    static_assert(s_maxBarLanes == 3, "lane preference orders below cover 2 and 3 lanes");
    static constexpr int order3[] = { 1, 0, 2 };
    static constexpr int order2[] = { 0, 1 };
    const int *order = lanes == 3 ? order3 : order2;
    std::array<double, s_maxBarLanes> laneRight;
    laneRight.fill(-1e300);
    for (Mark &piece : pieces) {
        int lane = -1;
        for (int k = 0; k < lanes && lane < 0; ++k) {
            if (laneRight[std::size_t(order[k])] <= piece.rect.left())
                lane = order[k];
        }
        Q_ASSERT(lane >= 0);
        lane = std::max(lane, 0);
        laneRight[std::size_t(lane)] = piece.rect.right();
        const auto [top, height] = laneExtent(plan.row, lane, lanes);
        piece.rect.setTop(top);
        piece.rect.setHeight(height);
    }
    bars.swap(pieces);

    const auto [top, height] = laneExtent(plan.row, -1, lanes);
    plan.mergedBars.reserve(stretches.size());
    for (std::size_t k = 0; k < stretches.size(); ++k) {
        const auto [x0, x1] = stretches[k];
        plan.mergedBars.push_back({ QRectF(x0, top, x1 - x0, height), counts[k], xToDay(x0), xToDay(x1), QRectF() });
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
    const double bucketDays = s_bucketWidth / m_pxPerDay;
    const double origin = m_frame.firstDay;
    plan.buckets.resize(std::size_t(nb));

    // Each incident adds 1, spread evenly over its whole (uncertain) interval, so a
    // year-precise incident is a faint year-long rise, not a spike on 1 January.
    if (row.hasWeights()) {
        // Busy rows: differences of the cumulative day weights, O(buckets).
        double before = row.weightBeforeDay(origin);
        for (int b = 0; b < nb; ++b) {
            const double next = row.weightBeforeDay(origin + double(b + 1) * bucketDays);
            plan.buckets[std::size_t(b)] = float(std::max(0.0, next - before));
            before = next;
        }
    } else {
        std::vector<float> &direct = m_direct;
        std::vector<float> &rate = m_rate; // difference array of per-bucket rates
        direct.assign(std::size_t(nb), 0.0f);
        rate.assign(std::size_t(nb) + 1, 0.0f);
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
                direct[std::size_t(f0)] += 1;
                return;
            }
            const float r = float(1 / (b1 - b0));
            if (f0 >= 0)
                direct[std::size_t(f0)] += float((f0 + 1 - b0)) * r;
            if (f1 < nb)
                direct[std::size_t(f1)] += float(b1 - f1) * r;
            const int lo = int(std::max(f0 + 1, 0.0));
            const int hi = int(std::min(f1, double(nb)));
            if (lo < hi) {
                rate[std::size_t(lo)] += r;
                rate[std::size_t(hi)] -= r;
            }
        });
        float running = 0;
        for (int b = 0; b < nb; ++b) {
            running += rate[std::size_t(b)];
            plan.buckets[std::size_t(b)] = std::max(0.0f, direct[std::size_t(b)] + running);
        }
    }
    for (float v : plan.buckets)
        m_maxBucket = std::max(m_maxBucket, v);

    // Counts where there is room: each run of non-empty buckets gets its total to its right
    // when the gap to the next run holds it. Counts are digits and group separators; a run
    // whose gap cannot hold even its digits is not formatted or measured.
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

TimelineLayout::Hit TimelineLayout::hitTest(QPointF p) const
{
    Hit hit;
    if (!m_frameRect.contains(p))
        return hit;
    if (m_titleRect.contains(p)) {
        hit.area = Area::Title;
        return hit;
    }
    if (m_legendRect.contains(p)) {
        hit.area = Area::Legend;
        return hit;
    }
    if (m_footerRect.contains(p)) {
        hit.area = Area::Footer;
        return hit;
    }
    if (m_axisRect.contains(p)) {
        hit.area = Area::Axis;
        hit.day = xToDay(p.x());
        return hit;
    }
    if (m_headerRect.contains(p)) {
        hit.area = Area::RowHeader;
        hit.row = yToRow(p.y());
        return hit;
    }
    if (!m_plotRect.contains(p))
        return hit;
    hit.area = Area::Plot;
    hit.day = xToDay(p.x());
    hit.row = yToRow(p.y());
    const RowPlan *plan = planOf(hit.row);
    if (!plan)
        return hit;

    if (plan->aggregated) {
        const int b = int(std::floor((p.x() - m_plotRect.left()) / s_bucketWidth));
        if (b >= 0 && b < int(plan->buckets.size()) && plan->buckets[std::size_t(b)] >= 0.01f) {
            hit.count = std::max(1, qRound(plan->buckets[std::size_t(b)]));
            hit.firstDay = xToDay(m_plotRect.left() + b * s_bucketWidth);
            hit.endDay = xToDay(m_plotRect.left() + (b + 1) * s_bucketWidth);
        }
        return hit;
    }

    // Topmost first: points and clusters, then merged bars and bars, then labels, then faded spans.
    auto contains = [&p](const QRectF &r, double slop) { return r.adjusted(-slop, -slop, slop, slop).contains(p); };
    const Mark *best = nullptr;
    double bestDistance = 0;
    for (const Mark &m : plan->points) {
        if (!contains(m.rect, s_hitSlop))
            continue;
        const double d = std::abs(m.rect.center().x() - p.x());
        if (!best || d < bestDistance) {
            best = &m;
            bestDistance = d;
        }
    }
    if (best) {
        hit.incident = best->incident;
        return hit;
    }
    for (const Cluster &cl : plan->clusters) {
        if (contains(cl.rect, 1)) {
            hit.count = cl.count;
            hit.firstDay = cl.firstDay;
            hit.endDay = double(cl.lastDay) + 1;
            return hit;
        }
    }
    for (const MergedBars &mb : plan->mergedBars) {
        if (mb.rect.contains(p)) {
            hit.count = mb.count;
            hit.firstDay = mb.firstDay;
            hit.endDay = mb.endDay;
            return hit;
        }
    }
    // A bar under the point, else the nearest one within reach (lanes are closer than the reach).
    for (const Mark &m : plan->bars) {
        if (m.rect.contains(p)) {
            hit.incident = m.incident;
            return hit;
        }
    }
    for (const Mark &m : plan->bars) {
        if (!contains(m.rect, 2))
            continue;
        const double dx = std::max({ m.rect.left() - p.x(), p.x() - m.rect.right(), 0.0 });
        const double dy = std::max({ m.rect.top() - p.y(), p.y() - m.rect.bottom(), 0.0 });
        const double d = dx + dy;
        if (!best || d < bestDistance) {
            best = &m;
            bestDistance = d;
        }
    }
    if (best) {
        hit.incident = best->incident;
        return hit;
    }
    for (const Label &l : plan->labels) {
        if (l.incident >= 0 && l.rect.contains(p)) {
            hit.incident = l.incident;
            return hit;
        }
    }
    // The shortest span under the point is the most specific one.
    for (const Mark &m : plan->spans) {
        if (!m.rect.contains(p))
            continue;
        if (!best || m.rect.width() < best->rect.width())
            best = &m;
    }
    if (best)
        hit.incident = best->incident;
    return hit;
}
