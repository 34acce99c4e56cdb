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
        if (m_frame.legendTypes)
            layoutLegend(small, *m_frame.legendTypes);
        else
            layoutLegendOfDrawnTypes(small, bottom);
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

void TimelineLayout::layoutLegendOfDrawnTypes(const QFontMetricsF &small, double bottom)
{
    // The types drawn depend on the rows that fit above the legend, and the legend's height on
    // the types it lists. Start from the rows of a plot without a legend and settle; should it
    // not settle in three steps, list every type drawn and perhaps one more, never fewer.
    const double top = m_plotRect.top();
    std::uint32_t listed = typesDrawn(bottom - top);
    for (int step = 0;; ++step) {
        layoutLegend(small, listed);
        const std::uint32_t drawn = typesDrawn(bottom - m_legendRect.height() - top);
        if (drawn == listed)
            return;
        if (step == 2) {
            if (drawn & ~listed)
                layoutLegend(small, listed | drawn);
            return;
        }
        listed = drawn;
    }
}

std::uint32_t TimelineLayout::typesDrawn(double plotHeight) const
{
    const int rows = rowCount();
    if (rows == 0 || m_frame.rowHeight <= 0 || plotHeight <= 0)
        return 0;
    const int first = std::clamp(int(std::floor(m_frame.scrollY / m_frame.rowHeight)), 0, rows - 1);
    const int last = std::clamp(int(std::ceil((m_frame.scrollY + plotHeight) / m_frame.rowHeight)) - 1, 0, rows - 1);
    return typesIn(*m_frame.rows, first, last, m_frame.firstDay, m_frame.endDay);
}

std::uint32_t TimelineLayout::typesIn(const TimelineRows &rows, int first, int last, double from, double end)
{
    first = std::max(first, 0);
    last = std::min(last, rows.rowCount() - 1);
    const IncidentColumns &c = rows.columns();
    std::uint32_t mask = 0;
    for (int r = first; r <= last; ++r) {
        const TimelineRow &row = rows.row(r);
        if ((mask | row.typeMask) == mask || row.count() == 0)
            continue;
        if (row.firstIncidentDay() >= from && double(row.lastIncidentDay()) + 1 <= end) {
            mask |= row.typeMask; // the whole row is in view
            continue;
        }
        row.forEachCandidate(qint64(std::floor(from)), qint64(std::ceil(end)) - 1, [&](std::size_t k) {
            if (double(row.lastDay[k]) + 1 > from && double(row.firstDay[k]) < end)
                mask |= 1u << c.type[row.incidents[k]];
        });
    }
    return mask;
}

