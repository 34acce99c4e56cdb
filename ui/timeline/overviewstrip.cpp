#include "timeline/overviewstrip.h"

#include "render/dateticks.h"

#include <QDate>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace {
constexpr double s_edgeGrab = 5; // px either side of a window edge that resize it
constexpr double s_minWindow = 6; // px: the window never gets narrower, so it stays grabbable

int monthIndex(const QDate &d)
{
    return d.year() * 12 + d.month() - 1;
}
} // namespace

OverviewStrip::OverviewStrip(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Overview of incidents per month"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMinimumHeight(40);
    m_theme = Theme::forDarkMode(palette().color(QPalette::Window).lightness() < 128);
}

void OverviewStrip::setIncidents(
    std::shared_ptr<const IncidentColumns> columns, const std::vector<IncidentColumns::Index> &indices)
{
    m_counts.clear();
    m_maxCount = 0;
    if (!columns || indices.empty()) {
        update();
        return;
    }
    qint32 first = std::numeric_limits<qint32>::max();
    qint32 last = std::numeric_limits<qint32>::min();
    for (IncidentColumns::Index i : indices) {
        first = std::min(first, columns->firstDay[i]);
        last = std::max(last, columns->lastDay[i]);
    }
    const QDate firstMonth = QDate::fromJulianDay(first);
    const QDate lastMonth = QDate::fromJulianDay(last);
    const int m0 = monthIndex(firstMonth);
    const int months = monthIndex(lastMonth) - m0 + 1;
    m_dataFirst = double(QDate(firstMonth.year(), firstMonth.month(), 1).toJulianDay());
    m_dataEnd = double(QDate(lastMonth.year(), lastMonth.month(), 1).addMonths(1).toJulianDay());
    m_counts.assign(std::size_t(months), 0);
    // An incident counts in the month it starts: the strip shows when things happened, not
    // how long the uncertainty lasts. Month-level resolution makes day precision moot.
    for (IncidentColumns::Index i : indices)
        ++m_counts[std::size_t(monthIndex(QDate::fromJulianDay(columns->firstDay[i])) - m0)];
    m_maxCount = *std::max_element(m_counts.begin(), m_counts.end());
    update();
}

void OverviewStrip::setVisibleRange(double firstDay, double endDay)
{
    if (firstDay == m_firstDay && endDay == m_endDay)
        return;
    m_firstDay = firstDay;
    m_endDay = endDay;
    update();
}

QRectF OverviewStrip::plotRect() const
{
    return QRectF(rect()).adjusted(4, 3, -4, -16);
}

double OverviewStrip::dayToX(double day) const
{
    const QRectF r = plotRect();
    const double first = std::min(m_dataFirst, m_firstDay);
    const double end = std::max(m_dataEnd, m_endDay);
    return r.left() + (day - first) / std::max(1.0, end - first) * r.width();
}

double OverviewStrip::xToDay(double x) const
{
    const QRectF r = plotRect();
    const double first = std::min(m_dataFirst, m_firstDay);
    const double end = std::max(m_dataEnd, m_endDay);
    return first + (x - r.left()) / std::max(1.0, r.width()) * (end - first);
}

void OverviewStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), m_theme.headerBackground);
    const QRectF r = plotRect();
    p.setRenderHint(QPainter::Antialiasing, false);

    // Year ticks under the histogram, from the same tick engine as the timeline.
    const double first = xToDay(r.left());
    const double end = xToDay(r.right());
    const QFontMetricsF fm(m_theme.smallFont);
    const DateTicks ticks = DateTicks::compute(first, end, r.width(), fm);
    const DateTicks::Tier &tier = ticks.minor.unit == DateTicks::Unit::Year ? ticks.minor : ticks.major;
    p.setFont(m_theme.smallFont);
    for (const DateTicks::Tick &tick : tier.ticks) {
        const double x = dayToX(double(tick.day));
        if (x < r.left() || x > r.right())
            continue;
        p.setPen(m_theme.grid);
        p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
        p.setPen(m_theme.mutedText);
        p.drawText(QRectF(x + 3, r.bottom() + 1, 60, 14), Qt::AlignLeft | Qt::AlignVCenter, tick.label);
    }

    if (m_maxCount > 0) {
        QColor bar = m_theme.density;
        bar.setAlphaF(0.7f);
        QDate month = QDate::fromJulianDay(qint64(m_dataFirst));
        for (int count : m_counts) {
            const QDate next = month.addMonths(1);
            if (count > 0) {
                const double x0 = dayToX(double(month.toJulianDay()));
                const double x1 = std::max(x0 + 1, dayToX(double(next.toJulianDay())));
                const double h = std::max(1.0, r.height() * std::sqrt(double(count) / m_maxCount));
                p.fillRect(QRectF(x0, r.bottom() - h, x1 - x0, h), bar);
            }
            month = next;
        }
    }
    p.setPen(m_theme.axisLine);
    p.drawLine(r.bottomLeft(), r.bottomRight());

    // The visible range: the outside is dimmed, the window outlined.
    p.setRenderHint(QPainter::Antialiasing, true);
    double x0 = dayToX(m_firstDay);
    double x1 = dayToX(m_endDay);
    if (x1 - x0 < s_minWindow) {
        const double mid = (x0 + x1) / 2;
        x0 = mid - s_minWindow / 2;
        x1 = mid + s_minWindow / 2;
    }
    QColor dim = m_theme.background;
    dim.setAlphaF(0.55f);
    p.fillRect(QRectF(QPointF(rect().left(), r.top()), QPointF(x0, r.bottom())), dim);
    p.fillRect(QRectF(QPointF(x1, r.top()), QPointF(rect().right() + 1, r.bottom())), dim);
    QColor fill = m_theme.selection;
    fill.setAlphaF(0.10f);
    p.setBrush(fill);
    p.setPen(QPen(m_theme.selection, 1.5));
    p.drawRect(QRectF(QPointF(x0, r.top()), QPointF(x1, r.bottom())));
}

OverviewStrip::Drag OverviewStrip::dragAt(double x) const
{
    const double x0 = dayToX(m_firstDay);
    const double x1 = dayToX(m_endDay);
    if (std::abs(x - x0) <= s_edgeGrab && x1 - x0 > 2 * s_edgeGrab)
        return Drag::Left;
    if (std::abs(x - x1) <= s_edgeGrab)
        return Drag::Right;
    if (x > x0 && x < x1)
        return Drag::Move;
    return Drag::None;
}

void OverviewStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const double x = event->position().x();
    m_drag = dragAt(x);
    if (m_drag == Drag::None) {
        // Centre the window where the user clicked, then let the drag continue moving it.
        const double span = m_endDay - m_firstDay;
        const double day = xToDay(x);
        m_firstDay = day - span / 2;
        m_endDay = day + span / 2;
        emit rangeRequested(m_firstDay, m_endDay);
        m_drag = Drag::Move;
        update();
    }
    m_dragOriginX = x;
    m_dragFirst = m_firstDay;
    m_dragEnd = m_endDay;
}

void OverviewStrip::mouseMoveEvent(QMouseEvent *event)
{
    const double x = event->position().x();
    if (m_drag == Drag::None) {
        const Drag over = dragAt(x);
        setCursor(over == Drag::Left || over == Drag::Right ? Qt::SizeHorCursor
                : over == Drag::Move                        ? Qt::OpenHandCursor
                                                            : Qt::PointingHandCursor);
        return;
    }
    const double days = xToDay(x) - xToDay(m_dragOriginX);
    double first = m_dragFirst;
    double end = m_dragEnd;
    if (m_drag == Drag::Move) {
        first += days;
        end += days;
    } else if (m_drag == Drag::Left) {
        first = std::min(first + days, end - 1);
    } else {
        end = std::max(end + days, first + 1);
    }
    m_firstDay = first;
    m_endDay = end;
    update();
    emit rangeRequested(first, end);
}

void OverviewStrip::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_drag = Drag::None;
}

void OverviewStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_theme = Theme::forDarkMode(palette().color(QPalette::Window).lightness() < 128);
        update();
    }
    QWidget::changeEvent(event);
}