void TimelineLayout::layoutLegend(const QFontMetricsF &small, std::uint32_t types)
{
    m_legend.clear();
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
    for (int t = 0; t < IncidentTypeCount; ++t) {
        if (types & (1u << t))
            add(LegendKind::Type, t, Vocabulary::typeLabel(IncidentType(t)));
    }
    add(LegendKind::Point, -1, tr("exact day"), types ? 12 : 0);
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
// all) are measured from the advance table, stopping at the first character that overflows
// and without building a QString for the ones that do not fit; others are measured by Qt.
bool TimelineLayout::fitTitle(
    Index incident, double room, const QFontMetricsF &label, QString *text, double *width) const
{
    const IncidentColumns &c = m_frame.rows->columns();
    const QByteArrayView utf8 = c.titleUtf8(incident);
    // Shaping rounds glyph positions, so a sum of advances can fall short of the shaped
    // width by a fraction of a pixel per glyph run: allow a little more.
    auto bound = [](double sum) { return sum * 1.005 + 1; };
    double sum = 0;
    bool ascii = true;
    qsizetype scanned = 0;
    for (; scanned < utf8.size(); ++scanned) {
        const auto u = static_cast<unsigned char>(utf8[scanned]);
        if (u < 32 || u >= 127) {
            ascii = false;
            break;
        }
        sum += m_asciiAdvance[u];
        if (bound(sum) > room)
            break; // too long to fit whole; an elided prefix needs no more than this
    }
    if (ascii) {
        if (scanned == utf8.size()) {
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
    // A character takes at most four UTF-8 bytes: a title with more than four bytes per unit
    // of room could only fit if made of characters narrower than one unit, and is not shaped.
    if (room<s_minElidedRoom &&double(utf8.size()) / 4> room)
        return false;
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

TimelineLayout::Hit TimelineLayout::hitTest(QPointF p) const
{
    Hit hit;
    if (!m_frameRect.contains(p) || hitArea(p, hit) || !m_plotRect.contains(p))
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
    hitMarks(*plan, p, hit);
    return hit;
}

// The areas around the plot: true when `p` is in one of them (set in hit).
bool TimelineLayout::hitArea(QPointF p, Hit &hit) const
{
    if (m_titleRect.contains(p))
        hit.area = Area::Title;
    else if (m_legendRect.contains(p))
        hit.area = Area::Legend;
    else if (m_footerRect.contains(p))
        hit.area = Area::Footer;
    else if (m_axisRect.contains(p))
        hit.area = Area::Axis;
    else if (m_headerRect.contains(p))
        hit.area = Area::RowHeader;
    else
        return false;
    if (hit.area == Area::Axis)
        hit.day = xToDay(p.x());
    if (hit.area == Area::RowHeader)
        hit.row = yToRow(p.y());
    return true;
}

// Topmost first: points and clusters, then merged bars and bars, then labels, then faded spans.
void TimelineLayout::hitMarks(const RowPlan &plan, QPointF p, Hit &hit) const
{
    const auto contains
        = [&p](const QRectF &r, double slop) { return r.adjusted(-slop, -slop, slop, slop).contains(p); };
    const Mark *best = nullptr;
    double bestDistance = 0;
    for (const Mark &m : plan.points) {
        if (!contains(m.rect, s_hitSlop))
            continue;
        const double d = std::abs(m.rect.center().x() - p.x());
        if (!best || d < bestDistance) {
            best = &m;
            bestDistance = d;
        }
    }
    if (!best) {
        for (const Cluster &cl : plan.clusters) {
            if (contains(cl.rect, 1)) {
                hit.count = cl.count;
                hit.firstDay = cl.firstDay;
                hit.endDay = double(cl.lastDay) + 1;
                return;
            }
        }
        for (const MergedBars &mb : plan.mergedBars) {
            if (mb.rect.contains(p)) {
                hit.count = mb.count;
                hit.firstDay = mb.firstDay;
                hit.endDay = mb.endDay;
                return;
            }
        }
        best = hitBar(plan, p);
    }
    if (best) {
        hit.incident = best->incident;
        return;
    }
    for (const Label &l : plan.labels) {
        if (l.incident >= 0 && l.rect.contains(p)) {
            hit.incident = l.incident;
            return;
        }
    }
    // The shortest span under the point is the most specific one.
    for (const Mark &m : plan.spans) {
        if (m.rect.contains(p) && (!best || m.rect.width() < best->rect.width()))
            best = &m;
    }
    if (best)
        hit.incident = best->incident;
}

// A bar under the point, else the nearest one within reach (lanes are closer than the reach).
const TimelineLayout::Mark *TimelineLayout::hitBar(const RowPlan &plan, QPointF p) const
{
    for (const Mark &m : plan.bars) {
        if (m.rect.contains(p))
            return &m;
    }
    const Mark *best = nullptr;
    double bestDistance = 0;
    for (const Mark &m : plan.bars) {
        if (!m.rect.adjusted(-2, -2, 2, 2).contains(p))
            continue;
        const double dx = std::max({ m.rect.left() - p.x(), p.x() - m.rect.right(), 0.0 });
        const double dy = std::max({ m.rect.top() - p.y(), p.y() - m.rect.bottom(), 0.0 });
        const double d = dx + dy;
        if (!best || d < bestDistance) {
            best = &m;
            bestDistance = d;
        }
    }
    return best;
}
